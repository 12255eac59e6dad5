using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

public sealed record BriefingRow(long Id, string RegionCode, string RegionName, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>The briefings of the user's regions (or of one region and below), newest first.</summary>
public sealed class ListBriefings(AppDbContext db)
{
    public const int Max = 200;

    public async Task<IReadOnlyList<BriefingRow>> HandleAsync(string? region, CancellationToken ct)
    {
        var query = db.Briefings.AsNoTracking();
#pragma warning disable CA1310 // EF translates StartsWith to a prefix match.
        if (!string.IsNullOrWhiteSpace(region)) query = query.Where(b => b.RegionCode.StartsWith(region.Trim()));
#pragma warning restore CA1310
        return await query.OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id).Take(Max)
            .Select(b => new BriefingRow(b.Id, b.RegionCode,
                db.Regions.IgnoreQueryFilters().Where(r => r.Code == b.RegionCode).Select(r => r.Name).FirstOrDefault() ?? b.RegionCode,
                b.Title, b.PeriodFrom, b.PeriodTo, b.CreatedBy, b.CreatedAt))
            .ToListAsync(ct);
    }
}
