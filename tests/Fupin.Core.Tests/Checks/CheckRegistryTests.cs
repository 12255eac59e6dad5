using Fupin.Accounts;
using Fupin.Checks;
using Fupin.Common;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;

namespace Fupin.Tests.Checks;

/// <summary>
/// 石门村 with one household per planted problem and a clean one; 竹园村 (same township) with a
/// household of two heads. Each planted problem names its household and member.
/// </summary>
public class CheckRegistryTests : IAsyncLifetime
{
    const string OtherVillage = "411321304202";
    TestDatabase _db = null!;
    readonly Dictionary<string, Household> _h = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, OtherVillage, "竹园村");
        await AddAsync("clean", h => h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "干净")));
        await AddAsync("twoHeads", h => h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation) = ("第二户主", "户主"))));
        await AddAsync("first", h => h.Members[0].Name = "原登记人");
        var taken = _h["first"].Members[0].IdNumber;
        await AddAsync("clean2");
        await AddAsync("duplicate", h => h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.IdNumber, m.Gender, m.BirthDate) = ("重号人", taken, taken!.Value.Gender, taken.Value.BirthDate))));
        await AddAsync("migrant", h => h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.MigrantWorkPlace, m.MigrantWorkMonths) = ("外出务工", "广东省深圳市", null))));
        await AddAsync("phone", h => h.Phone = "1381234");
        await AddAsync("exited", h =>
        {
            h.Status = PovertyStatus.ExitedWithPolicy;
            h.ExitYear = 2017;
            h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.HasCriticalIllness) = ("未参保", false)));
        });
        await AddAsync("otherVillage", h =>
        {
            h.VillageCode = OtherVillage;
            h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation) = ("外村户主二", "户主")));
        });
    }

    async Task AddAsync(string key, Action<Household>? configure = null)
    {
        await using var ctx = _db.NewContext();
        var h = RegistryBuilder.Household(configure);
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
        _h[key] = h;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<RegistryCheckReport>> CheckAsync(string region, string? rule = null, AccessScope? scope = null, int pageSize = CheckRegistry.DefaultPageSize, IProgress<string>? progress = null)
    {
        await using var ctx = _db.NewContext(scope);
        return await new CheckRegistry(ctx, _db.Clock).HandleAsync(new CheckRegistryRequest(region, rule, pageSize), progress, default);
    }

    [Fact]
    public async Task County_PageByPage_FindsEveryPlantedProblemWithHouseholdMemberVillageAndRule()
    {
        var progress = new ListProgress();
        var result = await CheckAsync(RegistryBuilder.County, pageSize: 1, progress: progress);

        Assert.True(result.IsOk);
        var report = result.Value;
        Assert.Equal((9, "南召县"), (report.Households, report.RegionName));
        var found = report.Problems.Select(p => (p.Household, p.Member, p.Rule)).ToList();
        Assert.Equal(
            new[]
            {
                (_h["twoHeads"].Number, (string?)"第二户主", Rules.HeadSeveral.Code),
                (_h["duplicate"].Number, "重号人", Rules.IdDuplicate.Code),
                (_h["migrant"].Number, "外出务工", Rules.MigrantTogether.Code),
                (_h["phone"].Number, null, Rules.PhoneLength.Code),
                (_h["exited"].Number, "未参保", Rules.ExitedCriticalIllness.Code),
                (_h["otherVillage"].Number, "外村户主二", Rules.HeadSeveral.Code),
            }.Order(),
            found.Order());

        var duplicate = report.Problems.Single(p => p.Rule == Rules.IdDuplicate.Code);
        Assert.Equal(Severity.Error, duplicate.Severity);
        Assert.Equal(("石门村", "证件号码"), (duplicate.Village, duplicate.Field));
        Assert.Contains($"户{_h["first"].Number}", duplicate.Message);
        Assert.Contains("原登记人", duplicate.Message);
        Assert.Contains(_h["first"].Members[0].IdNumber!.Value.Masked, duplicate.Message);
        Assert.DoesNotContain(_h["first"].Members[0].IdNumber!.Value.ToString(), duplicate.Message);

        var phone = report.Problems.Single(p => p.Rule == Rules.PhoneLength.Code);
        Assert.DoesNotContain("1381234", phone.Message);
        Assert.Contains("“1**1234”", phone.Message);

        Assert.Equal(
            [(Rules.IdDuplicate.Code, 1), (Rules.HeadSeveral.Code, 2), (Rules.MigrantTogether.Code, 1), (Rules.ExitedCriticalIllness.Code, 1), (Rules.PhoneLength.Code, 1)],
            report.ByRule.Select(r => (r.Rule, r.Count)));
        Assert.Equal("同一户编号下有多个户主", report.ByRule.Single(r => r.Rule == Rules.HeadSeveral.Code).Title);
        Assert.Equal((4, 2), (report.Errors, report.Warnings));
        Assert.Equal(
            [(RegistryBuilder.Village, "石门村", 3, 2), (OtherVillage, "竹园村", 1, 0)],
            report.ByVillage.Select(v => (v.VillageCode, v.Village, v.Errors, v.Warnings)));
        Assert.Contains("已检查 9/9 户", progress.Messages);
    }

    [Fact]
    public async Task Rule_ListsOnlyThatRule_CountsStillCoverAll()
    {
        var report = (await CheckAsync(RegistryBuilder.Township, Rules.HeadSeveral.Code)).Value!;

        Assert.Equal(2, report.Problems.Count);
        Assert.All(report.Problems, p => Assert.Equal(Rules.HeadSeveral.Code, p.Rule));
        Assert.Equal(5, report.ByRule.Count);
    }

    [Fact]
    public async Task VillageCadre_TownshipOrOwnVillage_SeesOnlyOwnVillage_OtherVillageIsNotFound()
    {
        var cadre = AccessScope.For(1, Role.VillageCadre, [RegistryBuilder.Village]);

        foreach (var region in new[] { RegistryBuilder.Township, RegistryBuilder.Village })
        {
            var report = (await CheckAsync(region, scope: cadre)).Value!;
            Assert.Equal(8, report.Households);
            Assert.All(report.Problems, p => Assert.Equal(RegistryBuilder.Village, p.VillageCode));
            Assert.DoesNotContain(report.Problems, p => p.Household == _h["otherVillage"].Number);
            Assert.Equal(5, report.Problems.Count);
        }

        var other = await CheckAsync(OtherVillage, scope: cadre);
        Assert.Equal(FailureKind.NotFound, other.Failure?.Kind);
    }

    [Fact]
    public async Task BadRegionOrUnknownRule_IsInvalid_UnknownRegionIsNotFound()
    {
        var bad = await CheckAsync("41132", "no.such_rule");
        Assert.Equal(FailureKind.Invalid, bad.Failure?.Kind);
        Assert.Equal(["Region", "Rule"], bad.Failure!.Errors.Select(e => e.Field));

        Assert.Equal(FailureKind.NotFound, (await CheckAsync("411322")).Failure?.Kind);
    }

    [Fact]
    public void Checker_FedTwice_StillFindsTheFirstCallsIdNumber_AndCheckOfAListKeepsItsMessages()
    {
        var today = new DateOnly(2018, 10, 8);
        var a = RegistryBuilder.Household();
        var b = RegistryBuilder.Household(h => (h.Members[0].IdNumber, h.Members[0].Gender, h.Members[0].BirthDate) = (a.Members[0].IdNumber, a.Members[0].Gender, a.Members[0].BirthDate));
        HouseholdDraft Draft(Household h, int row) => new() { Number = h.Number, FirstRow = row, Household = h, Members = { new MemberDraft { Row = row, Member = h.Members[0] } } };

        var checker = new RegistryChecker(today, _ => true, f => f.ToString(), stored: true);
        Assert.Empty(checker.Check([Draft(a, 2)]));
        var second = Assert.Single(checker.Check([Draft(b, 3)]));
        Assert.Equal((3, Rules.IdDuplicate.Code, b.Number), (second.Row, second.Rule, second.Household));
        Assert.Contains($"已在户{a.Number}（第2行）出现", second.Message);

        // One list, one household repeating its own number: as the import has always reported it.
        var self = RegistryBuilder.Household();
        self.Members.Add(RegistryBuilder.Member(self, m => m.IdNumber = self.Members[0].IdNumber));
        var draft = new HouseholdDraft { Number = self.Number, FirstRow = 5, Household = self };
        draft.Members.Add(new MemberDraft { Row = 5, Member = self.Members[0] });
        draft.Members.Add(new MemberDraft { Row = 6, Member = self.Members[1] });
        var own = new RegistryChecker(today, _ => true, f => f.ToString(), stored: true).Check([draft]).Where(p => p.Rule == Rules.IdDuplicate.Code);
        Assert.Contains("已在本户（第5行）出现", Assert.Single(own).Message);
    }

    sealed class ListProgress : IProgress<string>
    {
        public List<string> Messages { get; } = [];

        public void Report(string value) => Messages.Add(value);
    }
}
