using Fupin.Data;

namespace Fupin.Demo;

public sealed record DemoRectificationsResult(int Items, int Closed, int Overdue);

/// <summary>Rectification items of every source with their histories (helper B).</summary>
public sealed class DemoRectifications(AppDbContext db, TimeProvider clock)
{
    public Task<DemoRectificationsResult> SeedAsync(CancellationToken ct)
    {
        _ = (db, clock, ct);
        return Task.FromResult(new DemoRectificationsResult(0, 0, 0));
    }
}
