using System.Diagnostics;
using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Checks;

/// <param name="Region">A county, township or village code (a province or city code also works): every household below it is checked.</param>
/// <param name="Rule">Only this rule's problems are listed; the counts still cover every rule.</param>
/// <param name="PageSize">Households read per query; memory holds one page, not the region.</param>
public sealed record CheckRegistryRequest(string Region, string? Rule = null, int PageSize = CheckRegistry.DefaultPageSize);

/// <summary>
/// One problem in the stored registry. <see cref="Member"/> is the member's name (null when the
/// problem is the household's); ID numbers and phones in <see cref="Message"/> are masked.
/// </summary>
public sealed record RegistryProblem(
    long HouseholdId, string Household, string VillageCode, string Village, string? Member,
    string Field, string Rule, Severity Severity, string Message);

public sealed record RuleCount(string Rule, string Title, Severity Severity, int Count);

public sealed record VillageCount(string VillageCode, string Village, int Errors, int Warnings);

/// <param name="ByRule">Every rule that found something, in the catalogue's order.</param>
/// <param name="ByVillage">Every village with a problem, by code.</param>
/// <param name="Problems">The problems of the requested rule (all rules when none was asked), by village and household number.</param>
public sealed record RegistryCheckReport(
    string Region, string RegionName, string? Rule, int Households, int Members,
    IReadOnlyList<RuleCount> ByRule, IReadOnlyList<VillageCount> ByVillage, IReadOnlyList<RegistryProblem> Problems)
{
    public int Errors => ByRule.Where(r => r.Severity == Severity.Error).Sum(r => r.Count);
    public int Warnings => ByRule.Where(r => r.Severity == Severity.Warning).Sum(r => r.Count);
}

/// <summary>
/// The data-quality rules of every import (<see cref="RegistryChecker"/>), run over the stored
/// households of a region as far as the context's <see cref="Accounts.AccessScope"/> lets the user
/// see them. Households are read a page at a time (keyset on id, with their members and incomes, the
/// latest income checked); one checker sees every page, so an ID number repeated anywhere in the
/// region is found. Memory holds a page, the problems found and the ID numbers seen.
/// </summary>
public sealed class CheckRegistry(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 1000;

    public async Task<Result<RegistryCheckReport>> HandleAsync(CheckRegistryRequest request, IProgress<string>? progress, CancellationToken ct)
    {
        var region = request.Region.Trim();
        var errors = new List<FieldError>();
        if (region.Length is not (2 or 4 or 6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        var rule = string.IsNullOrWhiteSpace(request.Rule) ? null : request.Rule.Trim();
        if (rule is not null && Rules.All.All(r => r.Code != rule))
            errors.Add(new FieldError(nameof(request.Rule), "rule.unknown", $"没有代码为“{rule}”的检查规则"));
        if (errors.Count > 0) return Result.Invalid(errors);

        // Outside the scope (and not above it) a region does not exist for the user.
        var regionName = db.Scope.Overlaps(region)
            ? await db.Regions.AsNoTracking().Where(r => r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(ct)
            : null;
        if (regionName is null) return Result.NotFound($"区域{region}不存在");

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var villages = await db.Regions.AsNoTracking()
            .Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(region))
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        var households = db.Households.AsNoTracking().Where(h => h.VillageCode.StartsWith(region));
#pragma warning restore CA1310

        var watch = Stopwatch.StartNew();
        var total = await households.CountAsync(ct);
        var checker = new RegistryChecker(clock.Today(), _ => true, f => Columns.Header(f, Layout.Template), stored: true);
        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var byVillage = new SortedDictionary<string, (int Errors, int Warnings)>(StringComparer.Ordinal);
        var problems = new List<RegistryProblem>();
        var pageSize = Math.Max(request.PageSize, 1);
        var (done, members, after) = (0, 0, 0L);
        while (true)
        {
            var page = await households.Where(h => h.Id > after).OrderBy(h => h.Id).Take(pageSize)
                .Include(h => h.Members)
                .Include(h => h.Incomes) // a few years each; a filtered Include (latest only) costs a window over the whole table per page
                .AsSplitQuery()
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var h in page)
            {
                var village = villages.GetValueOrDefault(h.VillageCode, h.VillageCode);
                var draft = new HouseholdDraft { Number = h.Number, Household = h, Income = h.Incomes.MaxBy(i => i.Year) };
                draft.Members.AddRange(h.Members.OrderBy(m => m.Id).Select(m => new MemberDraft { Member = m }));
                checker.Check(draft, (m, p) =>
                {
                    byRule[p.Rule] = byRule.GetValueOrDefault(p.Rule) + 1;
                    var counts = byVillage.GetValueOrDefault(h.VillageCode);
                    byVillage[h.VillageCode] = p.Severity == Severity.Error ? (counts.Errors + 1, counts.Warnings) : (counts.Errors, counts.Warnings + 1);
                    if (rule is null || p.Rule == rule)
                    {
                        problems.Add(new RegistryProblem(h.Id, h.Number, h.VillageCode, village, m?.Member.Name, p.Column ?? "", p.Rule, p.Severity,
                            MaskPhone(MaskPhone(p.Message, h.Phone), m?.Member.Phone)));
                    }
                });
                members += h.Members.Count;
            }
            done += page.Count;
            after = page[^1].Id;
            progress?.Report($"已检查 {done.ToString(CultureInfo.InvariantCulture)}/{total.ToString(CultureInfo.InvariantCulture)} 户");
        }

        var ruleCounts = Rules.All.Where(r => byRule.ContainsKey(r.Code)).Select(r => new RuleCount(r.Code, r.Title, r.Severity, byRule[r.Code])).ToList();
        var villageCounts = byVillage.Select(v => new VillageCount(v.Key, villages.GetValueOrDefault(v.Key, v.Key), v.Value.Errors, v.Value.Warnings)).ToList();
        var ordered = problems.OrderBy(p => p.VillageCode, StringComparer.Ordinal).ThenBy(p => p.Household, StringComparer.Ordinal).ToList();
        var report = new RegistryCheckReport(region, regionName, rule, done, members, ruleCounts, villageCounts, ordered);
        progress?.Report($"检查完成：{done.ToString(CultureInfo.InvariantCulture)} 户，错误 {report.Errors.ToString(CultureInfo.InvariantCulture)} 条，" +
            $"提示 {report.Warnings.ToString(CultureInfo.InvariantCulture)} 条（{watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} 秒）");
        return report;
    }

    /// <summary>The checker quotes a malformed phone as stored; shown to others it is masked like any phone.</summary>
    static string MaskPhone(string message, string? phone) =>
        string.IsNullOrEmpty(phone) ? message : message.Replace($"“{phone}”", $"“{Masking.Mask(phone)}”", StringComparison.Ordinal);
}
