using Fupin.Data;
using Fupin.Households;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Regions;

/// <summary>A region and its children. No code: the top of the registry (the county when there is one).</summary>
public sealed record GetRegionTreeRequest(string? Code = null);

/// <summary>
/// Counts of one region. Poor households are those not exited or relapsed (未脱贫, 返贫); exited
/// are both exited statuses. Rural population is the villages' 农业户籍人口 where known.
/// </summary>
public sealed record RegionNode
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public RegionLevel Level { get; init; }
    public bool IsPoorVillage { get; init; }
    public int Villages { get; init; }
    public int PoorVillages { get; init; }
    public int Households { get; init; }
    public int PoorHouseholds { get; init; }
    public int ExitedHouseholds { get; init; }
    public int Persons { get; init; }
    public int PoorPersons { get; init; }
    public int ExitedPersons { get; init; }
    public long RuralPopulation { get; init; }

    /// <summary>贫困发生率 in percent (remaining poor persons ÷ rural population), null when the population is unknown.</summary>
    public decimal? PovertyIncidence => RuralPopulation <= 0 ? null : Math.Round(PoorPersons * 100m / RuralPopulation, 2);
}

public sealed record RegionCrumb(string Code, string Name, RegionLevel Level);

/// <summary>The region itself with its totals, the path from the top down to it, and its children.</summary>
public sealed record RegionTree(RegionNode Region, IReadOnlyList<RegionCrumb> Path, IReadOnlyList<RegionNode> Children);

public sealed class GetRegionTree(AppDbContext db)
{
    public async Task<Result<RegionTree>> HandleAsync(GetRegionTreeRequest request, CancellationToken ct)
    {
        var code = request.Code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            code = await TopAsync(ct);
            if (code is null) return Result.NotFound("还没有区划数据");
        }
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct);
        if (region is null) return Result.NotFound($"未找到区划代码{code}");

        var path = new List<RegionCrumb>();
        for (var r = region; r is not null; r = r.ParentCode is null ? null : await db.Regions.AsNoTracking().SingleOrDefaultAsync(x => x.Code == r.ParentCode, ct))
            path.Insert(0, new RegionCrumb(r.Code, r.Name, r.Level));

        var children = await db.Regions.AsNoTracking()
            .Where(r => r.ParentCode == code)
            .OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name, r.Level, r.IsPoorVillage })
            .ToListAsync(ct);

        // Children of one region have codes of one length: group every count by that prefix; the
        // region's own totals are the sum of its groups.
        var counts = await CountAsync(code, children.Count > 0 ? children[0].Code.Length : code.Length, ct);
        var own = counts.Values.Aggregate(Counts.Zero, (a, b) => a + b);

        return new RegionTree(
            Node(region.Code, region.Name, region.Level, region.IsPoorVillage, own),
            path,
            [.. children.Select(c => Node(c.Code, c.Name, c.Level, c.IsPoorVillage, counts.GetValueOrDefault(c.Code, Counts.Zero)))]);
    }

    static RegionNode Node(string code, string name, RegionLevel level, bool poorVillage, Counts c) => new()
    {
        Code = code,
        Name = name,
        Level = level,
        IsPoorVillage = poorVillage,
        Villages = c.Villages,
        PoorVillages = c.PoorVillages,
        Households = c.Households,
        PoorHouseholds = c.PoorHouseholds,
        ExitedHouseholds = c.ExitedHouseholds,
        Persons = c.Persons,
        PoorPersons = c.PoorPersons,
        ExitedPersons = c.ExitedPersons,
        RuralPopulation = c.RuralPopulation,
    };

    sealed record Counts(int Villages, int PoorVillages, long RuralPopulation, int Households, int PoorHouseholds, int ExitedHouseholds, int Persons, int PoorPersons, int ExitedPersons)
    {
        public static readonly Counts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

        public static Counts operator +(Counts a, Counts b) => new(
            a.Villages + b.Villages, a.PoorVillages + b.PoorVillages, a.RuralPopulation + b.RuralPopulation,
            a.Households + b.Households, a.PoorHouseholds + b.PoorHouseholds, a.ExitedHouseholds + b.ExitedHouseholds,
            a.Persons + b.Persons, a.PoorPersons + b.PoorPersons, a.ExitedPersons + b.ExitedPersons);
    }

    /// <summary>Counts below <paramref name="code"/>, grouped by the first <paramref name="length"/> characters of the village code.</summary>
    async Task<Dictionary<string, Counts>> CountAsync(string code, int length, CancellationToken ct)
    {
        // The prefix length is inlined so that GROUP BY and SELECT carry the same expression on every engine.
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(code))
            .GroupBy(r => r.Code.Substring(0, EF.Constant(length)))
            .Select(g => new { g.Key, Villages = g.Count(), Poor = g.Count(r => r.IsPoorVillage), Population = g.Sum(r => (long)(r.RuralPopulation ?? 0)) })
            .ToListAsync(ct);

        // Grouped by (prefix, status) and summed here: conditional counts inside a GROUP BY over a
        // join become correlated subqueries on some engines.
        var households = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode.StartsWith(code))
            .GroupBy(h => new { Key = h.VillageCode.Substring(0, EF.Constant(length)), h.Status })
            .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);

        var persons = await db.Members.AsNoTracking()
            .Where(m => m.Household!.VillageCode.StartsWith(code))
            .GroupBy(m => new { Key = m.Household!.VillageCode.Substring(0, EF.Constant(length)), m.Household.Status })
            .Select(g => new { g.Key.Key, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);

        static bool IsPoor(PovertyStatus s) => s is PovertyStatus.NotExited or PovertyStatus.Relapsed;
        static bool IsExited(PovertyStatus s) => s is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy;
        var keys = villages.Select(v => v.Key).Concat(households.Select(h => h.Key)).Concat(persons.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return keys.ToDictionary(k => k, k =>
        {
            var v = villages.FirstOrDefault(x => x.Key == k);
            var h = households.Where(x => x.Key == k).ToList();
            var p = persons.Where(x => x.Key == k).ToList();
            return new Counts(
                v?.Villages ?? 0, v?.Poor ?? 0, v?.Population ?? 0,
                h.Sum(x => x.Count), h.Where(x => IsPoor(x.Status)).Sum(x => x.Count), h.Where(x => IsExited(x.Status)).Sum(x => x.Count),
                p.Sum(x => x.Count), p.Where(x => IsPoor(x.Status)).Sum(x => x.Count), p.Where(x => IsExited(x.Status)).Sum(x => x.Count));
        }, StringComparer.Ordinal);
    }

    /// <summary>The one county in the database, or the lowest region above all of them.</summary>
    async Task<string?> TopAsync(CancellationToken ct)
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
