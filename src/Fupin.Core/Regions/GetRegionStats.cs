using Fupin.Board;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

public sealed record GetRegionStatsRequest(string RegionCode, int? SnapshotYear = null);

public sealed record StatusCount(PovertyStatus Status, int Households, int Persons);

/// <summary>
/// Counts of one region. Poor are those not exited or relapsed (未脱贫, 返贫); exited are both exited
/// statuses. Rural population is the villages' 农业户籍人口 where known.
/// </summary>
public sealed record RegionStatsRow(
    string Code, string Name, RegionLevel Level, bool IsPoorVillage,
    int Villages, int PoorVillages, long RuralPopulation, IReadOnlyList<StatusCount> ByStatus)
{
    public int Households => ByStatus.Sum(s => s.Households);
    public int Persons => ByStatus.Sum(s => s.Persons);
    public int PoorHouseholds => ByStatus.Where(s => IsPoor(s.Status)).Sum(s => s.Households);
    public int PoorPersons => ByStatus.Where(s => IsPoor(s.Status)).Sum(s => s.Persons);
    public int ExitedHouseholds => Households - PoorHouseholds;
    public int ExitedPersons => Persons - PoorPersons;

    /// <summary>贫困发生率 in percent (poor persons ÷ rural population), null when the population is unknown.</summary>
    public decimal? PovertyIncidence => RuralPopulation <= 0 ? null : Math.Round(PoorPersons * 100m / RuralPopulation, 2);

    static bool IsPoor(PovertyStatus s) => s is PovertyStatus.NotExited or PovertyStatus.Relapsed;
}

/// <summary>The region itself and one row per child region.</summary>
public sealed record RegionStats(RegionStatsRow Total, IReadOnlyList<RegionStatsRow> Children, int? SnapshotYear);

/// <summary>
/// The one place that counts the register by region: for a region and each child, villages, poor
/// villages, rural population, and households and persons by status — of the live register, or of a
/// frozen year's snapshots. Behind the home page, the region tree, the API and `fupin stats`. Above a county
/// (a city, the province) the live register is counted county by county and added up, from
/// <paramref name="counties"/> when given and the user sees the whole region.
/// </summary>
public sealed class GetRegionStats(AppDbContext db, CountyCounts? counties = null)
{
    public async Task<RegionStats?> HandleAsync(GetRegionStatsRequest request, CancellationToken ct)
    {
        var code = request.RegionCode;
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return null;

        var children = await db.Regions.AsNoTracking().Where(r => r.ParentCode == code).OrderBy(r => r.Code).ToListAsync(ct);
        // Children of one region have codes of one length: every count is grouped by that prefix of the
        // village code, inlined so GROUP BY and SELECT carry the same expression on every engine.
        var length = children.Count > 0 ? children[0].Code.Length : code.Length;
        var county = Distribution.CountyOf(code);

        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(code))
            .GroupBy(r => r.Code.Substring(0, EF.Constant(length)))
            .Select(g => new { Prefix = g.Key, Count = g.Count(), Poor = g.Count(r => r.IsPoorVillage), Rural = g.Sum(r => (long)(r.RuralPopulation ?? 0)) })
            .ToListAsync(ct);

