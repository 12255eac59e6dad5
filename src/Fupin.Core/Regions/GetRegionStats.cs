using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

public sealed record GetRegionStatsRequest(string RegionCode, int? SnapshotYear = null);

public sealed record StatusCount(PovertyStatus Status, int Households, int Persons);

public sealed record RegionStatsRow(
    string Code, string Name, RegionLevel Level, int Villages, int PoorVillages, int RuralPopulation,
    int Households, int Persons, IReadOnlyList<StatusCount> ByStatus)
{
    public int PoorHouseholds => ByStatus.Where(s => s.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).Sum(s => s.Households);
    public int PoorPersons => ByStatus.Where(s => s.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed).Sum(s => s.Persons);

    /// <summary>贫困发生率: poor persons over the rural registered population, null without one.</summary>
    public double? Incidence => RuralPopulation > 0 ? (double)PoorPersons / RuralPopulation : null;
}

/// <summary>The region itself and one row per child region.</summary>
public sealed record RegionStats(RegionStatsRow Total, IReadOnlyList<RegionStatsRow> Children, int? SnapshotYear);

/// <summary>
/// The quick look after an import: for a region and each child, villages, poor villages, households
/// and persons by status. Counts the live register, or a frozen year's snapshots.
/// </summary>
public sealed class GetRegionStats(AppDbContext db)
{
    public async Task<RegionStats?> HandleAsync(GetRegionStatsRequest request, CancellationToken ct)
    {
        var code = request.RegionCode;
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;

        var children = await db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code).ToListAsync(ct);
        // Children of one region all have codes of one length; group every count by that prefix.
        var prefixLength = children.Count > 0 ? children[0].Code.Length : code.Length;

        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(code))
            .GroupBy(r => r.Code.Substring(0, prefixLength))
            .Select(g => new { Prefix = g.Key, Count = g.Count(), Poor = g.Count(r => r.IsPoorVillage), Rural = g.Sum(r => r.RuralPopulation ?? 0) })
            .ToListAsync(ct);

        List<(string Prefix, PovertyStatus Status, int Households, int Persons)> counts;
        if (request.SnapshotYear is { } year)
        {
            var rows = await db.Snapshots.AsNoTracking()
                .Where(s => s.Year == year && s.VillageCode.StartsWith(code))
                .GroupBy(s => new { Prefix = s.VillageCode.Substring(0, prefixLength), s.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Households = g.Count(), Persons = g.Sum(s => s.MemberCount) })
                .ToListAsync(ct);
            counts = rows.Select(r => (r.Prefix, r.Status, r.Households, r.Persons)).ToList();
        }
        else
        {
            var households = await db.Households.AsNoTracking()
                .Where(h => h.VillageCode.StartsWith(code))
                .GroupBy(h => new { Prefix = h.VillageCode.Substring(0, prefixLength), h.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            var persons = await db.Members.AsNoTracking()
                .Where(m => m.Household!.VillageCode.StartsWith(code))
                .GroupBy(m => new { Prefix = m.Household!.VillageCode.Substring(0, prefixLength), m.Household.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            counts = households.Select(h => (h.Prefix, h.Status, h.Count,
                persons.Where(p => p.Prefix == h.Prefix && p.Status == h.Status).Sum(p => p.Count))).ToList();
        }

        RegionStatsRow Row(string rowCode, string name, RegionLevel level, Func<string, bool> inRow)
        {
            var v = villages.Where(x => inRow(x.Prefix)).ToList();
            var c = counts.Where(x => inRow(x.Prefix)).ToList();
            var byStatus = Enum.GetValues<PovertyStatus>()
                .Select(s => new StatusCount(s, c.Where(x => x.Status == s).Sum(x => x.Households), c.Where(x => x.Status == s).Sum(x => x.Persons)))
                .ToList();
            return new RegionStatsRow(rowCode, name, level, v.Sum(x => x.Count), v.Sum(x => x.Poor), v.Sum(x => x.Rural),
                c.Sum(x => x.Households), c.Sum(x => x.Persons), byStatus);
        }

        var childRows = children.Select(ch => Row(ch.Code, ch.Name, ch.Level, p => p == ch.Code)).ToList();
        var total = Row(region.Code, region.Name, region.Level, _ => true);
        return new RegionStats(total, childRows, request.SnapshotYear);
    }
}
