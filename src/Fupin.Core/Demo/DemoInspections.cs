using Fupin.Data;

namespace Fupin.Demo;

public sealed record DemoInspectionsResult(int Plans, int Visits, int Findings);

/// <summary>The checklist templates and the 2018-10-08 inspection of 石门乡 (helper A).</summary>
public sealed class DemoInspections(AppDbContext db, TimeProvider clock)
{
    public Task<DemoInspectionsResult> SeedAsync(CancellationToken ct)
    {
        _ = (db, clock, ct);
        return Task.FromResult(new DemoInspectionsResult(0, 0, 0));
    }
}
