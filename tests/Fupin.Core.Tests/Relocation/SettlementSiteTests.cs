using Fupin.Accounts;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Relocation;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Relocation;

/// <summary>
/// A hand-built site as of 2018-10-08 (township 石门乡, 10 houses planned, 8 built, 6 handed over; 社区服务中心,
/// 学校 and 卫生室 in place). Four households from 石门村:
/// A (3 persons: a child of 10 in school; one member working at a workshop since 2018-08-01; moved in 2018-09-01;
///   old house demolished; 艾草种植 support; 2017 net 12,000 yuan for 3),
/// B (2 persons: one with 8 months of migrant work; moved in 2018-09-15; 2017 net 5,000 yuan for 2),
/// C (2 persons: the township recorded 1 stable job; a child of 12 not in school with no reason; not moved in),
/// D (2 persons: 5 months of migrant work, a workshop job ended 2018-09-30, the son without basic medical insurance; not moved in).
/// So: 4 households, 9 persons; 2 moved in (5 persons); 3 with stable work (75.0%), the gap is D; 2017 per-capita
/// (12,000 + 5,000) / 5 = 3,400 yuan against the 3,335 line, B below it.
/// </summary>
public class SettlementSiteTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static readonly SiteInput Site = new()
    {
        Name = "如意社区", Kind = SettlementKind.Concentrated, RegionCode = RegistryBuilder.Township, CapacityPersons = 40,
        HousesPlanned = 10, HousesBuilt = 8, HousesHandedOver = 6, Facilities = [SiteFacility.CommunityCenter, SiteFacility.School, SiteFacility.Clinic],
    };

    async Task<long> AddSiteAsync(SiteInput? input = null)
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var db = _db.NewContext();
        var r = await new AddSettlementSite(db, _db.Clock).HandleAsync(new AddSettlementSiteRequest(input ?? Site, "t", Role.TownshipOfficer), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!.Id;
    }

    async Task<Result<RelocatedHouseholdSaved>> RelocateAsync(long site, long household, DateOnly? movedIn = null, bool demolished = false, int jobs = 0, string? support = null)
    {
        await using var db = _db.NewContext();
        return await new AddRelocatedHousehold(db, _db.Clock).HandleAsync(
            new AddRelocatedHouseholdRequest(site, household, movedIn, demolished, jobs, support, "t", Role.TownshipOfficer), default);
    }

    static Member Child(Household h, string name, int age, string status) => RegistryBuilder.Member(h, m =>
    {
        m.Name = name;
        m.BirthDate = new DateOnly(2018 - age, 3, 1);
        m.IdNumber = null;
        m.Education = null;
        m.StudentStatus = status;
    });

    async Task<(long A, long B, long C, long D, long Workshop)> BuildAsync(long site)
    {
        var a = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "王大山";
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "王妻"));
            h.Members.Add(Child(h, "王小明", 10, "小学"));
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2016, HouseholdSize = 3, Wage = 100 });
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 3, Wage = 1_200_000 });
        });
        var b = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "李二河";
            h.Members.Add(RegistryBuilder.Member(h, m => { m.Name = "李打工"; m.MigrantWorkMonths = 8; m.MigrantWorkPlace = "郑州"; }));
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 2, Wage = 500_000 });
        });
        var c = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "赵三林";
            h.Members.Add(Child(h, "赵小红", 12, "非在校生"));
        });
        var d = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members[0].Name = "孙四海";
            h.Members[0].MigrantWorkMonths = 5;
            h.Members.Add(RegistryBuilder.Member(h, m => { m.Name = "孙儿"; m.HasBasicMedical = false; }));
        });
        Assert.True((await RelocateAsync(site, a, new DateOnly(2018, 9, 1), demolished: true, support: "艾草种植")).IsOk);
        Assert.True((await RelocateAsync(site, b, new DateOnly(2018, 9, 15))).IsOk);
        Assert.True((await RelocateAsync(site, c, jobs: 1)).IsOk);
        Assert.True((await RelocateAsync(site, d)).IsOk);

        await using var db = _db.NewContext();
        var ws = await new AddWorkshop(db, _db.Clock).HandleAsync(new AddWorkshopRequest(new WorkshopInput
        {
            VillageCode = RegistryBuilder.Village, Name = "石门村艾草车间", Status = WorkshopStatus.Operating, OpenedOn = new DateOnly(2018, 3, 1), JobsPlanned = 30,
        }, "t", Role.TownshipOfficer), default);
        Assert.True(ws.IsOk, ws.Failure?.Message);
        var wife = await db.Members.Where(m => m.HouseholdId == a && m.Name == "王妻").Select(m => m.Id).SingleAsync();
        var son = await db.Members.Where(m => m.HouseholdId == d && m.Name == "孙儿").Select(m => m.Id).SingleAsync();
        var add = new AddWorkshopWorker(db, _db.Clock);
        Assert.True((await add.HandleAsync(new AddWorkshopWorkerRequest(ws.Value!.Id, wife, new DateOnly(2018, 8, 1), 150_000, "t", Role.TownshipOfficer), default)).IsOk);
        var ended = await add.HandleAsync(new AddWorkshopWorkerRequest(ws.Value.Id, son, new DateOnly(2018, 3, 1), 150_000, "t", Role.TownshipOfficer), default);
        Assert.True(ended.IsOk);
        Assert.True((await new EndWorkshopWorker(db, _db.Clock).HandleAsync(new EndWorkshopWorkerRequest(ended.Value!.Id, new DateOnly(2018, 9, 30), "t", Role.TownshipOfficer), default)).IsOk);
        return (a, b, c, d, ws.Value.Id);
    }

    [Fact]
    public async Task Site_HandBuilt_AnswersMoveOutSettleAndProsperWithTheWorkedNumbers()
    {
        var site = await AddSiteAsync();
        var (a, b, c, d, _) = await BuildAsync(site);

        await using var db = _db.NewContext();
        var r = await new GetSettlementSite(db, _db.Clock).HandleAsync(site, default);
        Assert.True(r.IsOk);
        var x = r.Value!;

        Assert.Equal(new MoveOutFigures(10, 8, 6, Households: 4, Persons: 9, HouseholdsMovedIn: 2, PersonsMovedIn: 5, OldHousesDemolished: 1), x.MoveOut);

        Assert.Equal(3, x.Settle.FacilitiesInPlace);
        Assert.Equal([SiteFacility.CommunityCenter, SiteFacility.School, SiteFacility.Clinic], x.Settle.Facilities.Where(f => f.InPlace).Select(f => f.Facility));
        Assert.Equal((2, 1, 0), (x.Settle.SchoolAgeChildren, x.Settle.InSchool, x.Settle.Excused));
        Assert.Equal(["赵小红"], x.Settle.OutOfSchool);
        Assert.Equal((9, 8), (x.Settle.Members, x.Settle.WithBasicMedical));

        Assert.Equal(3, x.Prosper.HouseholdsWithWork);
        Assert.Equal(75.0m, x.Prosper.WorkRate);
        var gap = Assert.Single(x.Prosper.Gap);
        Assert.Equal((d, "孙四海", 2), (gap.HouseholdId, gap.HeadName, gap.Persons));
        Assert.Equal(1, x.Prosper.WithIndustrySupport);
        Assert.Equal((2017, 2, 340_000L, 333_500L, 1), (x.Prosper.IncomeYear, x.Prosper.HouseholdsWithIncome, x.Prosper.PerCapitaIncomeFen, x.Prosper.PovertyLineFen, x.Prosper.HouseholdsBelowLine));

        var byHousehold = x.Families.ToDictionary(f => f.HouseholdId);
        Assert.StartsWith("车间务工（石门村艾草车间", byHousehold[a].StableWorkText, StringComparison.Ordinal);
        Assert.StartsWith("外出务工（1人，最长8个月）", byHousehold[b].StableWorkText, StringComparison.Ordinal);
        Assert.Equal("乡镇登记稳定就业1人", byHousehold[c].StableWorkText);
        Assert.False(byHousehold[d].HasStableWork);
        Assert.Equal("石门乡石门村", byHousehold[a].FromVillageName);

        var list = await new SearchSettlementSites(db, _db.Clock).HandleAsync(new SearchSettlementSitesRequest(), default);
        var row = Assert.Single(list.Value!.Rows);
        Assert.Equal((4, 9, 2, 5, 3, 75.0m, 3), (row.Households, row.Persons, row.HouseholdsMovedIn, row.PersonsMovedIn, row.HouseholdsWithWork, row.WorkRate, row.FacilitiesInPlace));
    }

    [Fact]
    public async Task Site_MovedInDateAfterToday_IsRefused_AndAMoveInCountsFromItsDay()
    {
        var site = await AddSiteAsync();
        var h = await RegistryBuilder.AddHouseholdAsync(_db);
        var refused = await RelocateAsync(site, h, new DateOnly(2018, 10, 9));
        Assert.Equal("relocation.moved_in_future", Assert.Single(refused.Failure!.Errors).Code);
        Assert.True((await RelocateAsync(site, h, new DateOnly(2018, 10, 8))).IsOk);
        await using var db = _db.NewContext();
        var x = (await new GetSettlementSite(db, _db.Clock).HandleAsync(site, default)).Value!;
        Assert.Equal(1, x.MoveOut.HouseholdsMovedIn);
    }

    [Fact]
    public async Task Relocate_HouseholdAlreadyAtAnotherSite_IsRefused_AndNothingIsAdded()
    {
        var first = await AddSiteAsync();
        var second = await AddSiteAsync(Site with { Name = "幸福家园" });
        var h = await RegistryBuilder.AddHouseholdAsync(_db);
        Assert.True((await RelocateAsync(first, h)).IsOk);

        var again = await RelocateAsync(second, h);

        Assert.False(again.IsOk);
        var e = Assert.Single(again.Failure!.Errors);
        Assert.Equal((nameof(AddRelocatedHouseholdRequest.HouseholdId), RelocationRules.AlreadyRelocatedCode), (e.Field, e.Code));
        Assert.Contains("如意社区", e.Message, StringComparison.Ordinal);
        await using var db = _db.NewContext();
        var row = Assert.Single(await db.RelocatedHouseholds.ToListAsync());
        Assert.Equal(first, row.SiteId);
    }

    [Fact]
    public async Task Relocate_HouseholdOutsideTheUsersScope_IsUnknown_AndNothingIsAdded()
    {
        var site = await AddSiteAsync();
        await RegistryBuilder.EnsureVillageAsync(_db, "411321304202", "别村");
        var h = await RegistryBuilder.AddHouseholdAsync(_db, x => x.VillageCode = "411321304202");
        var cadre = AccessScope.For(7, Role.VillageCadre, [RegistryBuilder.Village]);
        await using var db = _db.NewContext(cadre);
        var r = await new AddRelocatedHousehold(db, _db.Clock).HandleAsync(new AddRelocatedHouseholdRequest(site, h, null, false, 0, null, "t", Role.VillageCadre), default);
        Assert.Equal("relocation.household_unknown", Assert.Single(r.Failure!.Errors).Code);
        await using var all = _db.NewContext();
        Assert.Equal(0, await all.RelocatedHouseholds.CountAsync());
    }

    [Fact]
    public async Task Site_HousesBuiltOverPlanned_OrHandedOverOverBuilt_IsRefused_AndNothingIsWritten()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using (var db = _db.NewContext())
        {
            var over = await new AddSettlementSite(db, _db.Clock).HandleAsync(new AddSettlementSiteRequest(
                Site with { HousesPlanned = 10, HousesBuilt = 11, HousesHandedOver = 12 }, "t", Role.CountyAdmin), default);
            Assert.Equal(["relocation.built_over_planned", "relocation.handed_over_over_built"], over.Failure!.Errors.Select(e => e.Code));
            Assert.Equal(0, await db.SettlementSites.CountAsync());
        }
        var site = await AddSiteAsync();
        await using (var db = _db.NewContext())
        {
            var version = await db.SettlementSites.Where(s => s.Id == site).Select(s => s.Version).SingleAsync();
            var r = await new UpdateSettlementSite(db, _db.Clock).HandleAsync(new UpdateSettlementSiteRequest(site, version,
                Site with { HousesBuilt = 10, HousesHandedOver = 11 }, "t", Role.CountyAdmin), default);
            Assert.Equal("relocation.handed_over_over_built", Assert.Single(r.Failure!.Errors).Code);
        }
        await using (var db = _db.NewContext())
        {
            var s = await db.SettlementSites.SingleAsync();
            Assert.Equal((10, 8, 6, 0L), (s.HousesPlanned, s.HousesBuilt, s.HousesHandedOver, s.Version));
        }
    }

    [Fact]
    public async Task Site_StaleVersion_IsAConflict_AndAnInspectorMayNotChangeSites()
    {
        var site = await AddSiteAsync();
        await using var db = _db.NewContext();
        var ok = await new UpdateSettlementSite(db, _db.Clock).HandleAsync(new UpdateSettlementSiteRequest(site, 0, Site with { HousesBuilt = 9 }, "t", Role.CountyAdmin), default);
        Assert.Equal(1L, ok.Value!.Version);
        var stale = await new UpdateSettlementSite(db, _db.Clock).HandleAsync(new UpdateSettlementSiteRequest(site, 0, Site with { HousesBuilt = 10 }, "t", Role.CountyAdmin), default);
        Assert.Equal(FailureKind.Conflict, stale.Failure!.Kind);
        var inspector = await new AddSettlementSite(db, _db.Clock).HandleAsync(new AddSettlementSiteRequest(Site, "t", Role.Inspector), default);
        Assert.Equal(Fupin.Projects.ProjectRoles.NotAllowedCode, Assert.Single(inspector.Failure!.Errors).Code);
    }

    [Fact]
    public async Task FollowUp_UpdateAndRemove_ChangeTheFigures()
    {
        var site = await AddSiteAsync();
        var h = await RegistryBuilder.AddHouseholdAsync(_db);
        var added = (await RelocateAsync(site, h)).Value!;
        await using (var db = _db.NewContext())
        {
            var u = await new UpdateRelocatedHousehold(db, _db.Clock).HandleAsync(new UpdateRelocatedHouseholdRequest(added.Id, added.Version,
                new DateOnly(2018, 10, 1), true, 1, "光伏分红", "t", Role.VillageCadre), default);
            Assert.True(u.IsOk);
            var x = (await new GetSettlementSite(db, _db.Clock).HandleAsync(site, default)).Value!;
            Assert.Equal((1, 1, 1, 1), (x.MoveOut.HouseholdsMovedIn, x.MoveOut.OldHousesDemolished, x.Prosper.HouseholdsWithWork, x.Prosper.WithIndustrySupport));
            var tooMany = await new UpdateRelocatedHousehold(db, _db.Clock).HandleAsync(new UpdateRelocatedHouseholdRequest(added.Id, u.Value!.Version,
                null, false, 2, null, "t", Role.VillageCadre), default);
            Assert.Equal("relocation.stable_jobs_invalid", Assert.Single(tooMany.Failure!.Errors).Code);
            Assert.True((await new RemoveRelocatedHousehold(db).HandleAsync(new RemoveRelocatedHouseholdRequest(added.Id, u.Value.Version, "t", Role.VillageCadre), default)).IsOk);
        }
        await using var check = _db.NewContext();
        Assert.Equal(0, await check.RelocatedHouseholds.CountAsync());
        Assert.True((await RelocateAsync(site, h)).IsOk);
    }
}
