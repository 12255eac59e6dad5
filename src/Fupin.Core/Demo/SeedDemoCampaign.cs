using Fupin.Data;

namespace Fupin.Demo;

/// <param name="Headings">Ledger headings (四场硬仗, 六大行动, 四项工程 and their names).</param>
/// <param name="Tasks">Task lines.</param>
/// <param name="Reports">Monthly progress reports.</param>
/// <param name="Red">Lines red on the business date (progress well behind the time elapsed).</param>
/// <param name="Briefings">Briefings issued.</param>
public sealed record SeedDemoCampaignResult(int Headings, int Tasks, int Reports, int Red, int Briefings);

/// <summary>Stub: the demo county's 2018 campaign ledger with monthly reports and a briefing (issue #10).</summary>
public sealed class SeedDemoCampaign(AppDbContext db, TimeProvider clock)
{
    public Task<SeedDemoCampaignResult> HandleAsync(CancellationToken ct)
    {
        _ = (db, clock, ct);
        return Task.FromResult(new SeedDemoCampaignResult(0, 0, 0, 0, 0));
    }
}
