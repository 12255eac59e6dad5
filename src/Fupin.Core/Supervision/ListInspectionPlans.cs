using Fupin.Data;
using Fupin.Common;
using Fupin.Regions;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="Targets">Targets the user sees (a township sees those in its township).</param>
/// <param name="Visited">Of them visited at least once.</param>
/// <param name="Findings">Failed checks of the visits the user sees.</param>
public sealed record InspectionPlanRow(long Id, string Name, DateOnly PlannedOn, string TownshipNames, InspectionStatus Status,
    int Targets, int Visited, int Findings, string CreatedBy);

/// <summary>
/// The inspection plans the user sees, newest day first, optionally by a part of the name (<c>q</c>). Sealed
/// plans are not there for anyone but inspectors and leaders (the query filter), whatever is searched.
/// </summary>
public sealed class ListInspectionPlans(AppDbContext db)
{
    public const int Limit = 200;

    public async Task<List<InspectionPlanRow>> HandleAsync(string? q, CancellationToken ct)
    {
        var plans = db.InspectionPlans.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            plans = plans.Where(p => p.Name.Contains(text));
        }
        var rows = await plans.OrderByDescending(p => p.PlannedOn).ThenByDescending(p => p.Id).Take(Limit)
            .Select(p => new
            {
                p.Id, p.Name, p.PlannedOn, p.TownshipCodes, p.Status, p.CreatedBy,
                Targets = db.InspectionTargets.Count(t => t.PlanId == p.Id),
                Visited = db.InspectionTargets.Count(t => t.PlanId == p.Id && db.InspectionVisits.Any(v => v.TargetId == t.Id)),
                Findings = db.InspectionVisits.Where(v => v.PlanId == p.Id).Sum(v => (int?)v.FailedCount) ?? 0,
            }).ToListAsync(ct);
        var codes = rows.SelectMany(r => r.TownshipCodes.Split(',', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code) && r.Level == RegionLevel.Township)
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        return [.. rows.Select(r => new InspectionPlanRow(r.Id, r.Name, r.PlannedOn,
            string.Join("、", r.TownshipCodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => names.GetValueOrDefault(c) ?? c)),
            r.Status, r.Targets, r.Visited, r.Findings, r.CreatedBy))];
    }
}
