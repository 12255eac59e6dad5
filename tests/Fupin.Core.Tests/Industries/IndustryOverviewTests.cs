using Fupin.Accounts;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industries;

/// <summary>
/// A hand-built county on 2018-10-08: townships 石门乡 (304, village 石门村 A1) and 四棵树乡 (305, village B1), industries
/// 艾草 (AC) and 食用菌 (SJ), five households, four entities, four contracts (one ended in 2017, one not started yet),
/// payments and engagements; the expected figures are worked out by hand in each test.
/// </summary>
public class IndustryOverviewTests : IAsyncLifetime
{
    public const string TownA = "411321304";
    public const string TownB = "411321305";
    public const string VillageA = "411321304201";
    public const string VillageB = "411321305201";

    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>What <see cref="BuildAsync"/> made.</summary>
    public sealed record County(long Ac, long Sj, long H1, long H2, long H3, long H4, long H5, long M3a, long C1);

    /// <summary>
    /// H1 (A1, 3 members), H2 (A1, 2), H3 (B1, 4), H4 (B1, 1), H5 (A1, 2).
    /// E1 艾草 龙头企业 in 石门乡 (township-seated); E2 艾草 合作社 in B1; E3 食用菌 合作社 in A1; E4 艾草 家庭农场 in A1 founded 2019 (not yet).
    /// C1 E1 股份合作 2017-01-01 open (industry from the entity): H1 as a household, one member of H3 as a person.
    /// C2 E2 土地流转 2016–2017-12-31 (艾草 on the contract): H2 — ended last year.
    /// C3 E3 订单帮扶 2018-03-01–2020-12-31: H1 and H4 as households.
    /// C4 E1 务工就业 from 2018-11-01: H2 — not started by the as-of day.
    /// Payments of 2018: C1→H1 500元, C1→H3 300元, C2→H2 200元 (late rent, year 2018), C3→H4 400元; and C1→H1 450元 of 2017.
    /// Engagements of 2018: H5 艾草 2人 3.5亩 1200斤 6000元; H1 艾草 1人 1.5亩 500斤 2000元; H3 食用菌 2人 0.5亩 8000袋 10000元; and H2 艾草 of 2017.
    /// </summary>
    public static async Task<County> BuildAsync(TestDatabase tdb)
    {
        await RegistryBuilder.EnsureVillageAsync(tdb, VillageA, "石门村");
        await RegistryBuilder.EnsureVillageAsync(tdb, VillageB, "四棵树村");
        var h1 = await HouseholdAsync(tdb, VillageA, 3);
        var h2 = await HouseholdAsync(tdb, VillageA, 2);
        var h3 = await HouseholdAsync(tdb, VillageB, 4);
        var h4 = await HouseholdAsync(tdb, VillageB, 1);
        var h5 = await HouseholdAsync(tdb, VillageA, 2);
        await using var db = tdb.NewContext();
        var ac = (await new AddLocalIndustry(db).HandleAsync(new AddLocalIndustryRequest { CountyCode = RegistryBuilder.County, Code = "AC", Name = "艾草", OutputUnit = "斤", User = "t", Role = Role.CountyAdmin }, default)).Value!.Id;
        var sj = (await new AddLocalIndustry(db).HandleAsync(new AddLocalIndustryRequest { CountyCode = RegistryBuilder.County, Code = "SJ", Name = "食用菌", OutputUnit = "袋", User = "t", Role = Role.CountyAdmin }, default)).Value!.Id;
        var m3a = await db.Members.Where(m => m.HouseholdId == h3).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();

        BusinessEntity Entity(string name, string region, EntityKind kind, long industry, DateOnly? founded = null) =>
            new() { CountyCode = RegistryBuilder.County, RegionCode = region, Name = name, Kind = kind, IndustryId = industry, FoundedOn = founded, CreatedBy = "t" };
        var e1 = Entity("南召县艾草制品有限公司", TownA, EntityKind.LeadingEnterprise, ac, new DateOnly(2015, 5, 1));
        var e2 = Entity("四棵树艾草合作社", VillageB, EntityKind.Cooperative, ac);
        var e3 = Entity("石门食用菌合作社", VillageA, EntityKind.Cooperative, sj);
        var e4 = Entity("石门艾草家庭农场", VillageA, EntityKind.FamilyFarm, ac, new DateOnly(2019, 1, 1));
        db.BusinessEntities.AddRange(e1, e2, e3, e4);
        await db.SaveChangesAsync();

        LinkageContract Contract(BusinessEntity e, string number, LinkageKind kind, DateOnly start, DateOnly? end, long? industry = null) =>
            new() { CountyCode = RegistryBuilder.County, EntityId = e.Id, RegionCode = e.RegionCode, Number = number, Kind = kind, StartOn = start, EndOn = end, IndustryId = industry, CreatedBy = "t" };
        var c1 = Contract(e1, "NZ-AC-001", LinkageKind.Equity, new DateOnly(2017, 1, 1), null);
        var c2 = Contract(e2, "NZ-AC-002", LinkageKind.LandTransfer, new DateOnly(2016, 1, 1), new DateOnly(2017, 12, 31), ac);
        var c3 = Contract(e3, "NZ-SJ-001", LinkageKind.Order, new DateOnly(2018, 3, 1), new DateOnly(2020, 12, 31));
        var c4 = Contract(e1, "NZ-AC-003", LinkageKind.Employment, new DateOnly(2018, 11, 1), null);
        db.LinkageContracts.AddRange(c1, c2, c3, c4);
        await db.SaveChangesAsync();

        LinkageParty Party(LinkageContract c, long household, string village, long? member = null) =>
            new() { ContractId = c.Id, CountyCode = RegistryBuilder.County, VillageCode = village, HouseholdId = household, MemberId = member, AddedBy = "t" };
        var p11 = Party(c1, h1, VillageA);
        var p13 = Party(c1, h3, VillageB, m3a);
        var p22 = Party(c2, h2, VillageA);
        var p31 = Party(c3, h1, VillageA);
        var p34 = Party(c3, h4, VillageB);
        var p42 = Party(c4, h2, VillageA);
        db.LinkageParties.AddRange(p11, p13, p22, p31, p34, p42);
        await db.SaveChangesAsync();

        LinkagePayment Pay(LinkageParty p, int year, DateOnly on, long fen) =>
            new() { ContractId = p.ContractId, PartyId = p.Id, CountyCode = RegistryBuilder.County, VillageCode = p.VillageCode, HouseholdId = p.HouseholdId, Year = year, PaidOn = on, AmountFen = fen, RecordedBy = "t" };
        db.LinkagePayments.AddRange(
            Pay(p11, 2018, new DateOnly(2018, 6, 30), 50_000), Pay(p13, 2018, new DateOnly(2018, 6, 30), 30_000), Pay(p22, 2018, new DateOnly(2018, 1, 15), 20_000),
            Pay(p34, 2018, new DateOnly(2018, 9, 1), 40_000), Pay(p11, 2017, new DateOnly(2017, 12, 20), 45_000));
        await db.SaveChangesAsync();

        async Task Engage(long household, long industry, int year, int persons, double area, double output, long income)
        {
            var r = await new RecordIndustryEngagement(db, tdb.Clock).HandleAsync(new RecordIndustryEngagementRequest
            {
                HouseholdId = household, IndustryId = industry, Year = year, Persons = persons, AreaMu = area, Output = output, IncomeFen = income, User = "t", Role = Role.VillageCadre,
            }, default);
            Assert.True(r.IsOk, r.Failure?.Message);
        }
        await Engage(h5, ac, 2018, 2, 3.5, 1200, 600_000);
        await Engage(h1, ac, 2018, 1, 1.5, 500, 200_000);
        await Engage(h3, sj, 2018, 2, 0.5, 8000, 1_000_000);
        await Engage(h2, ac, 2017, 1, 2, 600, 150_000);
        return new County(ac, sj, h1, h2, h3, h4, h5, m3a, c1.Id);
    }

