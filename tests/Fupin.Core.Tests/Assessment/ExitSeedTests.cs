using Fupin.Assessment;
using Fupin.Demo;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>
/// A small 2018 cohort in the demo county's code (411321): thirteen households, in id order P0 F P1 P2 P3 F P4 … P10,
/// where P passes the 2018 test (income 4000.00 for one person, a visit) and F fails it (no visit: 不愁吃穿 未核实),
/// plus one 2019-cohort household that passes. One in five passing households in id order gets a procedure:
/// P0, P5, P10 (passing positions 0, 5, 10), taken to 0, 1 and 2 steps (position / 5 mod 5), so the steps due
/// are 民主评议, 核实 and 户认可.
/// </summary>
public class ExitSeedTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    readonly List<long> _passing = [];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        foreach (var (pass, year) in new[] { true, false, true, true, true, false, true, true, true, true, true, true, true }.Select(p => (p, 2018)).Append((true, 2019)))
        {
            var id = await RegistryBuilder.AddHouseholdAsync(_db, h =>
            {
                h.PlannedExitYear = year;
                h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 1, Wage = 400_000 });
            });
            if (!pass) continue;
            if (year == 2018) _passing.Add(id);
            await using var ctx = _db.NewContext();
            ctx.Visits.Add(new HouseholdVisit
            {
                HouseholdId = id, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, VisitedOn = new DateOnly(2018, 9, 1),
                Visitor = "王帮扶", FoodSecure = true, ClothingSecure = true, RecordedBy = "test",
            });
            await ctx.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seed_StartsOneInFivePassing_AtDifferentSteps_NoneCompleted_AndRerunAddsNothing()
    {
        await using (var ctx = _db.NewContext())
        {
            var result = await new SeedDemoExits(ctx, _db.Clock).HandleAsync(default);
            Assert.Equal((13, 11, 3), (result.Tested, result.Passing, result.Started));
        }

        await using var check = _db.NewContext();
        var procedures = await check.ExitProcedures.AsNoTracking().Include(p => p.Steps).OrderBy(p => p.HouseholdId).ToListAsync();
        Assert.Equal([_passing[0], _passing[5], _passing[10]], procedures.Select(p => p.HouseholdId));
        Assert.Equal([0, 1, 2], procedures.Select(p => p.Steps.Count));
        Assert.All(procedures, p => Assert.Equal(ExitProcedureStatus.InProgress, p.Status));
        Assert.All(procedures, p => Assert.True(p.TestPassed));
        Assert.Equal(new DateOnly(2018, 9, 18), procedures[2].Steps.Single(s => s.Step == ExitStep.Verification).Date);
        Assert.Equal(0, await check.Households.CountAsync(h => h.Status == PovertyStatus.ExitedWithPolicy));

        await using var again = _db.NewContext();
        Assert.Equal(0, (await new SeedDemoExits(again, _db.Clock).HandleAsync(default)).Started);
    }
}
