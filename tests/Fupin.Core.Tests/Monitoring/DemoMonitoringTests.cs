using Fupin.Demo;
using Fupin.Monitoring;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Monitoring;

/// <summary>The demo's monitoring on the seeded demo county as of 2018-10-08.</summary>
public class DemoMonitoringTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SeedDemoMonitoring_EventsFloodProposalsMeasuresAndFlags_SecondCallDoesNothing()
    {
        await using (var ctx = _db.NewContext())
            await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, CancellationToken.None);

        SeedDemoMonitoringResult result;
        await using (var ctx = _db.NewContext())
            result = await new SeedDemoMonitoring(ctx, _db.Clock).HandleAsync(CancellationToken.None);

        // 14 + 4 winter events, 16 illnesses + 6 accidents + 12 flood reports later: all on or before 2018-10-08.
        Assert.Equal(52, result.Events);
        Assert.True(result.Flagged > 0, "some monitored households with labour have no development measure after 6 months");
        Assert.True(result.Monitored > result.StillProposed);
        Assert.True(result.Rejected > 0 && result.Cleared > 0);

        await using var db = _db.NewContext();
        Assert.Equal(result.Proposed, await db.MonitoringObjects.CountAsync());
        var floods = await db.RiskEvents.Where(e => e.Risk == RiskType.DisasterFlood).Select(e => new { e.VillageCode, e.OccurredOn }).ToListAsync();
        Assert.Equal(12, floods.Count);
        Assert.Single(floods.Select(f => f.VillageCode[..9]).Distinct());
        Assert.All(floods, f => Assert.Equal(new DateOnly(2018, 7, 19), f.OccurredOn));
        Assert.True(await db.MonitoringObjects.AnyAsync(o => o.Type == MonitoringType.SuddenHardship && o.Risks.Contains(RiskType.DisasterFlood)));
        // No household has two open objects.
        var open = await db.MonitoringObjects.Where(o => o.Status == MonitoringStatus.Proposed || o.Status == MonitoringStatus.Monitored)
            .GroupBy(o => o.HouseholdId).CountAsync(g => g.Count() > 1);
        Assert.Equal(0, open);

        await using var again = _db.NewContext();
        Assert.Equal(0, (await new SeedDemoMonitoring(again, _db.Clock).HandleAsync(CancellationToken.None)).Proposed);
    }
}
