using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Workshops;

/// <summary>
/// A workshop in 石门村 with two poor workers: 甲 from 2018-08-01 (still working) and 乙 from 2018-03-01,
/// off the job from 2018-09-30 (the end date is the first day not worked). As of 2018-07-31 one works (乙),
/// on 2018-09-29 two, on 2018-09-30 and today (2018-10-08) one (甲).
/// </summary>
public class WorkshopTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const Role Clerk = Role.TownshipOfficer;

    async Task<long> WorkshopAsync()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await using var db = _db.NewContext();
        var r = await new AddWorkshop(db, _db.Clock).HandleAsync(new AddWorkshopRequest(new WorkshopInput
        {
            VillageCode = RegistryBuilder.Village, Name = "石门村扶贫车间", Status = WorkshopStatus.Operating, Company = "南召县某服饰有限公司",
            Products = "服装加工", OpenedOn = new DateOnly(2018, 3, 1), JobsPlanned = 40, WorkersTotal = 25,
        }, "t", Clerk), default);
        Assert.True(r.IsOk, r.Failure?.Message);
        return r.Value!.Id;
    }

    async Task<long> MemberAsync(string name, DateOnly? birth = null)
    {
        var h = await RegistryBuilder.AddHouseholdAsync(_db, x =>
        {
            x.Members[0].Name = name;
            if (birth is { } b) { x.Members[0].BirthDate = b; x.Members[0].IdNumber = null; }
        });
        await using var db = _db.NewContext();
        return await db.Members.Where(m => m.HouseholdId == h).Select(m => m.Id).SingleAsync();
    }

    async Task<Common.Result<WorkshopWorkerSaved>> HireAsync(long workshop, long member, DateOnly start)
    {
        await using var db = _db.NewContext();
        return await new AddWorkshopWorker(db, _db.Clock).HandleAsync(new AddWorkshopWorkerRequest(workshop, member, start, 180_000, "t", Clerk), default);
    }

    async Task<int> PoorOnAsync(long workshop, DateOnly day)
    {
        await using var db = _db.NewContext();
        return (await SearchWorkshops.PoorWorkersOnAsync(db, [workshop], day, default)).GetValueOrDefault(workshop);
    }

    [Fact]
    public async Task PoorWorkers_AsOfADate_CountOnlyThoseStartedAndNotYetEnded()
    {
        var ws = await WorkshopAsync();
        Assert.True((await HireAsync(ws, await MemberAsync("甲"), new DateOnly(2018, 8, 1))).IsOk);
        var yi = await HireAsync(ws, await MemberAsync("乙"), new DateOnly(2018, 3, 1));
        await using (var db = _db.NewContext())
            Assert.True((await new EndWorkshopWorker(db, _db.Clock).HandleAsync(new EndWorkshopWorkerRequest(yi.Value!.Id, new DateOnly(2018, 9, 30), "t", Clerk), default)).IsOk);

        Assert.Equal(0, await PoorOnAsync(ws, new DateOnly(2018, 2, 28)));
        Assert.Equal(1, await PoorOnAsync(ws, new DateOnly(2018, 7, 31)));
        Assert.Equal(2, await PoorOnAsync(ws, new DateOnly(2018, 9, 29)));
        Assert.Equal(1, await PoorOnAsync(ws, new DateOnly(2018, 9, 30)));

        await using var read = _db.NewContext();
        var list = (await new SearchWorkshops(read, _db.Clock).HandleAsync(new SearchWorkshopsRequest(), default)).Value!;
        Assert.Equal(new WorkshopTotals(1, 0, 1, 0, 40, 25, 1), list.Totals);
        var details = (await new GetWorkshop(read, _db.Clock).HandleAsync(ws, default)).Value!;
        Assert.Equal(["甲"], details.PoorWorkers.Select(w => w.Name));
        Assert.Equal(["乙"], details.FormerWorkers.Select(w => w.Name));
    }

    [Fact]
    public async Task Worker_Under16OnTheStartDate_OrAlreadyWorkingThere_IsRefused_AndNothingIsAdded()
    {
        var ws = await WorkshopAsync();
        // Born 2002-10-09: 15 on 2018-10-08, 16 the next day.
        var young = await MemberAsync("丙", new DateOnly(2002, 10, 9));
        var r = await HireAsync(ws, young, new DateOnly(2018, 10, 8));
        Assert.Equal("workshops.under_age", Assert.Single(r.Failure!.Errors).Code);

        var adult = await MemberAsync("丁");
        Assert.True((await HireAsync(ws, adult, new DateOnly(2018, 9, 1))).IsOk);
        var again = await HireAsync(ws, adult, new DateOnly(2018, 10, 1));
        Assert.Equal("workshops.worker_active", Assert.Single(again.Failure!.Errors).Code);

        await using var db = _db.NewContext();
        Assert.Equal([adult], await db.WorkshopWorkers.Select(w => w.MemberId).ToListAsync());
    }

    [Fact]
    public async Task Month_Duplicate_FutureOrPoorOverTotal_IsRefused_AndLeavesOneRow()
    {
        var ws = await WorkshopAsync();
        RecordWorkshopMonthRequest Month(DateOnly m, int workers = 25, int poor = 12, long wages = 5_000_000, long poorWages = 2_200_000) =>
            new(ws, m, workers, poor, wages, poorWages, 300_000, null, "t", Clerk);
        await using var db = _db.NewContext();
        var record = new RecordWorkshopMonth(db, _db.Clock);
        var ok = await record.HandleAsync(Month(new DateOnly(2018, 9, 17)), default);
        Assert.Equal(new DateOnly(2018, 9, 1), ok.Value!.Month);

        Assert.Equal(WorkshopRules.MonthExistsCode, Assert.Single((await record.HandleAsync(Month(new DateOnly(2018, 9, 1)), default)).Failure!.Errors).Code);
        Assert.Equal("workshops.month_future", Assert.Single((await record.HandleAsync(Month(new DateOnly(2018, 11, 1)), default)).Failure!.Errors).Code);
        Assert.Equal(["workshops.poor_over_workers", "workshops.poor_wages_over_wages"],
            (await record.HandleAsync(Month(new DateOnly(2018, 8, 1), workers: 10, poor: 11, wages: 100, poorWages: 101), default)).Failure!.Errors.Select(e => e.Code));
        Assert.True((await record.HandleAsync(Month(new DateOnly(2018, 10, 1)), default)).IsOk);

        await using var check = _db.NewContext();
        Assert.Equal([new DateOnly(2018, 9, 1), new DateOnly(2018, 10, 1)], await check.WorkshopMonths.OrderBy(m => m.Month).Select(m => m.Month).ToListAsync());
        var details = (await new GetWorkshop(check, _db.Clock).HandleAsync(ws, default)).Value!;
        Assert.Equal((4_400_000L, 600_000L), (details.PoorWagesThisYearFen, details.SubsidyThisYearFen));
    }

    [Fact]
    public async Task Workshop_OperatingWithoutOpeningDate_OrInAVillageOutOfScope_IsRefused()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, "411321304202", "别村");
        await using var db = _db.NewContext(AccessScope.For(9, Role.VillageCadre, [RegistryBuilder.Village]));
        var r = await new AddWorkshop(db, _db.Clock).HandleAsync(new AddWorkshopRequest(new WorkshopInput
        {
            VillageCode = "411321304202", Name = "别村车间", Status = WorkshopStatus.Operating,
        }, "t", Role.VillageCadre), default);
        Assert.Equal(["region.unknown", "workshops.opened_required"], r.Failure!.Errors.Select(e => e.Code));
        await using var all = _db.NewContext();
        Assert.Equal(0, await all.Workshops.CountAsync());
    }
}
