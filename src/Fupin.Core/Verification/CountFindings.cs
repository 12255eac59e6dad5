using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <param name="Region">A county, township or village code in (or above) the user's scope.</param>
public sealed record CountFindingsRequest(string Region);

/// <summary>How many findings are 待核实, 核实中, settled (属实/不属实/误报) and gone (已消除, whatever their status).</summary>
public sealed record FindingCounts(int Open, int Verifying, int Closed, int Gone)
{
    public static readonly FindingCounts Zero = new(0, 0, 0, 0);

    public int Pending => Open + Verifying;
    public int Total => Open + Verifying + Closed + Gone;

    public FindingCounts Plus(FindingCounts o) => new(Open + o.Open, Verifying + o.Verifying, Closed + o.Closed, Gone + o.Gone);
}

public sealed record RuleCounts(string Rule, string Title, Severity Severity, FindingCounts Counts);

public sealed record ChildCounts(string Code, string Name, RegionLevel Level, FindingCounts Counts);

/// <summary>One cell of rule × child region (only those with a finding are listed).</summary>
public sealed record FindingCell(string Rule, string Region, FindingCounts Counts);

/// <summary>The latest run over the region, or over a region containing or inside it; counts only when the user sees all of its region.</summary>
public sealed record RunSummary(long Id, string RegionCode, string RegionName, DateTimeOffset StartedAt, string StartedBy, int Lists, int? Found, int? New, int? Reopened, int? Gone);

/// <param name="Path">The regions from the top of the user's view down to this one, for a breadcrumb.</param>
/// <param name="Children">The next level down (townships of a county, villages of a township; a village is its own child).</param>
/// <param name="Rules">Every rule with a finding in the region, in catalogue order.</param>
public sealed record FindingCountReport(
    string Region, string RegionName, RegionLevel Level, IReadOnlyList<RegionCrumb> Path,
    FindingCounts Total, IReadOnlyList<RuleCounts> Rules, IReadOnlyList<ChildCounts> Children, IReadOnlyList<FindingCell> Cells,
    RunSummary? LastRun);

/// <summary>
/// The dashboard's counts: findings of a region by rule and by the region's children, 待核实 / 核实中 /
/// settled / gone, for drill-down from county to township to village. Counted in the database over
/// the findings of the user's scope.
/// </summary>
public sealed class CountFindings(AppDbContext db)
{
    static readonly int[] CodeLengths = [2, 4, 6, 9, 12];

    public async Task<Result<FindingCountReport>> HandleAsync(CountFindingsRequest request, CancellationToken ct)
    {
        var region = request.Region.Trim();
        if (region.Length is not (2 or 4 or 6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            return Result.Invalid([new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码")]);
        if (!db.Scope.Overlaps(region)) return Result.NotFound($"区域{region}不存在或不在您的管理范围内");
        var self = await db.Regions.AsNoTracking().Where(r => r.Code == region).Select(r => new RegionCrumb(r.Code, r.Name, r.Level)).FirstOrDefaultAsync(ct);
        if (self is null) return Result.NotFound($"区域{region}不存在或不在您的管理范围内");

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var groups = await db.Findings.AsNoTracking().Where(f => f.VillageCode.StartsWith(region))
            .GroupBy(f => new { f.Rule, f.VillageCode, f.Status, Gone = f.GoneInRunId != null })
            .Select(g => new { g.Key.Rule, g.Key.VillageCode, g.Key.Status, g.Key.Gone, Count = g.Count() })
            .ToListAsync(ct);
#pragma warning restore CA1310

        var childLength = region.Length switch { 2 => 4, 4 => 6, 6 => 9, _ => 12 };
        var cells = new Dictionary<(string Rule, string Child), FindingCounts>();
        foreach (var g in groups)
        {
            var counts = g.Gone ? new FindingCounts(0, 0, 0, g.Count)
                : g.Status == FindingStatus.Open ? new FindingCounts(g.Count, 0, 0, 0)
                : g.Status == FindingStatus.Verifying ? new FindingCounts(0, g.Count, 0, 0)
                : new FindingCounts(0, 0, g.Count, 0);
            var key = (g.Rule, g.VillageCode[..Math.Min(childLength, g.VillageCode.Length)]);
            cells[key] = cells.GetValueOrDefault(key, FindingCounts.Zero).Plus(counts);
        }

        List<RegionCrumb> children = region.Length == 12
            ? [self]
            : await db.Regions.AsNoTracking().Where(r => r.ParentCode == region).OrderBy(r => r.Code)
                .Select(r => new RegionCrumb(r.Code, r.Name, r.Level)).ToListAsync(ct);
        var known = children.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in cells.Keys.Select(k => k.Child).Distinct().Where(c => !known.Contains(c)).Order(StringComparer.Ordinal))
            children.Add(new RegionCrumb(code, code, Region.LevelOf(code)));

        FindingCounts Sum(IEnumerable<FindingCounts> counts) => counts.Aggregate(FindingCounts.Zero, (a, b) => a.Plus(b));
        var rules = ComparisonRules.All
            .Select(r => new RuleCounts(r.Code, r.Title, r.Severity, Sum(cells.Where(c => c.Key.Rule == r.Code).Select(c => c.Value))))
            .Where(r => r.Counts.Total > 0)
            .ToList();
        var childCounts = children
            .Select(c => new ChildCounts(c.Code, c.Name, c.Level, Sum(cells.Where(x => x.Key.Child == c.Code).Select(x => x.Value))))
            .ToList();

        return new FindingCountReport(region, self.Name, self.Level, await PathAsync(region, ct), Sum(cells.Values), rules, childCounts,
            [.. cells.OrderBy(c => c.Key.Child, StringComparer.Ordinal).ThenBy(c => c.Key.Rule, StringComparer.Ordinal)
                .Select(c => new FindingCell(c.Key.Rule, c.Key.Child, c.Value))],
            await LastRunAsync(region, ct));
    }

    /// <summary>The region's ancestors the user may ask about, then the region.</summary>
    async Task<List<RegionCrumb>> PathAsync(string region, CancellationToken ct)
    {
        var codes = CodeLengths.Where(n => n <= region.Length).Select(n => region[..n]).ToList();
        var found = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code))
            .Select(r => new RegionCrumb(r.Code, r.Name, r.Level)).ToListAsync(ct);
        return [.. found.Where(r => r.Level >= RegionLevel.County || r.Code == region).OrderBy(r => r.Code.Length)];
    }

    async Task<RunSummary?> LastRunAsync(string region, CancellationToken ct)
    {
        var candidates = CodeLengths.Where(n => n <= region.Length).Select(n => region[..n]).ToList();
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var run = await db.VerificationRuns.AsNoTracking()
            .Where(r => candidates.Contains(r.RegionCode) || r.RegionCode.StartsWith(region))
            .OrderByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
#pragma warning restore CA1310
        if (run is null) return null;
        var name = await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(r => r.Code == run.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct);
        var lists = run.ListIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        return db.Scope.Covers(run.RegionCode)
            ? new RunSummary(run.Id, run.RegionCode, name ?? run.RegionCode, run.StartedAt, run.StartedBy, lists, run.Found, run.New, run.Reopened, run.Gone)
            : new RunSummary(run.Id, run.RegionCode, name ?? run.RegionCode, run.StartedAt, run.StartedBy, lists, null, null, null, null);
    }
}
