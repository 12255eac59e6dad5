using System.ComponentModel;
using System.Diagnostics;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Employment;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Employment;

/// <summary>
/// 石门村 built by hand, as of the business date 2018-10-08 (year 2018):
/// <list type="bullet">
/// <item>户A: 甲大山 (40, 普通) and 甲二妹 (38, 弱或半) — a household party on a contract running since 2017 covers both;
///   甲老汉 (70, 丧失劳动力) is not able.</item>
/// <item>户B: 乙长顺 (45, 普通, willingness 有) — his own party's contract ended 2017-12-31: a gap; 乙小军 (exactly 16 today) —
///   his person party on a contract ending 2018-03-31 covers him, not his father; 乙秀兰 (44, 技能) said 无: unwilling;
///   乙桂花 (33) said 无 and later 有: a gap, willingness known.</item>
/// <item>户C, relocated: 丙国强 (exactly 60 today) has a 2018 job; 丙玉梅 (61 today) and 丙小宝 (16 tomorrow) are not able;
///   丙大勇 (30) has only a 2017 job and no willingness record: a gap, 意愿未登记; 丙春燕 (28) works at a workshop.</item>
/// <item>户D: 丁老根 (65, 普通) is not able by age, 丁二柱 (35, 无劳动力) by labour; 丁小虎 (20) is covered by the household's
///   own industry of 2018.</item>
/// <item>户E, 已脱贫(不再享受政策): 戊闲人 (30, no tie) is outside the population.</item>
/// </list>
/// Able 10, unwilling 1, target 9, covered 6 (甲大山 甲二妹 乙小军 丙国强 丙春燕 丁小虎), gap 3 (乙长顺 乙桂花 丙大勇), not asked 7.
/// Relocated (户C): able 3, target 3, covered 2, gap 1, not asked 3.
/// </summary>
public class CoverageTests : IAsyncLifetime
{
    static readonly DateOnly Today = new(2018, 10, 8);
    TestDatabase _db = null!;
    readonly Dictionary<string, long> _members = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> _households = new(StringComparer.Ordinal);

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static void Person(Household h, string name, DateOnly birth, LabourSkill labour = LabourSkill.Ordinary, string relation = "之子")
    {
        var m = h.Members.Count == 0 || relation != "户主" ? RegistryBuilder.Member(h) : h.Members[0];
        (m.Name, m.BirthDate, m.IdNumber, m.LabourSkill, m.Relation) = (name, birth, null, labour, relation);
        if (!h.Members.Contains(m)) h.Members.Add(m);
    }

