using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

/// <summary>How one relocated household meets 至少一人稳定就业 (五个一), as of a date; empty when it does not.</summary>
public sealed record StableWork(IReadOnlyList<string> Ways)
{
    public bool Any => Ways.Count > 0;
    public string Text => Ways.Count == 0 ? "无" : string.Join("；", Ways);
}

/// <summary>Rules shared by the relocation use cases: where a site may stand, what counts as stable work.</summary>
public static class RelocationRules
{
    /// <summary>Migrant work of this many months a year or more counts as stable work.</summary>
    public const int StableMigrantMonths = 6;

    public const string AlreadyRelocatedCode = "relocation.already_relocated";

    public static string NotAllowedMessage => "您的角色不能维护安置点和搬迁户";

    public static FieldError NotAllowed(string field) => new(field, ProjectRoles.NotAllowedCode, NotAllowedMessage);

    /// <summary>A village (12 digits) or township (9 digits) of the user's scope that exists; the message when it is not.</summary>
    public static async Task<FieldError?> CheckRegionAsync(AppDbContext db, string field, string code, bool villageOnly, string codePrefix, CancellationToken ct)
    {
        if (code.Length == 0)
            return new FieldError(field, codePrefix + ".region_required", villageOnly ? "请选择所在行政村" : "请选择所在乡镇或行政村");
        var shapeOk = code.All(char.IsAsciiDigit) && (code.Length == 12 || (!villageOnly && code.Length == 9));
        if (!shapeOk || !db.Scope.Covers(code)
            || !await db.Regions.AnyAsync(r => r.Code == code && (r.Level == RegionLevel.Village || (!villageOnly && r.Level == RegionLevel.Township)), ct))
            return new FieldError(field, "region.unknown", $"{(villageOnly ? "行政村" : "区域")}“{code}”不存在或不在您的管理范围内");
        return null;
    }

    /// <summary>A project of the user's scope of the given category; the message when it is not.</summary>
    public static async Task<FieldError?> CheckProjectAsync(AppDbContext db, string field, long? projectId, ProjectCategory category, string codePrefix, CancellationToken ct)
    {
        if (projectId is not { } id) return null;
        var p = await db.Projects.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Category }).SingleOrDefaultAsync(ct);
        if (p is null) return new FieldError(field, codePrefix + ".project_unknown", "关联的项目不存在或不在您的管理范围内");
        if (p.Category != category)
            return new FieldError(field, codePrefix + ".project_category", $"关联的项目须是“{ProjectLabels.Label(category)}”类项目");
        return null;
    }

    /// <summary>
    /// The ways each household of <paramref name="householdIds"/> meets stable work on <paramref name="asOf"/>:
    /// a member working at a workshop that day, a member with 6 or more months of migrant work, or jobs the
    /// township recorded (<paramref name="recordedJobs"/>).
    /// </summary>
    public static Task<Dictionary<long, StableWork>> StableWorkAsync(AppDbContext db, IQueryable<long> householdIds,
        IReadOnlyDictionary<long, int> recordedJobs, DateOnly asOf, CancellationToken ct) =>
        StableWorkAsync(db, null, householdIds, recordedJobs, asOf, ct);

    /// <summary>The same, reading only the households' county when it is known (one node on Citus).</summary>
    public static async Task<Dictionary<long, StableWork>> StableWorkAsync(AppDbContext db, string? county, IQueryable<long> householdIds,
        IReadOnlyDictionary<long, int> recordedJobs, DateOnly asOf, CancellationToken ct)
    {
        var workshop = await db.WorkshopWorkers.AsNoTracking().InCounty(county)
            .Where(w => householdIds.Contains(w.HouseholdId) && w.StartedOn <= asOf && (w.EndedOn == null || w.EndedOn > asOf))
            .Join(db.Workshops.InCounty(county), w => w.WorkshopId, s => s.Id, (w, s) => new { w.HouseholdId, w.MemberId, s.Name })
            .ToListAsync(ct);
        var migrant = await db.Members.AsNoTracking().InCounty(county)
            .Where(m => householdIds.Contains(m.HouseholdId) && m.MigrantWorkMonths >= StableMigrantMonths)
            .Select(m => new { m.HouseholdId, m.Id, Months = m.MigrantWorkMonths ?? 0 })
            .ToListAsync(ct);
        var ids = workshop.Select(w => w.HouseholdId).Concat(migrant.Select(m => m.HouseholdId)).Concat(recordedJobs.Keys).Distinct();
        var result = new Dictionary<long, StableWork>();
        foreach (var id in ids)
        {
            var ways = new List<string>();
            foreach (var g in workshop.Where(w => w.HouseholdId == id).GroupBy(w => w.Name, StringComparer.Ordinal))
                ways.Add($"车间务工（{g.Key}，{g.Select(x => x.MemberId).Distinct().Count().ToString(CultureInfo.InvariantCulture)}人）");
            var away = migrant.Where(m => m.HouseholdId == id).ToList();
            if (away.Count > 0)
                ways.Add($"外出务工（{away.Count.ToString(CultureInfo.InvariantCulture)}人，最长{away.Max(m => m.Months).ToString(CultureInfo.InvariantCulture)}个月）");
            if (recordedJobs.GetValueOrDefault(id) is > 0 and var jobs)
                ways.Add($"乡镇登记稳定就业{jobs.ToString(CultureInfo.InvariantCulture)}人");
            result[id] = new StableWork(ways);
        }
        return result;
    }

    public static StableWork None { get; } = new([]);

    /// <summary>The head's name of each household (户主, or the first member when none is marked).</summary>
    public static async Task<Dictionary<long, string>> HeadNamesAsync(AppDbContext db, IQueryable<long> householdIds, CancellationToken ct)
    {
        var rows = await db.Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId))
            .Select(m => new { m.HouseholdId, m.Id, m.Name, m.Relation }).ToListAsync(ct);
        return rows.GroupBy(r => r.HouseholdId).ToDictionary(g => g.Key,
            g => (g.Where(r => r.Relation == Households.MemberRules.Head).OrderBy(r => r.Id).FirstOrDefault() ?? g.OrderBy(r => r.Id).First()).Name);
    }

    public static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];
}