        // Grouped by (prefix, status) and summed here: conditional counts inside a GROUP BY over a join
        // become correlated subqueries on some engines.
        List<(string Prefix, PovertyStatus Status, int Households, int Persons)> counts;
        if (request.SnapshotYear is { } year)
        {
            var rows = await db.Snapshots.AsNoTracking().InCounty(county)
                .Where(s => s.Year == year && s.VillageCode.StartsWith(code))
                .GroupBy(s => new { Prefix = s.VillageCode.Substring(0, EF.Constant(length)), s.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Households = g.Count(), Persons = g.Sum(s => s.MemberCount) })
                .ToListAsync(ct);
            counts = [.. rows.Select(r => (r.Prefix, r.Status, r.Households, r.Persons))];
        }
        else if (code.Length < 6 && (db.Scope.All || db.Scope.Covers(code) && !db.Scope.PairedOnly))
        {
            var countyCodes = await db.Regions.AsNoTracking().IgnoreQueryFilters()
                .Where(r => r.Level == RegionLevel.County && r.Code.StartsWith(code)).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
            IReadOnlyDictionary<string, IReadOnlyList<StatusCount>> byCounty = counties is null ? await CountCountiesAsync(countyCodes, ct) : await counties.GetAsync(db, countyCodes, CountCountiesAsync, ct);
            counts = [.. byCounty.SelectMany(c => c.Value.Select(s => (c.Key, s.Status, s.Households, s.Persons)))];
        }
        else
        {
            var households = await db.Households.AsNoTracking().InCounty(county)
                .Where(h => h.VillageCode.StartsWith(code))
                .GroupBy(h => new { Prefix = h.VillageCode.Substring(0, EF.Constant(length)), h.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            var persons = await db.Members.AsNoTracking().InCounty(county)
                .Where(m => m.Household!.CountyCode == m.CountyCode && m.Household.VillageCode.StartsWith(code))
                .GroupBy(m => new { Prefix = m.Household!.VillageCode.Substring(0, EF.Constant(length)), m.Household.Status })
                .Select(g => new { g.Key.Prefix, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            counts = [.. households.Select(h => (h.Prefix, h.Status, h.Count,
                persons.Where(p => p.Prefix == h.Prefix && p.Status == h.Status).Sum(p => p.Count)))];
        }

        RegionStatsRow Row(Region r, Func<string, bool> inRow)
        {
            var v = villages.Where(x => inRow(x.Prefix)).ToList();
            var c = counts.Where(x => inRow(x.Prefix)).ToList();
            var byStatus = Enum.GetValues<PovertyStatus>()
                .Select(s => new StatusCount(s, c.Where(x => x.Status == s).Sum(x => x.Households), c.Where(x => x.Status == s).Sum(x => x.Persons)))
                .ToList();
            return new RegionStatsRow(r.Code, r.Name, r.Level, r.IsPoorVillage, v.Sum(x => x.Count), v.Sum(x => x.Poor), v.Sum(x => x.Rural), byStatus);
        }

        return new RegionStats(Row(region, _ => true), [.. children.Select(ch => Row(ch, p => p.StartsWith(ch.Code, StringComparison.Ordinal)))], request.SnapshotYear);
    }

    /// <summary>
    /// Households and persons by status of each county given, grouped by the county code column (an index range per
    /// county, and on Citus a query each node answers for its own counties). The caller has checked that the user sees
    /// every one of them, so the access filters, which would add a subquery per member, are left out.
    /// </summary>
    async Task<Dictionary<string, IReadOnlyList<StatusCount>>> CountCountiesAsync(IReadOnlyList<string> countyCodes, CancellationToken ct)
    {
        var list = countyCodes.ToArray();
        var households = await db.Households.AsNoTracking().IgnoreQueryFilters()
            .Where(h => EF.Parameter(list).Contains(h.CountyCode))
            .GroupBy(h => new { h.CountyCode, h.Status })
            .Select(g => new { g.Key.CountyCode, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        // From the households to their members: members have no index led by county_code, so filtering them by a list
        // of counties scanned all 6.8 million of a province to count one county (0.9 s); through the households' county
        // index and the members' household_id index one county is a few tens of milliseconds.
        var persons = await db.Households.AsNoTracking().IgnoreQueryFilters()
            .Where(h => EF.Parameter(list).Contains(h.CountyCode))
            .SelectMany(h => h.Members.Where(m => m.CountyCode == h.CountyCode), (h, m) => new { h.CountyCode, h.Status })
            .GroupBy(x => new { x.CountyCode, x.Status })
            .Select(g => new { g.Key.CountyCode, g.Key.Status, Count = g.Count() })
            .ToDictionaryAsync(x => (x.CountyCode, x.Status), x => x.Count, ct);
        return households.GroupBy(h => h.CountyCode, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<StatusCount>)[.. g.Select(h => new StatusCount(h.Status, h.Count, persons.GetValueOrDefault((h.CountyCode, h.Status))))],
            StringComparer.Ordinal);
    }
}
