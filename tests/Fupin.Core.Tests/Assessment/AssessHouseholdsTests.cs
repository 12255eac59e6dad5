using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>
/// A hand-built county: township 411321304 with 石门村 (A, 农业户籍人口 250) and 竹园村 (B, 100), year
/// 2018, exit line 3535 yuan (353500 fen), margin 1.1 (388850 fen), k = 1/3 (2 of 6 indicators).
/// <code>
///       status   persons  income 2018 (per capita)     other failures            deprived  AF poor
/// A H1  未脱贫   3        3000.00 → 收入 不达标          住房 D级                  2         yes (3 persons × 2)
/// A H2  未脱贫   2        4000.00 stable                饮水                      1         no
/// A H3  已脱贫   4        5000.00                        —                         0         no
/// A H6  未脱贫   1        4000.00                        — (only 不愁吃穿 未核实)   0         no
/// B H4  返贫     1        no 2018 record → 未核实        医疗, 住房 C级, 饮水       3         yes (1 person × 3)
/// B H5  已脱贫   2        3600.00 → passes, unstable     义务教育 (child of 10)    1         no
/// </code>
/// 贫困发生率: A (3+2+1)/250 = 2.4% (fails 2%), B 1/100 = 1% (passes), county 7/350 = 2.00% — not below 2%, fails.
/// Alkire–Foster, persons: n = 3+2+4+1+1+2 = 13, q = 3+1 = 4, deprivations of the poor 3×2 + 1×3 = 9:
/// county H = 4/13, A = 9/(4×6) = 0.375, M0 = 9/(13×6) = 3/26; village A H = 3/10, A = 6/18 = 1/3, M0 = 6/60 = 0.1;
/// village B H = 1/3, A = 3/6 = 0.5, M0 = 3/18 = 1/6.
/// </summary>
public class AssessHouseholdsTests : IAsyncLifetime
{
    const string VillageA = RegistryBuilder.Village;
    const string VillageB = "411321304202";
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, VillageB, "竹园村");
        await using (var ctx = _db.NewContext())
        {
            (await ctx.Regions.SingleAsync(r => r.Code == VillageA)).RuralPopulation = 250;
            (await ctx.Regions.SingleAsync(r => r.Code == VillageB)).RuralPopulation = 100;
            await ctx.SaveChangesAsync();
        }

        await AddAsync("H1", VillageA, PovertyStatus.NotExited, 3, 300_000, h =>
        {
            h.HousingGrade = HousingGrade.D;
            // A passing 2017 record must not count for 2018.
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 3, Wage = 3 * 500_000 });
        });
        await AddAsync("H2", VillageA, PovertyStatus.NotExited, 2, 400_000, h => h.SafeDrinkingWater = false);
        await AddAsync("H3", VillageA, PovertyStatus.ExitedWithPolicy, 4, 500_000);
        await AddAsync("H6", VillageA, PovertyStatus.NotExited, 1, 400_000);
        await AddAsync("H4", VillageB, PovertyStatus.Relapsed, 1, null, h =>
        {
            h.Members[0].HasBasicMedical = false;
            h.HousingGrade = HousingGrade.C;
            h.SafeDrinkingWater = false;
        });
        await AddAsync("H5", VillageB, PovertyStatus.ExitedWithPolicy, 2, 360_000, h =>
            (h.Members[1].Name, h.Members[1].BirthDate, h.Members[1].Education, h.Members[1].StudentStatus) = ("李小明", new DateOnly(2008, 5, 1), "小学", null));
    }

    async Task AddAsync(string head, string village, PovertyStatus status, int persons, long? perCapitaFen, Action<Household>? configure = null)
    {
        await using var ctx = _db.NewContext();
        var h = RegistryBuilder.Household(h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.Members[0].Name = head;
            for (var i = 1; i < persons; i++) h.Members.Add(RegistryBuilder.Member(h));
            if (perCapitaFen is { } pc) h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = persons, Wage = pc * persons });
        });
        configure?.Invoke(h);
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<AssessmentReport>> AssessAsync(AssessHouseholdsRequest request, AccessScope? scope = null)
    {
        await using var ctx = _db.NewContext(scope);
        return await new AssessHouseholds(ctx, _db.Clock).HandleAsync(request, null, default);
    }

    static int[] NotMet(RegionAssessment r) => [.. r.Failing.Select(f => f.NotMet)];

    async Task VisitAsync(string head, DateOnly on, bool food)
    {
        await using var ctx = _db.NewContext();
        var h = await ctx.Households.SingleAsync(x => x.Members.Any(m => m.Name == head));
        ctx.Visits.Add(new HouseholdVisit
        {
            HouseholdId = h.Id, CountyCode = h.CountyCode, VillageCode = h.VillageCode, VisitedOn = on,
            Visitor = "王帮扶", FoodSecure = food, ClothingSecure = true, RecordedBy = "test",
        });
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task Visits_TheLatestOfTheYearUpToTheAsOfDateDecidesFoodAndClothing()
    {
        // H6 meets everything but 不愁吃穿: a 2018 visit finding it secure makes it an exit, even after an earlier visit that did not.
        await VisitAsync("H6", new DateOnly(2018, 3, 1), food: false);
        await VisitAsync("H6", new DateOnly(2018, 9, 1), food: true);
        // H2: its only 2018-dated visits are a 2017 one (another year) and one after the as-of date 2018-10-08: still 未核实.
        await VisitAsync("H2", new DateOnly(2017, 12, 31), food: true);
        await VisitAsync("H2", new DateOnly(2018, 10, 9), food: true);
        // H3: the latest 2018 visit finds hardship.
        await VisitAsync("H3", new DateOnly(2018, 6, 1), food: true);
        await VisitAsync("H3", new DateOnly(2018, 8, 1), food: false);

        var r = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, AllHouseholds: true))).Value!;
        IndicatorState Food(string head) => r.Households.Single(h => h.Head == head).Test[Indicator.FoodAndClothing].State;
        Assert.Equal(IndicatorState.Met, Food("H6"));
        Assert.Equal(IndicatorState.Unverified, Food("H2"));
        Assert.Equal(IndicatorState.NotMet, Food("H3"));
        Assert.Equal((1, 1), (r.Total.MeetingExit, r.Total.MeetingExceptUnverified));
        Assert.Equal((1, 4), (r.Total.Failing[(int)Indicator.FoodAndClothing].NotMet, r.Total.Failing[(int)Indicator.FoodAndClothing].Unverified));
    }

    [Fact]
    public async Task EveryHousehold_PagedWithItsColumnsOnly_IsTestedAsTheWholeHouseholdIs()
    {
        // The assessment reads only the columns the test needs, page by page; a household tested alone reads it whole.
        await VisitAsync("H6", new DateOnly(2018, 9, 1), food: true);
        await using (var ctx = _db.NewContext())
        {
            var child = await ctx.Members.SingleAsync(m => m.Name == "李小明");
            (child.StudentStatus, child.OutOfSchoolReason) = ("非在校生", "因病休学，已备案");
            (await ctx.Members.FirstAsync(m => m.Name == "H2")).HasCriticalIllness = true;
            await ctx.SaveChangesAsync();
        }

        var r = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, AllHouseholds: true, PageSize: 2))).Value!;
        Assert.Equal(6, r.Households.Count);
        foreach (var h in r.Households)
        {
            await using var ctx = _db.NewContext();
            var alone = (await new TestHousehold(ctx, _db.Clock).HandleAsync(new TestHouseholdRequest(h.HouseholdId, 2018), default)).Value!;
            Assert.Equal(alone.Test.Indicators, h.Test.Indicators);
            Assert.Equal((alone.Test.MeetsExitStandard, alone.Test.Unstable, alone.Test.PerCapitaNetIncomeFen),
                (h.Test.MeetsExitStandard, h.Test.Unstable, h.Test.PerCapitaNetIncomeFen));
        }
        Assert.Contains(r.Households, h => h.Test[Indicator.Education].Evidence.Contains("因病休学", StringComparison.Ordinal));
    }

    [Fact]
    public async Task County_IncidenceAndAlkireFosterAndFailuresMatchTheHandComputation()
    {
        var result = await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, PageSize: 2));
        Assert.True(result.IsOk);
        var r = result.Value;
        Assert.Equal((3535, 2, new DateOnly(2018, 10, 8)), (r.LineYuan, r.MinDeprivations, r.AsOf));

        var t = r.Total;
        Assert.Equal((6, 13, 4, 7, 350L), (t.Households, t.Persons, t.PoorHouseholds, t.PoorPersons, t.RuralPopulation!.Value));
        Assert.Equal(0.02m, t.Incidence);
        Assert.False(t.BelowThreshold);
        Assert.Equal((13, 4, 9), (t.Af.Persons, t.Af.PoorPersons, t.Af.DeprivationSum));
        Assert.Equal(4.0 / 13, t.Af.H, 12);
        Assert.Equal(0.375, t.Af.A, 12);
        Assert.Equal(3.0 / 26, t.Af.M0, 12);
        Assert.Equal(t.Af.H * t.Af.A, t.Af.M0, 12);
        // 收入 不愁吃穿 义务教育 基本医疗 住房安全 饮水安全
        Assert.Equal([1, 0, 1, 1, 2, 2], NotMet(t));
        Assert.Equal(1, t.Failing[(int)Indicator.Income].Unverified);
        Assert.Equal(6, t.Failing[(int)Indicator.FoodAndClothing].Unverified);
        Assert.Equal((0, 1, 1), (t.MeetingExit, t.MeetingExceptUnverified, t.Unstable));

        var a = r.Regions.Single(x => x.Code == VillageA);
        Assert.Equal((4, 10, 6, 250L), (a.Households, a.Persons, a.PoorPersons, a.RuralPopulation!.Value));
        Assert.Equal(0.024m, a.Incidence);
        Assert.False(a.BelowThreshold);
        Assert.Equal(0.3, a.Af.H, 12);
        Assert.Equal(1.0 / 3, a.Af.A, 12);
        Assert.Equal(0.1, a.Af.M0, 12);
        Assert.Equal([1, 0, 0, 0, 1, 1], NotMet(a));

        var b = r.Regions.Single(x => x.Code == VillageB);
        Assert.Equal((2, 3, 1, 100L), (b.Households, b.Persons, b.PoorPersons, b.RuralPopulation!.Value));
        Assert.Equal(0.01m, b.Incidence);
        Assert.True(b.BelowThreshold);
        Assert.Equal(1.0 / 3, b.Af.H, 12);
        Assert.Equal(0.5, b.Af.A, 12);
        Assert.Equal(1.0 / 6, b.Af.M0, 12);
        Assert.Equal([0, 0, 1, 1, 1, 1], NotMet(b));

        var township = r.Regions.Single(x => x.Code == RegistryBuilder.Township);
        Assert.Equal((6, 7, 9), (township.Households, township.PoorPersons, township.Af.DeprivationSum));
        Assert.True(r.Regions.ToList().IndexOf(township) < r.Regions.ToList().IndexOf(a), "townships come before villages");
    }

    [Fact]
    public async Task County_ListsRegisteredPoorByDefaultAndEveryoneWhenAsked()
    {
        var poor = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018))).Value!;
        Assert.Equal(["H1", "H2", "H6", "H4"], poor.Households.Select(h => h.Head));
        var h1 = poor.Households[0].Test;
        Assert.Equal(IndicatorState.NotMet, h1[Indicator.Income].State); // the 2017 record that passes is not used
        Assert.Equal(300_000, h1.PerCapitaNetIncomeFen);
        Assert.Equal(IndicatorState.Unverified, poor.Households[3].Test[Indicator.Income].State);

        var all = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, AllHouseholds: true))).Value!;
        Assert.Equal(6, all.Households.Count);
        var h5 = all.Households.Single(h => h.Head == "H5").Test;
        Assert.True(h5.Unstable);
        Assert.Contains("李小明", h5[Indicator.Education].Evidence);
    }

    [Fact]
    public async Task HigherCutoff_OnlyTheHouseholdDeprivedInThreeCounts()
    {
        // k = 1/2: 3 of 6 indicators; only H4 (1 person, 3 deprivations): H = 1/13, A = 3/6, M0 = 3/78.
        var t = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, Cutoff: 0.5))).Value!.Total;
        Assert.Equal((1, 3), (t.Af.PoorPersons, t.Af.DeprivationSum));
        Assert.Equal(1.0 / 13, t.Af.H, 12);
        Assert.Equal(0.5, t.Af.A, 12);
        Assert.Equal(3.0 / 78, t.Af.M0, 12);
    }

    [Fact]
    public async Task WesternThreshold_ThreePercent_CountyAndVillageAPass()
    {
        var r = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, IncidenceThreshold: 0.03m))).Value!;
        Assert.True(r.Total.BelowThreshold);
        Assert.True(r.Regions.Single(x => x.Code == VillageA).BelowThreshold);
    }

    [Fact]
    public async Task VillageCadreOfB_AssessingTheCounty_SeesOnlyVillageB()
    {
        var scope = AccessScope.For(1, Role.VillageCadre, [VillageB]);
        var r = (await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018), scope)).Value!;
        Assert.Equal((2, 1, 100L), (r.Total.Households, r.Total.PoorPersons, r.Total.RuralPopulation!.Value));
        Assert.DoesNotContain(r.Regions, x => x.Code == VillageA);
        Assert.Equal(["H4"], r.Households.Select(h => h.Head));
    }

    [Fact]
    public async Task Village_Alone_UsesItsOwnPopulation()
    {
        var r = (await AssessAsync(new AssessHouseholdsRequest(VillageB, 2018))).Value!;
        Assert.Equal((2, 0.01m), (r.Total.Households, r.Total.Incidence!.Value));
        Assert.Empty(r.Regions);
    }

    [Fact]
    public async Task YearWithoutLine_IsNotFound_BadRegionIsInvalid()
    {
        var noLine = await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2030));
        Assert.Equal(FailureKind.NotFound, noLine.Failure!.Kind);
        Assert.Contains("没有2030年的贫困线", noLine.Failure.Message);

        var bad = await AssessAsync(new AssessHouseholdsRequest("41132", 2018));
        Assert.Equal(FailureKind.Invalid, bad.Failure!.Kind);

        var statistical = await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2018, Scope: PovertyLineScope.Statistical));
        Assert.Equal(FailureKind.NotFound, statistical.Failure!.Kind);
    }

    [Fact]
    public async Task SeededLines_AreTheExitAndStatisticalSeries()
    {
        await using var ctx = _db.NewContext();
        var lines = await ctx.PovertyLines.AsNoTracking().OrderBy(l => l.Scope).ThenBy(l => l.Year).Select(l => new { l.Scope, l.Year, l.AmountYuan }).ToListAsync();
        Assert.Equal(
            [(PovertyLineScope.ExitThreshold, 2016, 3000), (PovertyLineScope.ExitThreshold, 2017, 3335), (PovertyLineScope.ExitThreshold, 2018, 3535),
             (PovertyLineScope.ExitThreshold, 2019, 3747), (PovertyLineScope.ExitThreshold, 2020, 4000),
             (PovertyLineScope.Statistical, 2014, 2800), (PovertyLineScope.Statistical, 2015, 2855), (PovertyLineScope.Statistical, 2016, 2952)],
            lines.Select(l => (l.Scope, l.Year, l.AmountYuan)));
    }

    [Fact]
    public async Task CountyAddsALine_ItIsStoredPastTheSeededIdsAndUsed()
    {
        await using (var ctx = _db.NewContext())
        {
            // 2017 statistical line (2952 is the 2016 figure; any amount will do for the test).
            var line = new PovertyLine { Year = 2017, Scope = PovertyLineScope.Statistical, AmountYuan = 2990, Source = "测试" };
            ctx.PovertyLines.Add(line);
            await ctx.SaveChangesAsync();
            Assert.True(line.Id > 8, $"id {line.Id} collides with the seeded rows");
        }
        var r = await AssessAsync(new AssessHouseholdsRequest(RegistryBuilder.County, 2017, Scope: PovertyLineScope.Statistical));
        Assert.Equal((2990, new DateOnly(2017, 12, 31)), (r.Value!.LineYuan, r.Value.AsOf));
        // H1 is the only household with a 2017 record (5000.00 per person): 收入 达标 for it, 未核实 for the other five.
        Assert.Equal((0, 5), (r.Value.Total.Failing[(int)Indicator.Income].NotMet, r.Value.Total.Failing[(int)Indicator.Income].Unverified));
    }
}
