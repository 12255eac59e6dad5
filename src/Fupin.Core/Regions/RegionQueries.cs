using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

/// <summary>Small region look-ups shared by pages (names only, no counting).</summary>
public static class RegionQueries
{
    public static Task<List<RegionCrumb>> ChildRegionsAsync(this AppDbContext db, string code, CancellationToken ct) =>
        db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code)
            .Select(r => new RegionCrumb(r.Code, r.Name, r.Level)).ToListAsync(ct);

    /// <summary>The one county in the database, or the lowest region above all of them.</summary>
    public static async Task<string?> TopRegionCodeAsync(this AppDbContext db, CancellationToken ct)
    {
        var counties = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.County)
            .OrderBy(r => r.Code)
            .Select(r => r.Code)
            .ToListAsync(ct);
        if (counties.Count == 0)
            return await db.Regions.AsNoTracking().OrderBy(r => r.Code.Length).ThenBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct);
        if (counties.Count == 1) return counties[0];
        foreach (var length in new[] { 4, 2 })
        {
            var prefix = counties[0][..length];
            if (counties.All(c => c.StartsWith(prefix, StringComparison.Ordinal))) return prefix;
        }
        return counties[0][..2];
    }
}
