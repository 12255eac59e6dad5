using System.Text;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Verification;

/// <summary>
/// 石门村 with one member (or household) per case: for each comparison rule a member it must find
/// and a look-alike it must not; the lists are CSV files written here. Members are known by name.
/// </summary>
public class RunVerificationTests : IAsyncLifetime
{
    static readonly DateOnly AsOf = new(2018, 9, 30);
    const string OtherTownshipVillage = "411321100201";

    TestDatabase _db = null!;
    string _dir = null!;
    readonly Dictionary<string, Member> _m = new(StringComparer.Ordinal);
    readonly Dictionary<string, Household> _h = new(StringComparer.Ordinal);
    int _sequence = 1;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-lists-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, OtherTownshipVillage, "城关村");

        await AddAsync("甲户", "甲一", h => h.Members.Add(Person(h, "甲二", new DateOnly(2010, 3, 1))));
        foreach (var name in new[] { "死者", "迁者", "死迁", "公职", "车主", "农机", "老板", "房主", "村官", "错名", "无保", "职工", "大病" })
            await AddAsync(name + "户", name);
        await AddAsync("低保户", "低保甲", h =>
        {
            h.Members.Add(Person(h, "低保乙", dibao: true));
            h.Members.Add(Person(h, "低保丙", dibao: true));
        });
        await AddAsync("特困户", "特困甲", h =>
        {
            h.Members.Add(Person(h, "特困乙", tekun: true));
            h.Members.Add(Person(h, "特困丙", tekun: true));
        });
        await AddAsync("残疾户", "残疾甲", h =>
        {
            h.Members.Add(Person(h, "残疾乙", health: HealthConditions.Disabled));
            h.Members.Add(Person(h, "残疾丙", health: HealthConditions.Disabled | HealthConditions.Chronic));
        });
        await AddAsync("学童户", "学童家长", h =>
        {
            h.Members.Add(Person(h, "学童", new DateOnly(2008, 5, 1)));
            h.Members.Add(Person(h, "幼童", new DateOnly(2013, 1, 1)));
            h.Members.Add(Person(h, "少年", new DateOnly(2002, 9, 1)));
            h.Members.Add(Person(h, "边界", new DateOnly(2002, 10, 1)));
        });
        await AddAsync("危房户", "危房户主", h => h.HousingGrade = HousingGrade.C);
        await AddAsync("改好户", "改好户主", h => h.HousingGrade = HousingGrade.D);
        await AddAsync("名单危户", "名单危户主");
        await AddAsync("城关户", "城关人", h => h.VillageCode = OtherTownshipVillage);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    Member Person(Household h, string name, DateOnly? birth = null, bool dibao = false, bool tekun = false, HealthConditions health = HealthConditions.Healthy)
    {
        var id = ResidentId.Create(RegistryBuilder.County, birth ?? new DateOnly(1970, 1, 1).AddDays(_sequence), 100 + _sequence++);
        var m = RegistryBuilder.Member(h, m =>
        {
            (m.Name, m.IdNumber, m.BirthDate, m.Gender) = (name, id, id.BirthDate, id.Gender);
            (m.IsDibao, m.IsTekun, m.Health) = (dibao, tekun, health);
        });
        _m[name] = m;
        return m;
    }

    async Task AddAsync(string household, string head, Action<Household>? configure = null)
    {
        var h = RegistryBuilder.Household(h =>
        {
            h.Members.Clear();
            h.Members.Add(Person(h, head));
            h.Members[0].Relation = "户主";
            configure?.Invoke(h);
            foreach (var m in h.Members) m.CountyCode = h.CountyCode;
        });
        await using var ctx = _db.NewContext(AccessScope.System);
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
        _h[household] = h;
    }

    string Id(string name) => _m[name].IdNumber!.Value.ToString();

    static string Stranger(int n) => ResidentId.Create("411321", new DateOnly(1980, 1, 1).AddDays(n), 900 + n % 99).ToString();

    string Write(string file, string header, IEnumerable<string> rows)
    {
        var path = Path.Combine(_dir, file);
        File.WriteAllText(path, header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        return path;
    }

    async Task<ImportDepartmentListReport> LoadAsync(string type, string path, DateOnly? asOf = null, string? region = null)
    {
        await using var ctx = _db.NewContext(AccessScope.System);
        var result = await new ImportDepartmentList(ctx, _db.Clock).HandleAsync(new ImportDepartmentListRequest(type, path, asOf ?? AsOf, region), null, default);
        Assert.True(result.IsOk, (result.Failure?.Errors.Count > 0 ? result.Failure.Errors[0].Message : null) ?? result.Failure?.Message);
        return result.Value;
    }

    async Task<VerificationReport> RunAsync(string region = RegistryBuilder.County, AccessScope? scope = null)
    {
        await using var ctx = _db.NewContext(scope ?? AccessScope.System);
        var result = await new RunVerification(ctx, _db.Clock).HandleAsync(new RunVerificationRequest(region), null, default);
        Assert.True(result.IsOk, result.Failure?.Message);
        return result.Value;
    }

    /// <summary>The current (not gone) findings as "rule name" pairs, by member name or household head.</summary>
    async Task<SortedSet<string>> FindingsAsync()
    {
        await using var ctx = _db.NewContext(AccessScope.System);
        var findings = await ctx.Findings.AsNoTracking().Where(f => f.GoneInRunId == null).ToListAsync();
        var names = _m.Values.ToDictionary(m => m.Id, m => m.Name);
        var heads = _h.Values.ToDictionary(h => h.Id, h => h.Members[0].Name);
        return new SortedSet<string>(findings.Select(f => f.Rule + " " + (f.MemberId is { } id ? names[id] : heads[f.HouseholdId])), StringComparer.Ordinal);
    }

    IEnumerable<string> Everyone(Func<Member, bool>? except = null) => _m.Values.Where(m => except is null || !except(m)).Select(m => m.Name);

    async Task LoadAllListsAsync()
    {
        await LoadAsync("deaths", Write("deaths.csv", "姓名,身份证号码,注销原因,注销日期",
            [$"死者,{Id("死者")},死亡,2018-03-02", $"迁者,{Id("迁者")},迁出,2018-04-01", $"死迁,{Id("死迁")},迁出,2017-01-01",
             $"死迁,{Id("死迁")},死亡,2018-06-01", $"外人,{Stranger(1)},死亡,2018-01-01"]));
        await LoadAsync("payroll", Write("payroll.csv", "姓名,身份证号码,工作单位",
            [$"公职,{Id("公职")},县教育局", $"别人,{Id("错名")},县水利局", $"外人,{Stranger(2)},县财政局"]));
        await LoadAsync("vehicles", Write("vehicles.csv", "姓名,身份证号码,车辆类型,号牌号码",
            [$"车主,{Id("车主")},小型轿车,豫R12345", $"农机,{Id("农机")},手扶拖拉机,豫R3-001", $"农机,{Id("农机")},三轮汽车,豫R5-002"]));
        await LoadAsync("businesses", Write("businesses.csv", "姓名,身份证号码,企业名称,身份", [$"老板,{Id("老板")},南召某某商贸有限公司,股东"]));
        await LoadAsync("property", Write("property.csv", "姓名,身份证号码,坐落", [$"房主,{Id("房主")},南阳市卧龙区某小区"]));
        await LoadAsync("village-officials", Write("officials.csv", "姓名,身份证号码,职务,关系", [$"村官,{Id("村官")},村委委员,本人"]));
        await LoadAsync("dibao", Write("dibao.csv", "姓名,身份证号码,保障类别", [$"低保甲,{Id("低保甲")},一类", $"低保乙,{Id("低保乙")},二类"]));
        await LoadAsync("tekun", Write("tekun.csv", "姓名,身份证号码,供养方式", [$"特困甲,{Id("特困甲")},分散供养", $"特困乙,{Id("特困乙")},集中供养"]));
        await LoadAsync("disability", Write("disability.csv", "姓名,身份证号码,残疾类别,残疾等级", [$"残疾甲,{Id("残疾甲")},肢体,三级", $"残疾乙,{Id("残疾乙")},视力,二级"]));
        await LoadAsync("school-enrolment", Write("school.csv", "姓名,身份证号码,学校,年级", [$"甲二,{Id("甲二")},石门乡中心小学,三年级"]));
        await LoadAsync("medical-insurance", Write("medical.csv", "姓名,身份证号码,险种",
            Everyone(m => m.Name is "无保" or "大病" or "职工").Select(n => $"{n},{Id(n)},城乡居民基本医疗保险")
                .Append($"职工,{Id("职工")},城镇职工基本医疗保险").Append($"大病,{Id("大病")},大病保险")));
        await LoadAsync("unsafe-housing", Write("housing.csv", "姓名,身份证号码,危房等级,改造状态",
            [$"改好户主,{Id("改好户主")},D级,已竣工", $"名单危户主,{Id("名单危户主")},D级,未改造"]));
    }

    [Fact]
    public async Task Run_EveryRule_FindsItsCaseAndNotTheLookAlike()
    {
        await LoadAllListsAsync();
        var report = await RunAsync();

        string[] expected =
        [
            "list.deceased 死者", "list.deceased 死迁", "list.moved_out 迁者", "list.payroll 公职", "list.vehicle 车主", "list.business 老板",
            "list.property 房主", "list.dibao_not_registered 低保甲", "list.dibao_not_listed 低保丙", "list.tekun_not_registered 特困甲",
            "list.tekun_not_listed 特困丙", "list.not_enrolled 学童", "list.not_enrolled 边界", "list.uninsured 无保", "list.uninsured 大病",
            "list.unsafe_housing 危房户主", "list.unsafe_housing 名单危户主", "list.disability_not_flagged 残疾甲",
            "list.disability_not_listed 残疾丙", "list.village_official 村官", "list.name_mismatch 错名",
        ];
        Assert.Equal(new SortedSet<string>(expected, StringComparer.Ordinal), await FindingsAsync());
        Assert.Equal(expected.Length, report.Found);
        Assert.Equal(expected.Length, report.New);
        Assert.Empty(report.Skipped);
        Assert.Equal(12, report.Lists.Count);
    }

    [Fact]
    public async Task Run_Twice_CreatesNothingNew_AndKeepsTheFindingsIdentity()
    {
        await LoadAllListsAsync();
        await RunAsync();
        await using (var ctx = _db.NewContext(AccessScope.System))
        {
            var f = await ctx.Findings.SingleAsync(x => x.Rule == "list.payroll");
            f.Status = FindingStatus.Verifying;
            await ctx.SaveChangesAsync();
        }
        var again = await RunAsync();

        Assert.Equal(0, again.New);
        Assert.Equal(0, again.Gone);
        Assert.Equal(0, again.Reopened);
        await using var check = _db.NewContext(AccessScope.System);
        Assert.Equal(again.Found, await check.Findings.CountAsync());
        var payroll = await check.Findings.SingleAsync(x => x.Rule == "list.payroll");
        Assert.Equal(FindingStatus.Verifying, payroll.Status);
        Assert.Equal(again.RunId, payroll.LastSeenRunId);
        Assert.NotEqual(again.RunId, payroll.FirstRunId);
    }

    [Fact]
    public async Task Run_AfterTheRecordIsFixed_MarksTheFindingGone_AndReopensItWhenTheCauseReturns()
    {
        await LoadAllListsAsync();
        await RunAsync();
        await SetDibaoAsync("低保甲", true);
        var fixedRun = await RunAsync();

        Assert.Equal(1, fixedRun.Gone);
        Assert.DoesNotContain("list.dibao_not_registered 低保甲", await FindingsAsync());
        await using (var ctx = _db.NewContext(AccessScope.System))
        {
            var gone = await ctx.Findings.SingleAsync(x => x.Rule == "list.dibao_not_registered");
            Assert.Equal(fixedRun.RunId, gone.GoneInRunId);
            Assert.Contains(await ctx.FindingEvents.Where(e => e.FindingId == gone.Id).Select(e => e.Action).ToListAsync(), a => a == "已消除");
        }

        await SetDibaoAsync("低保甲", false);
        var back = await RunAsync();
        Assert.Equal(1, back.Reopened);
        Assert.Equal(0, back.New);
        Assert.Contains("list.dibao_not_registered 低保甲", await FindingsAsync());
    }

    async Task SetDibaoAsync(string name, bool value)
    {
        await using var ctx = _db.NewContext(AccessScope.System);
        var m = await ctx.Members.SingleAsync(x => x.Id == _m[name].Id);
        m.IsDibao = value;
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task Run_ANewerListReplacesTheOlder_SoAFindingItNoLongerShowsIsGone()
    {
        await LoadAsync("payroll", Write("payroll-old.csv", "姓名,身份证号码,工作单位", [$"公职,{Id("公职")},县教育局"]), new DateOnly(2018, 6, 30));
        Assert.Contains("list.payroll 公职", (await RunAsync()).ByRule.Where(r => r.Found > 0).Select(r => r.Rule + " 公职"));

        await LoadAsync("payroll", Write("payroll-new.csv", "姓名,身份证号码,工作单位", [$"外人,{Stranger(3)},县财政局"]));
        var run = await RunAsync();

        Assert.Equal(1, run.Gone);
        Assert.Single(run.Lists);
        Assert.Equal(AsOf, run.Lists[0].AsOf);
        Assert.Empty(await FindingsAsync());
    }

    [Fact]
    public async Task Run_WithoutAList_SkipsItsRules_AndLeavesTheirFindingsAlone()
    {
        await LoadAsync("payroll", Write("payroll.csv", "姓名,身份证号码,工作单位", [$"公职,{Id("公职")},县教育局"]));
        var run = await RunAsync();

        Assert.Equal(["list.payroll 公职"], await FindingsAsync());
        Assert.Contains(run.Skipped, r => r.Code == "list.uninsured");
        Assert.DoesNotContain(run.Skipped, r => r.Code is "list.payroll" or "list.name_mismatch");
    }

    [Fact]
    public async Task Run_ForATownship_SeesOnlyItsHouseholds_AndAnOfficerOfAnotherTownshipCannotRunIt()
    {
        await LoadAsync("payroll", Write("payroll.csv", "姓名,身份证号码,工作单位", [$"公职,{Id("公职")},县教育局", $"城关人,{Id("城关人")},县政府办"]));
        var run = await RunAsync(OtherTownshipVillage[..9]);

        Assert.Equal(["list.payroll 城关人"], await FindingsAsync());
        Assert.Equal(1, run.Households);

        await using var ctx = _db.NewContext(AccessScope.For(99, Role.TownshipOfficer, [OtherTownshipVillage[..9]]));
        var denied = await new RunVerification(ctx, _db.Clock).HandleAsync(new RunVerificationRequest(RegistryBuilder.Township), null, default);
        Assert.Equal(FailureKind.NotFound, denied.Failure?.Kind);
    }

    [Fact]
    public async Task Evidence_QuotesTheListRow_AndNeverTheIdNumber()
    {
        await LoadAllListsAsync();
        await RunAsync();
        await using var ctx = _db.NewContext(AccessScope.System);
        var deceased = await ctx.Findings.SingleAsync(f => f.MemberId == _m["死者"].Id);
        Assert.Contains("死亡", deceased.Evidence, StringComparison.Ordinal);
        Assert.Contains("2018-03-02", deceased.Evidence, StringComparison.Ordinal);
        var child = await ctx.Findings.SingleAsync(f => f.MemberId == _m["学童"].Id);
        Assert.Contains("10周岁", child.Evidence, StringComparison.Ordinal);
        var all = await ctx.Findings.Select(f => f.Evidence).ToListAsync();
        Assert.DoesNotContain(all, e => _m.Values.Any(m => e.Contains(m.IdNumber!.Value.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Import_RefusesBadRows_KeepsTheOthers_AndReportsRowNumbers()
    {
        var path = Write("deaths.csv", "南召县公安局户籍注销人员名单\n 姓 名 ,公民身份号码,注销类型,死亡日期,备注",
        [
            $"死者,{Id("死者")},死亡,2018-03-02,",
            "坏号,411321198001011234,死亡,2018-03-02,",
            $"怪因,{Stranger(4)},失踪,2018-03-02,",
            $"坏日,{Stranger(5)},死亡,2018-13-45,",
            ",,,,",
            $"小写,{Stranger(6).ToLowerInvariant()},迁出,2018/4/1,",
        ]);
        var report = await LoadAsync("deaths", path);

        Assert.Equal(2, report.Rows);
        Assert.Equal(3, report.Refused);
        Assert.Equal(1, report.Skipped);
        Assert.Equal([4, 5, 6], report.Problems.Where(p => p.Code != "column.unknown").Select(p => p.Row!.Value));
        Assert.Contains(report.Problems, p => p.Code == "column.unknown" && p.Column == "备注");
    }

    [Fact]
    public async Task Import_WithoutARequiredColumn_IsRefusedWhole_AndStoresNothing()
    {
        var path = Write("vehicles.csv", "姓名,身份证号码,号牌号码", [$"车主,{Id("车主")},豫R12345"]);
        await using var ctx = _db.NewContext(AccessScope.System);
        var result = await new ImportDepartmentList(ctx, _db.Clock).HandleAsync(new ImportDepartmentListRequest("vehicles", path, AsOf), null, default);

        Assert.Equal(FailureKind.Invalid, result.Failure?.Kind);
        Assert.Contains(result.Failure!.Errors, e => e.Code == "column.missing" && e.Message.Contains("车辆类型", StringComparison.Ordinal));
        Assert.Equal(0, await ctx.DepartmentLists.CountAsync());
        Assert.Equal(0, await ctx.DepartmentListRows.CountAsync());
    }

    [Fact]
    public async Task Import_TheSameFileTwice_IsAConflict()
    {
        var path = Write("payroll.csv", "姓名,身份证号码,工作单位", [$"公职,{Id("公职")},县教育局"]);
        await LoadAsync("payroll", path);
        await using var ctx = _db.NewContext(AccessScope.System);
        var again = await new ImportDepartmentList(ctx, _db.Clock).HandleAsync(new ImportDepartmentListRequest("payroll", path, AsOf), null, default);

        Assert.Equal(FailureKind.Conflict, again.Failure?.Kind);
        Assert.Equal(1, await ctx.DepartmentLists.CountAsync());
    }

    [Fact]
    public async Task Import_AnUnknownTypeOrAFutureDate_IsInvalid()
    {
        var path = Write("x.csv", "姓名,身份证号码", [$"公职,{Id("公职")}"]);
        await using var ctx = _db.NewContext(AccessScope.System);
        var handler = new ImportDepartmentList(ctx, _db.Clock);
        var unknown = await handler.HandleAsync(new ImportDepartmentListRequest("cars", path, AsOf), null, default);
        var future = await handler.HandleAsync(new ImportDepartmentListRequest("dibao", path, new DateOnly(2019, 1, 1)), null, default);

        Assert.Contains(unknown.Failure!.Errors, e => e.Code == "list.type_unknown");
        Assert.Contains(future.Failure!.Errors, e => e.Code == "list.as_of_future");
    }

    [Theory]
    [InlineData("拖拉机", true)]
    [InlineData("三轮汽车", true)]
    [InlineData("低速货车", true)]
    [InlineData("普通二轮摩托车", true)]
    [InlineData("小型轿车", false)]
    [InlineData("小型普通客车", false)]
    [InlineData("重型半挂牵引车", false)]
    public void IsFarmVehicle_CountsOnlyFarmVehiclesAndMotorcycles(string kind, bool farm) =>
        Assert.Equal(farm, ListScan.IsFarmVehicle(kind));

    [Fact]
    public void NameCode_IgnoresSpaces_AndTellsNamesApart()
    {
        Assert.Equal(ComparisonRegistry.NameCode("张 伟"), ComparisonRegistry.NameCode("张伟\u3000"));
        Assert.NotEqual(ComparisonRegistry.NameCode("张伟"), ComparisonRegistry.NameCode("张玮"));
        Assert.NotEqual(ComparisonRegistry.NameCode("欧阳小明明"), ComparisonRegistry.NameCode("欧阳小明"));
        Assert.Equal(0UL, ComparisonRegistry.NameCode("  "));
    }
}
