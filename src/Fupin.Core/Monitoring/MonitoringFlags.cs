using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <summary>
/// The 6-month flag: a 监测中 object of a registered household with labour (a member aged 16–60 with
/// 普通 or 技能劳动力 on the day) and no development-type measure started between
/// <see cref="MonitoringObject.IncludedOn"/> and 6 months after it, once that day has passed.
/// </summary>
public static class MonitoringFlags
{
    /// <summary>The last day a development-type measure may start.</summary>
    public static DateOnly Deadline(DateOnly includedOn) => includedOn.AddMonths(MonitoringRules.DevelopmentMeasureMonths);

    public static bool IsFlagged(MonitoringStatus status, DateOnly? includedOn, bool hasLabour, IEnumerable<DateOnly> developmentStarts, DateOnly today) =>
        status == MonitoringStatus.Monitored && includedOn is { } inc && hasLabour && today > Deadline(inc)
        && !developmentStarts.Any(d => d >= inc && d <= Deadline(inc));

    /// <summary>The ids of the flagged objects among <paramref name="objects"/>, as of <paramref name="today"/>.</summary>
    public static async Task<HashSet<long>> FlaggedAsync(AppDbContext db, IQueryable<MonitoringObject> objects, DateOnly today, CancellationToken ct)
    {
        // A superset in SQL (included at least 5 months ago), the exact month arithmetic in memory.
        var before = today.AddMonths(-(MonitoringRules.DevelopmentMeasureMonths - 1));
        var candidates = objects.Where(o => o.Status == MonitoringStatus.Monitored && o.HouseholdId != null && o.IncludedOn != null && o.IncludedOn <= before);
        var rows = await candidates.Select(o => new { o.Id, HouseholdId = o.HouseholdId!.Value, IncludedOn = o.IncludedOn!.Value }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var starts = (await db.MonitoringMeasures.AsNoTracking()
                .Where(m => m.Kind < MeasureKind.Dibao && candidates.Any(o => o.Id == m.MonitoringObjectId))
                .Select(m => new { m.MonitoringObjectId, m.StartedOn }).ToListAsync(ct))
            .ToLookup(m => m.MonitoringObjectId, m => m.StartedOn);
        var workers = (await db.Members.AsNoTracking()
                .Where(m => (m.LabourSkill == LabourSkill.Ordinary || m.LabourSkill == LabourSkill.Skilled) && candidates.Any(o => o.HouseholdId == m.HouseholdId))
                .Select(m => new { m.HouseholdId, m.BirthDate, m.LabourSkill }).ToListAsync(ct))
            .ToLookup(m => m.HouseholdId);
        return
        [
            .. rows.Where(r => IsFlagged(MonitoringStatus.Monitored, r.IncludedOn,
                    workers[r.HouseholdId].Any(m => MonitoringRules.HasLabour(m.BirthDate, m.LabourSkill, today)), starts[r.Id], today))
                .Select(r => r.Id),
        ];
    }
}