    async Task<long> HouseholdAsync(string key, Action<Household> configure, string village = RegistryBuilder.Village)
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.VillageCode = village;
            configure(h);
        });
        _households[key] = id;
        await using var db = _db.NewContext();
        foreach (var m in await db.Members.Where(m => m.HouseholdId == id).ToListAsync()) _members[m.Name] = m.Id;
        return id;
    }

    static DateOnly Born(int age, int shiftDays = 0) => Today.AddYears(-age).AddDays(shiftDays);

    async Task BuildVillageAsync()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await HouseholdAsync("A", h =>
        {
            Person(h, "甲大山", Born(40, -100), relation: "户主");
            Person(h, "甲二妹", Born(38, -30), LabourSkill.Weak, "配偶");
            Person(h, "甲老汉", Born(70, -5), LabourSkill.Lost, "之父");
        });
        await HouseholdAsync("B", h =>
        {
            Person(h, "乙长顺", Born(45, -1), relation: "户主");
            Person(h, "乙小军", Born(16));
            Person(h, "乙秀兰", Born(44, -7), LabourSkill.Skilled, "配偶");
            Person(h, "乙桂花", Born(33, -3), relation: "之儿媳");
        });
        await HouseholdAsync("C", h =>
        {
            Person(h, "丙国强", Born(60), relation: "户主");
            Person(h, "丙玉梅", Born(61), relation: "配偶");
            Person(h, "丙小宝", Born(16, 1), relation: "之孙子");
            Person(h, "丙大勇", Born(30, -50));
            Person(h, "丙春燕", Born(28, -70), relation: "之女");
        });
        await HouseholdAsync("D", h =>
        {
            Person(h, "丁老根", Born(65, -3), relation: "户主");
            Person(h, "丁二柱", Born(35, -3), LabourSkill.None);
            Person(h, "丁小虎", Born(20, -3), relation: "之孙子");
        });
        await HouseholdAsync("E", h =>
        {
            (h.Status, h.ExitYear) = (PovertyStatus.ExitedWithoutPolicy, 2016);
            Person(h, "戊闲人", Born(30, -3), relation: "户主");
        });

        await using var db = _db.NewContext();
        var industry = new LocalIndustry { CountyCode = RegistryBuilder.County, Code = "AC", Name = "艾草", OutputUnit = "斤" };
        db.Industries.Add(industry);
        var entity = new BusinessEntity
        {
            CountyCode = RegistryBuilder.County, RegionCode = RegistryBuilder.Township, Name = "南召县某艾草合作社", Kind = EntityKind.Cooperative,
            CreatedBy = "t", CreatedAt = _db.Clock.GetUtcNow(),
        };
        db.BusinessEntities.Add(entity);
        await db.SaveChangesAsync();
        LinkageContract Contract(string number, DateOnly start, DateOnly? end) => new()
        {
            CountyCode = RegistryBuilder.County, EntityId = entity.Id, RegionCode = entity.RegionCode, Number = number, Kind = LinkageKind.Equity,
            StartOn = start, EndOn = end, AgreedPerYearFen = 50_000, CreatedBy = "t", CreatedAt = _db.Clock.GetUtcNow(),
        };
        var running = Contract("HT-2017-001", new DateOnly(2017, 3, 1), null);
        var endedLastYear = Contract("HT-2016-002", new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31));
        var endsThisYear = Contract("HT-2017-003", new DateOnly(2017, 4, 1), new DateOnly(2018, 3, 31));
        db.LinkageContracts.AddRange(running, endedLastYear, endsThisYear);
        await db.SaveChangesAsync();
        LinkageParty Party(LinkageContract c, string household, string? member) => new()
        {
            ContractId = c.Id, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, HouseholdId = _households[household],
            MemberId = member is null ? null : _members[member], AddedBy = "t", AddedAt = _db.Clock.GetUtcNow(),
        };
        db.LinkageParties.AddRange(Party(running, "A", null), Party(endedLastYear, "B", "乙长顺"), Party(endsThisYear, "B", "乙小军"));

        Job JobOf(string member, string household, int year) => new()
        {
            CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, HouseholdId = _households[household], MemberId = _members[member],
            Year = year, Kind = JobKind.Local, Months = 6, MonthlyIncomeFen = 200_000, RecordedBy = "t", RecordedAt = _db.Clock.GetUtcNow(),
        };
        db.Jobs.AddRange(JobOf("丙国强", "C", 2018), JobOf("丙大勇", "C", 2017));

        var workshop = new Workshop { CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, Name = "石门村扶贫车间", Status = WorkshopStatus.Operating };
        db.Workshops.Add(workshop);
        await db.SaveChangesAsync();
        db.WorkshopWorkers.Add(new WorkshopWorker
        {
            WorkshopId = workshop.Id, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, HouseholdId = _households["C"],
            MemberId = _members["丙春燕"], StartedOn = new DateOnly(2018, 5, 1), MonthlyWageFen = 180_000, AddedBy = "t", AddedAt = _db.Clock.GetUtcNow(),
        });
        db.IndustryEngagements.Add(new IndustryEngagement
        {
            CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, HouseholdId = _households["D"], IndustryId = industry.Id, Year = 2018,
            Persons = 1, AreaMu = 2, Output = 800, IncomeFen = 300_000, RecordedBy = "t", RecordedAt = _db.Clock.GetUtcNow(),
        });
        var site = new SettlementSite { CountyCode = RegistryBuilder.County, RegionCode = RegistryBuilder.Township, Name = "如意社区", Kind = SettlementKind.Concentrated };
        db.SettlementSites.Add(site);
        await db.SaveChangesAsync();
        db.RelocatedHouseholds.Add(new RelocatedHousehold
        {
            SiteId = site.Id, CountyCode = RegistryBuilder.County, HouseholdId = _households["C"], FromVillageCode = RegistryBuilder.Village, Persons = 5,
            AddedBy = "t", AddedAt = _db.Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();

        await WillingAsync("乙长顺", true, new DateOnly(2018, 3, 2));
        await WillingAsync("乙秀兰", false, new DateOnly(2018, 3, 2), "在家照顾卧病老人，本人无外出和发展意愿");
        await WillingAsync("乙桂花", false, new DateOnly(2018, 1, 10), "孩子年幼");
        await WillingAsync("乙桂花", true, new DateOnly(2018, 6, 1));
    }

    async Task<Common.Result<WillingnessSaved>> WillingAsync(string member, bool willing, DateOnly on, string? note = null, Role role = Role.VillageCadre)
    {
        await using var db = _db.NewContext();
        return await new RecordWillingness(db, _db.Clock).HandleAsync(new RecordWillingnessRequest(_members[member], willing, on, note, "村干部张三", role), default);
    }

    async Task<CoverageView> CoverageAsync(string region, int? year = null, AccessScope? scope = null)
    {
        await using var db = _db.NewContext(scope);
        var r = await new GetCoverage(db, _db.Clock).HandleAsync(new CoverageRequest(region, year), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!;
    }

    async Task<CoverageGaps> GapsAsync(string region, AccessScope? scope = null)
    {
        await using var db = _db.NewContext(scope);
        var r = await new GetCoverageGaps(db, _db.Clock).HandleAsync(new CoverageGapsRequest(region), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!;
    }

    [Fact]
    public async Task Coverage_OfAHandBuiltVillage_HasTheRateAndFiguresWorkedOutByHand()
    {
        await BuildVillageAsync();

        var v = await CoverageAsync(RegistryBuilder.Village);

        Assert.Equal((2018, Today), (v.Year, v.AsOf));
        Assert.Equal(new CoverageFigures(Able: 10, Unwilling: 1, Target: 9, Covered: 6, Gap: 3, NotAsked: 7), v.All);
        Assert.Equal(6m / 9m, v.All.Rate);
        Assert.Equal(new CoverageFigures(Able: 3, Unwilling: 0, Target: 3, Covered: 2, Gap: 1, NotAsked: 3), v.Relocated);
        Assert.Empty(v.Children);
    }

    [Fact]
    public async Task GapList_OfTheVillage_NamesTheUncoveredInHouseholdOrder_AndListsTheUnwillingApart()
    {
        await BuildVillageAsync();
        await using (var db = _db.NewContext())
        {
            db.Pairings.Add(new Pairing
            {
                CadreName = "王帮扶", CadreUnit = "县教育局", CadrePhone = "0377-66123456", HouseholdId = _households["B"], CountyCode = RegistryBuilder.County,
                From = new DateOnly(2016, 1, 1),
            });
            db.Pairings.Add(new Pairing
            {
                CadreName = "李已调离", CadreUnit = "县林业局", CadrePhone = "0377-66000000", HouseholdId = _households["C"], CountyCode = RegistryBuilder.County,
                From = new DateOnly(2016, 1, 1), To = new DateOnly(2018, 6, 30),
            });
            await db.SaveChangesAsync();
        }

        var g = await GapsAsync(RegistryBuilder.Village);

        Assert.Equal(["乙长顺", "乙桂花", "丙大勇"], g.Gaps.Select(r => r.MemberName));
        Assert.Equal(3, g.GapTotal);
        Assert.Equal([false, false, true], g.Gaps.Select(r => r.NotAsked));
        Assert.Equal([false, false, true], g.Gaps.Select(r => r.Relocated));
        Assert.Equal(["乙长顺", "乙长顺", "丙国强"], g.Gaps.Select(r => r.HeadName));
        Assert.Equal([45, 33, 30], g.Gaps.Select(r => r.Age));
        Assert.All(g.Gaps, r => Assert.Equal(("石门乡", "石门村", "普通劳动力"), (r.TownshipName, r.VillageName, r.LabourLabel)));
        Assert.Equal(new PairingCadre("王帮扶", "县教育局", "0377-66123456"), g.Gaps[0].Cadre);
        Assert.Equal(g.Gaps[0].Cadre, g.Gaps[1].Cadre);
        Assert.Null(g.Gaps[2].Cadre); // 李已调离's pairing ended before the as-of day

        var u = Assert.Single(g.Unwilling);
        Assert.Equal(("乙秀兰", new DateOnly(2018, 3, 2), "村干部张三", "在家照顾卧病老人，本人无外出和发展意愿", "技能劳动力"),
            (u.MemberName, u.RecordedOn, u.RecordedBy, u.Note, u.LabourLabel));
        Assert.Equal(new PairingCadre("王帮扶", "县教育局", "0377-66123456"), u.Cadre);
    }

    [Fact]
    public async Task Coverage_NextYear_DropsTheContractThatEnded_AndLastYearCountsTheOldOne()
    {
        await BuildVillageAsync();
        _db.Clock.SetUtcNow(new DateTimeOffset(2019, 2, 1, 2, 0, 0, TimeSpan.Zero));

        // 2019 as of 2019-02-01: only 户A's open contract, 丙春燕's workshop job are ties; jobs and the industry were of 2018.
        var y2019 = await GapsAsync(RegistryBuilder.Village);
        Assert.Contains("乙小军", y2019.Gaps.Select(r => r.MemberName));
        Assert.Equal(new[] { "甲大山", "甲二妹", "丙春燕" }.Order(StringComparer.Ordinal), (await CoveredAsync(2019)).Order(StringComparer.Ordinal));

        // 2017 as of 2017-12-31: 乙长顺's contract ran then, and 丙大勇's 2017 job.
        var covered2017 = await CoveredAsync(2017);
        Assert.Contains("乙长顺", covered2017);
        Assert.Contains("丙大勇", covered2017);
        Assert.DoesNotContain("丙春燕", covered2017);
    }

    async Task<List<string>> CoveredAsync(int year)
    {
        await using var db = _db.NewContext();
        var today = _db.Clock.Today();
        var end = new DateOnly(year, 12, 31);
        var members = await GetCoverage.MembersAsync(db, RegistryBuilder.Village, null, year, end < today ? end : today, new CoverageRule(), default);
        var names = await db.Members.ToDictionaryAsync(m => m.Id, m => m.Name);
        return [.. members.Where(m => m.State == CoverageState.Covered).Select(m => names[m.MemberId])];
    }

    [Theory]
    [InlineData(0, 16, true)] // 16th birthday on the as-of day
    [InlineData(1, 16, false)] // 16 tomorrow
    [InlineData(0, 60, true)] // 60th birthday today
    [InlineData(0, 61, false)] // 61st birthday today
    [InlineData(1, 61, true)] // still 60, 61 tomorrow
    public async Task AgeBoundaries_AreInclusive_OnTheAsOfDay(int daysAfter, int age, bool able)
    {
        await HouseholdAsync("X", h => Person(h, "边界人", Born(age, daysAfter), relation: "户主"));

        var v = await CoverageAsync(RegistryBuilder.Village);

        Assert.Equal(able ? 1 : 0, v.All.Able);
    }

    [Fact]
    public async Task Coverage_OfTownshipAndCounty_IsTheSumOfTheirChildren()
    {
        await BuildVillageAsync();
        const string other = "411321304202";
        await RegistryBuilder.EnsureVillageAsync(_db, other, "庙岗村");
        var h = await HouseholdAsync("F", x =>
        {
            Person(x, "庙一", Born(30, -3), relation: "户主");
            Person(x, "庙二", Born(25, -3));
        }, other);
        await using (var db = _db.NewContext())
        {
            db.Jobs.Add(new Job
            {
                CountyCode = RegistryBuilder.County, VillageCode = other, HouseholdId = h, MemberId = _members["庙一"], Year = 2018, Kind = JobKind.Migrant,
                Place = "浙江省义乌市", Months = 10, MonthlyIncomeFen = 300_000, RecordedBy = "t", RecordedAt = _db.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        var township = await CoverageAsync(RegistryBuilder.Township);
        var county = await CoverageAsync(RegistryBuilder.County);

        Assert.Equal([RegistryBuilder.Village, other], township.Children.Select(c => c.RegionCode));
        Assert.Equal(new CoverageFigures(2, 0, 2, 1, 1, 2), township.Children[1].All);
        Assert.Equal(new CoverageFigures(12, 1, 11, 7, 4, 9), township.All);
        Assert.Equal(CoverageFigures.Sum(township.Children.Select(c => c.All)), township.All);
        Assert.Equal(CoverageFigures.Sum(township.Children.Select(c => c.Relocated)), township.Relocated);
        Assert.Equal(CoverageFigures.Sum(county.Children.Select(c => c.All)), county.All);
        Assert.Equal(township.All, county.All);
        Assert.Equal(township.All, county.Children.Single(c => c.RegionCode == RegistryBuilder.Township).All);
    }

    [Fact]
    public async Task VillageCadre_SeesOnlyTheirVillage_InCoverageAndGaps()
    {
        await BuildVillageAsync();
        const string other = "411321304202";
        await RegistryBuilder.EnsureVillageAsync(_db, other, "庙岗村");
        await HouseholdAsync("F", x => Person(x, "庙一", Born(30, -3), relation: "户主"), other);
        var cadre = AccessScope.For(7, Role.VillageCadre, [other]);

        var township = await CoverageAsync(RegistryBuilder.Township, scope: cadre);
        var gaps = await GapsAsync(RegistryBuilder.Township, cadre);

        Assert.Equal([other], township.Children.Select(c => c.RegionCode));
        Assert.Equal(new CoverageFigures(1, 0, 1, 0, 1, 1), township.All);
        Assert.Equal(["庙一"], gaps.Gaps.Select(r => r.MemberName));
        await using var db = _db.NewContext(cadre);
        var refused = await new GetCoverage(db, _db.Clock).HandleAsync(new CoverageRequest(RegistryBuilder.Village), default);
        Assert.Equal(Common.FailureKind.NotFound, refused.Failure!.Kind);
    }

    [Fact]
    public async Task Willingness_OfAMemberWithoutLabour_OrWithoutReasonForNo_OrInTheFuture_IsRefused_AndNothingIsWritten()
    {
        await BuildVillageAsync();
        await using (var db = _db.NewContext()) await db.Willingness.ExecuteDeleteAsync();

        Assert.Equal(RecordWillingness.NotAbleCode, Assert.Single((await WillingAsync("甲老汉", true, Today)).Failure!.Errors).Code);
        Assert.Equal(RecordWillingness.NotAbleCode, Assert.Single((await WillingAsync("丙玉梅", true, Today)).Failure!.Errors).Code);
        Assert.Equal("willingness.note_required", Assert.Single((await WillingAsync("甲大山", false, Today, "  ")).Failure!.Errors).Code);
        Assert.Equal("willingness.date_future", Assert.Single((await WillingAsync("甲大山", true, Today.AddDays(1))).Failure!.Errors).Code);
        Assert.Equal(IndustryRoles.NotAllowedCode, Assert.Single((await WillingAsync("甲大山", true, Today, role: Role.Inspector)).Failure!.Errors).Code);

        await using var check = _db.NewContext();
        Assert.Equal(0, await check.Willingness.CountAsync());
    }

    [Fact]
    public async Task RecordJob_ChecksKindFields_YearAndMonths_AndCountsTowardCoverage()
    {
        await BuildVillageAsync();
        async Task<Common.Result<JobSaved>> Record(JobKind kind, int months = 6, int year = 2018, string? place = null, string? post = null, string member = "乙桂花")
        {
            await using var db = _db.NewContext();
            return await new RecordJob(db, _db.Clock).HandleAsync(new RecordJobRequest
            {
                MemberId = _members[member], Year = year, Kind = kind, Months = months, Place = place, Post = post, MonthlyIncomeFen = 150_000,
                User = "村干部张三", Role = Role.VillageCadre,
            }, default);
        }

        Assert.Equal("employment.post_required", Assert.Single((await Record(JobKind.PublicWelfare)).Failure!.Errors).Code);
        Assert.Equal("employment.place_required", Assert.Single((await Record(JobKind.Migrant)).Failure!.Errors).Code);
        Assert.Equal("employment.months_invalid", Assert.Single((await Record(JobKind.Local, months: 13)).Failure!.Errors).Code);
        Assert.Equal("employment.months_invalid", Assert.Single((await Record(JobKind.Local, months: 0)).Failure!.Errors).Code);
        Assert.Equal("employment.year_invalid", Assert.Single((await Record(JobKind.Local, year: 2019)).Failure!.Errors).Code);
        Assert.Equal("employment.under_age", Assert.Single((await Record(JobKind.Local, member: "丙小宝")).Failure!.Errors).Code);
        Assert.Equal(2, await CountJobsAsync());

        Assert.True((await Record(JobKind.PublicWelfare, months: 12, post: "护林员")).IsOk);
        Assert.Equal("employment.job_exists", Assert.Single((await Record(JobKind.PublicWelfare, months: 12, post: "护林员")).Failure!.Errors).Code);

        var v = await CoverageAsync(RegistryBuilder.Village);
        Assert.Equal((7, 2), (v.All.Covered, v.All.Gap));

        await using var read = _db.NewContext();
        var list = (await new SearchJobs(read, _db.Clock).HandleAsync(new SearchJobsRequest(RegistryBuilder.Village), default)).Value!;
        Assert.Equal(["乙桂花", "丙国强"], list.Rows.Select(r => r.MemberName));
        Assert.Equal([(JobKind.Local, 1, 6), (JobKind.PublicWelfare, 1, 12)], list.ByKind.Select(k => (k.Kind, k.Persons, k.PersonMonths)));
        Assert.Equal((2, 18), (list.Persons, list.PersonMonths));
    }

    async Task<int> CountJobsAsync()
    {
        await using var db = _db.NewContext();
        return await db.Jobs.CountAsync();
    }

    [Fact]
    public async Task HouseholdEmployment_ShowsEachMembersStateTiesAndWillingnessHistory()
    {
        await BuildVillageAsync();
        await using var db = _db.NewContext();

        var b = (await new GetHouseholdEmployment(db, _db.Clock).HandleAsync(new HouseholdEmploymentRequest(_households["B"]), default)).Value!;
        var d = (await new GetHouseholdEmployment(db, _db.Clock).HandleAsync(new HouseholdEmploymentRequest(_households["D"]), default)).Value!;
        var e = (await new GetHouseholdEmployment(db, _db.Clock).HandleAsync(new HouseholdEmploymentRequest(_households["E"]), default)).Value!;

        Assert.Equal([("乙长顺", CoverageState.Gap), ("乙小军", CoverageState.Covered), ("乙秀兰", CoverageState.Unwilling), ("乙桂花", CoverageState.Gap)],
            b.Members.Select(m => (m.Name, m.State!.Value)));
        Assert.Equal("HT-2017-003", Assert.Single(b.Members[1].Ties).ContractNumber);
        Assert.Empty(b.Members[0].Ties); // his contract ended in 2017
        Assert.Equal(["有", "无"], b.Members.Single(m => m.Name == "乙桂花").History.Select(w => w.Label));
        Assert.False(b.Members.Single(m => m.Name == "乙桂花").NotAsked);
        Assert.Equal("艾草", Assert.Single(d.Industries).IndustryName);
        Assert.Equal([CoverageState.NotAble, CoverageState.NotAble, CoverageState.Covered], d.Members.Select(m => m.State!.Value));
        Assert.False(e.Counted);
        Assert.Null(Assert.Single(e.Members).State);
    }

    [Fact]
    public async Task GapList_ExportedToExcel_OpensInLibreOffice_WithTheNamesOfBothLists()
    {
        await BuildVillageAsync();
        var dir = Directory.CreateTempSubdirectory("fupin-gaps-").FullName;
        try
        {
            CoverageGapsExport export;
            await using (var db = _db.NewContext())
                export = (await new ExportCoverageGaps(db, _db.Clock).HandleAsync(new ExportCoverageGapsRequest(RegistryBuilder.Village, 2018, "region=411321304201", "县扶贫办"), default)).Value!;
            Assert.Equal((3, 1), (export.Gaps, export.Unwilling));
            var xlsx = Path.Combine(dir, "gaps.xlsx");
            await File.WriteAllBytesAsync(xlsx, export.Content);

            // Every sheet to its own CSV (token 12 = -1): gaps-未覆盖名单.csv and gaps-无发展意愿名单.csv.
            Soffice(dir, ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", Path.Combine(dir, "csv"), xlsx]);
            var files = Directory.GetFiles(Path.Combine(dir, "csv"));
            var gaps = await File.ReadAllTextAsync(files.Single(f => f.Contains("未覆盖", StringComparison.Ordinal)));
            var unwilling = await File.ReadAllTextAsync(files.Single(f => f.Contains("无发展意愿", StringComparison.Ordinal)));

            var lines = gaps.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.StartsWith("石门村2018年产业就业帮扶未覆盖名单（截至2018年10月8日；应覆盖9人，已覆盖6人，覆盖率66.7%，未覆盖3人）", lines[0].Trim('"'), StringComparison.Ordinal);
            Assert.StartsWith("序号,乡镇,村,户编号,户主姓名,姓名", lines[1], StringComparison.Ordinal);
            Assert.Equal(["乙长顺", "乙桂花", "丙大勇"], lines.Skip(2).Select(l => l.Split(',')[5]));
            Assert.Equal(["", "", "是"], lines.Skip(2).Select(l => l.Split(',')[9])); // 意愿未登记
            Assert.Contains("乙秀兰", unwilling, StringComparison.Ordinal);
            Assert.Contains("在家照顾卧病老人", unwilling, StringComparison.Ordinal);

            await using var check = _db.NewContext();
            var log = await check.Changes.SingleAsync(c => c.Entity == ExportCoverageGaps.Entity);
            Assert.Equal(("县扶贫办", "导出"), (log.User, log.Action));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static void Soffice(string dir, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        psi.ArgumentList.Add("-env:UserInstallation=file://" + Path.Combine(dir, "lo-profile"));
        psi.ArgumentList.Add("--headless");
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui, or run ./test.sh which installs it", e);
        }
        using (p)
        {
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("soffice did not finish in 120 s");
            }
            Assert.True(p.ExitCode == 0, $"soffice exit {p.ExitCode}: {output.Result} {error.Result}");
        }
    }
}