    public static async Task<long> HouseholdAsync(TestDatabase tdb, string village, int members) =>
        await RegistryBuilder.AddHouseholdAsync(tdb, h =>
        {
            h.VillageCode = village;
            for (var i = 1; i < members; i++) h.Members.Add(RegistryBuilder.Member(h));
        });

    async Task<IndustryOverview> OverviewAsync(string? region, int? year = 2018, AccessScope? scope = null)
    {
        await using var db = _db.NewContext(scope);
        var r = await new GetIndustryOverview(db, _db.Clock).HandleAsync(new IndustryOverviewRequest(region, year), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!;
    }

    [Fact]
    public async Task Overview_County2018_CountsActiveContracts_HouseholdAndPersonParties_PaymentsOfTheYear_Engagements_AndDistinctTotals()
    {
        var c = await BuildAsync(_db);
        var o = await OverviewAsync(RegistryBuilder.County);

        Assert.Equal(["AC", "SJ"], o.Rows.Select(r => r.Code));
        Assert.Equal(new DateOnly(2018, 10, 8), o.AsOf);
        var ac = o.Rows[0].Figures;
        // E1 and E2 (E4 is founded in 2019); C1 only (C2 ended 2017, C4 starts in November); H1 and H3 linked; H1's 3 members + H3's one person;
        // 500 + 300 + 200 (C2's late rent of 2018) = 1000元; own: H5 and H1, 2 + 1 persons, 3.5 + 1.5 亩, 1200 + 500 斤, 6000 + 2000 元; total {H1, H3, H5}.
        Assert.Equal(new EntityCounts(1, 1, 0, 0, 0, 0), ac.Entities);
        Assert.Equal(new IndustryFigures(ac.Entities, 1, 2, 4, 100_000, 2, 3, 5.0, 1700, 800_000, 3), ac);
        var sj = o.Rows[1].Figures;
        // E3; C3; H1 and H4 as households (3 + 1 members); 400元; own: H3 2人 0.5亩 8000袋 10000元; total {H1, H4, H3}.
        Assert.Equal(new IndustryFigures(new EntityCounts(0, 1, 0, 0, 0, 0), 1, 2, 4, 40_000, 1, 2, 0.5, 8000, 1_000_000, 3), sj);
        // Households and persons once each: linked {H1, H3, H4}, persons H1×3 + H3's one + H4×1; own {H5, H1, H3}; all {H1, H3, H4, H5}.
        Assert.Equal(new IndustryFigures(new EntityCounts(1, 2, 0, 0, 0, 0), 2, 3, 5, 140_000, 3, 5, 5.5, null, 1_800_000, 4), o.Total);

        // By township: 石门乡 has E1, C1, H1 (3 persons), 500 + 200元, own H5 and H1; 四棵树乡 has E2, H3's person, 300元.
        var acA = o.Rows[0].ByPlace.Single(p => p.Code == TownA).Figures;
        Assert.Equal(new IndustryFigures(new EntityCounts(1, 0, 0, 0, 0, 0), 1, 1, 3, 70_000, 2, 3, 5.0, 1700, 800_000, 2), acA);
        var acB = o.Rows[0].ByPlace.Single(p => p.Code == TownB).Figures;
        Assert.Equal(new IndustryFigures(new EntityCounts(0, 1, 0, 0, 0, 0), 0, 1, 1, 30_000, 0, 0, 0, 0, 0, 1), acB);
        Assert.Equal(2, o.TotalByPlace.Single(p => p.Code == TownA).Figures.HouseholdsTotal);
        Assert.Equal(2, o.TotalByPlace.Single(p => p.Code == TownB).Figures.HouseholdsTotal);
        Assert.Equal(0, o.TotalByPlace.Where(p => p.Code is not (TownA or TownB)).Sum(p => p.Figures.HouseholdsTotal));
        Assert.Equal(c.Ac, o.Rows[0].IndustryId);
    }

    [Fact]
    public async Task Overview_LastYear_CountsTheEndedContract_AndItsPayments_ButNotThisYearsEngagements()
    {
        await BuildAsync(_db);
        var o = await OverviewAsync(RegistryBuilder.County, 2017);
        Assert.Equal(new DateOnly(2017, 12, 31), o.AsOf);
        var ac = o.Rows.Single(r => r.Code == "AC").Figures;
        // 2017: C1 (H1 household, H3 person) and C2 (H2 household) active; paid 450元 (C1→H1 of 2017); own: H2 1人 2亩 600斤 1500元.
        Assert.Equal(new IndustryFigures(new EntityCounts(1, 1, 0, 0, 0, 0), 2, 3, 6, 45_000, 1, 1, 2, 600, 150_000, 3), ac);
        // C3 starts in 2018.
        Assert.Equal(0, o.Rows.Single(r => r.Code == "SJ").Figures.Contracts);
    }

    [Fact]
    public async Task Overview_Township_SplitsByVillage_AndCountsOnlyItsHouseholds()
    {
        await BuildAsync(_db);
        var o = await OverviewAsync(TownA);
        Assert.Equal(RegionLevel.Township, o.Level);
        Assert.Equal([VillageA], o.Places.Select(p => p.Code));
        var ac = o.Rows.Single(r => r.Code == "AC");
        Assert.Equal(new IndustryFigures(new EntityCounts(1, 0, 0, 0, 0, 0), 1, 1, 3, 70_000, 2, 3, 5.0, 1700, 800_000, 2), ac.Figures);
        // E1 and C1 sit at the township itself, not in a village.
        var a1 = Assert.Single(ac.ByPlace).Figures;
        Assert.Equal((0, 0, 1, 2, 2), (a1.Entities.Total, a1.Contracts, a1.LinkedHouseholds, a1.OwnHouseholds, a1.HouseholdsTotal));
    }

    [Fact]
    public async Task Overview_VillageCadre_SeesTheCountysIndustries_ButOnlyTheirHouseholdsFigures()
    {
        var c = await BuildAsync(_db);
        var cadre = AccessScope.For(99, Role.VillageCadre, [VillageA]);
        var o = await OverviewAsync(RegistryBuilder.County, scope: cadre);
        Assert.Equal(["AC", "SJ"], o.Rows.Select(r => r.Code));
        var ac = o.Rows[0].Figures;
        // Entities in their village and above (E1 at the township), C1, H1 only of the parties, own H5 and H1.
        Assert.Equal(new IndustryFigures(new EntityCounts(1, 0, 0, 0, 0, 0), 1, 1, 3, 70_000, 2, 3, 5.0, 1700, 800_000, 2), ac);
        // 食用菌 adds H1 again (C3); H4 and H3 are in the other village: {H1, H5}.
        Assert.Equal(2, o.Total.HouseholdsTotal);

        // Default region is the cadre's village.
        Assert.Equal(VillageA, (await OverviewAsync(null, scope: cadre)).Region);
        await using var db = _db.NewContext(cadre);
        Assert.Equal(FailureKindOf(await new ListHouseholdEngagements(db).HandleAsync(c.H3, default)), Common.FailureKind.NotFound);
        Assert.Single((await new ListHouseholdEngagements(db).HandleAsync(c.H5, default)).Value!);
        var outside = await new GetIndustryOverview(db, _db.Clock).HandleAsync(new IndustryOverviewRequest("411322"), default);
        Assert.Equal(Common.FailureKind.NotFound, outside.Failure!.Kind);
    }

    static Common.FailureKind? FailureKindOf<T>(Common.Result<T> r) => r.Failure?.Kind;

    [Fact]
    public async Task Overview_BadYearOrRegion_IsInvalid()
    {
        await BuildAsync(_db);
        await using var db = _db.NewContext();
        var get = new GetIndustryOverview(db, _db.Clock);
        Assert.Equal("industry.year_invalid", Assert.Single((await get.HandleAsync(new IndustryOverviewRequest(RegistryBuilder.County, 2019), default)).Failure!.Errors).Code);
        Assert.Equal("region.invalid", Assert.Single((await get.HandleAsync(new IndustryOverviewRequest("4113"), default)).Failure!.Errors).Code);
    }

    [Fact]
    public async Task Export_WritesTheOverviewAndTheTownshipSplit_AndIsLogged()
    {
        await BuildAsync(_db);
        await using var db = _db.NewContext();
        var r = await new ExportIndustryOverview(db, _db.Clock).HandleAsync(new ExportIndustryOverviewRequest(RegistryBuilder.County, 2018, "region=411321&year=2018", "tester"), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        using var stream = new MemoryStream(r.Value!.Content);
        Assert.Equal(["产业总览", "分乡镇"], MiniExcelLibs.MiniExcel.GetSheetNames(stream));
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "产业总览").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["艾草", "食用菌", "合计"], rows.Select(x => (string?)x["产业名称"]));
        static double D(object? v) => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((2.0, 3.0, 4.0, 1000.0, 5.0, 8000.0, 3.0), (D(rows[0]["联结农户（户）"]), D(rows[0]["带动农户合计（户）"]), D(rows[0]["联结人口（人）"]),
            D(rows[0]["联结收益兑现（元）"]), D(rows[0]["面积（亩）"]), D(rows[0]["经营收入（元）"]), D(rows[2]["联结农户（户）"])));
        Assert.Equal(4.0, D(rows[2]["带动农户合计（户）"]));
        stream.Position = 0;
        var places = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: "分乡镇").Cast<IDictionary<string, object?>>().ToList();
        // 艾草 in 石门乡 and 四棵树乡, 食用菌 in both (H1 in A1; H3 and H4 in B1).
        Assert.Equal(["艾草 411321304", "艾草 411321305", "食用菌 411321304", "食用菌 411321305"], places.Select(p => $"{p["产业名称"]} {p["乡镇/村代码"]}"));
        Assert.Equal((2, 4), (r.Value.Industries, r.Value.PlaceRows));
        Assert.True(await db.Changes.AnyAsync(x => x.Entity == ExportIndustryOverview.Entity && x.Action == AccountLog.Exported && x.NewValue == "region=411321&year=2018"));
    }
}
