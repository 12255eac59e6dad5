using Fupin.Data;
using Fupin.Regions;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>The child regions' indicators (same rules as the region's own figures), counted by code prefix in the database.</summary>
public static class BoardChildren
{
    public static async Task<IReadOnlyList<BoardChild>> ComputeAsync(AppDbContext db, RegionStats stats, IReadOnlyList<RectificationRow> rectifications, int year, CancellationToken ct)
    {
        if (stats.Children.Count == 0) return [];
        var code = stats.Total.Code;
        var length = stats.Children[0].Code.Length;
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var exited = await db.Households.AsNoTracking().InCounty(Distribution.CountyOf(code))
            .Where(h => h.VillageCode.StartsWith(code) && h.ExitYear == year)
            .GroupBy(h => h.VillageCode.Substring(0, EF.Constant(length)))
            .Select(g => new { Prefix = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Prefix, g => g.Count, StringComparer.Ordinal, ct);
#pragma warning restore CA1310
        return [.. stats.Children.Select(c =>
        {
            var mine = rectifications.Where(r => r.RegionCode.StartsWith(c.Code, StringComparison.Ordinal)).ToList();
            return new BoardChild(c.Code, c.Name, c.Level, c.IsPoorVillage, new Dictionary<string, decimal?>(StringComparer.Ordinal)
            {
                ["households"] = c.Households,
                ["poor_households"] = c.PoorHouseholds,
                ["poor_persons"] = c.PoorPersons,
                ["poverty_incidence"] = c.PovertyIncidence,
                ["exited_households"] = exited.GetValueOrDefault(c.Code),
                ["open_rectifications"] = mine.Count(r => r.Status != RectificationStatus.Closed),
                ["overdue_rectifications"] = mine.Count(r => r.Overdue),
            });
        })];
    }
}
