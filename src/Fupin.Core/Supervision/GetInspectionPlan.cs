using Fupin.Data;
using Fupin.Common;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>How many targets of one township and stratum, and how many of them were visited.</summary>
public sealed record InspectionStratumCount(string TownshipCode, string TownshipName, InspectionStratum Stratum, int Targets, int Visited, int Findings);

/// <param name="Title">村名; 户主姓名（户编号）; 车间名; 安置点名; 非建档立卡户（第n户）.</param>
/// <param name="VisitId">The latest visit of the target, if any.</param>
public sealed record InspectionTargetRow(long Id, string TownshipCode, InspectionStratum Stratum, InspectionTargetKind Kind, int Slot,
    string RegionCode, string RegionName, string Title, long? HouseholdId, int Visits, int Findings, long? VisitId);

/// <param name="CanOpen">Sealed and its day has come (for an inspector or leader).</param>
/// <param name="Targets">Empty while sealed: the list is shown from the day the plan is opened.</param>
public sealed record InspectionPlanDetails(long Id, string CountyCode, string Name, DateOnly PlannedOn, InspectionStatus Status, int Seed,
    string Parameters, long TemplateId, string TemplateName, IReadOnlyList<(string Code, string Name)> Townships, string CreatedBy,
    DateTimeOffset CreatedAt, string? OpenedBy, DateTimeOffset? OpenedAt, string? ClosedBy, DateTimeOffset? ClosedAt, bool CanOpen,
    IReadOnlyList<InspectionStratumCount> Counts, IReadOnlyList<InspectionTargetRow> Targets)
{
    public int TargetCount => Counts.Sum(c => c.Targets);
    public int VisitedCount => Counts.Sum(c => c.Visited);
    public int FindingCount => Counts.Sum(c => c.Findings);
}

/// <summary>
/// One inspection plan as the user sees it: a sealed plan (inspectors and leaders only) shows its counts per
/// township and stratum; an opened one its targets grouped by township and stratum, with visits and findings.
/// A township sees only the targets in its township.
/// </summary>
public sealed class GetInspectionPlan(AppDbContext db, TimeProvider clock)
{
    public async Task<InspectionPlanDetails?> HandleAsync(long id, CancellationToken ct)
    {
        var p = await db.InspectionPlans.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var templateName = await db.ChecklistTemplates.AsNoTracking().Where(t => t.Id == p.TemplateId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        var targets = await db.InspectionTargets.AsNoTracking().Where(t => t.PlanId == id)
            .OrderBy(t => t.TownshipCode).ThenBy(t => t.Stratum).ThenBy(t => t.Slot).ToListAsync(ct);
        var visits = await db.InspectionVisits.AsNoTracking().Where(v => v.PlanId == id)
            .Select(v => new { v.Id, v.TargetId, v.FailedCount }).ToListAsync(ct);
        var byTarget = visits.GroupBy(v => v.TargetId).ToDictionary(g => g.Key, g => (Count: g.Count(), Failed: g.Sum(v => v.FailedCount), Last: g.Max(v => v.Id)));
        var townshipCodes = p.TownshipCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var regionCodes = targets.Select(t => t.RegionCode).Concat(townshipCodes).Distinct(StringComparer.Ordinal).ToList();
        var regionNames = await db.Regions.AsNoTracking().Where(r => regionCodes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        string Name(string code) => regionNames.GetValueOrDefault(code) ?? code;

        var counts = targets.GroupBy(t => (t.TownshipCode, t.Stratum)).OrderBy(g => g.Key.TownshipCode, StringComparer.Ordinal).ThenBy(g => g.Key.Stratum)
            .Select(g => new InspectionStratumCount(g.Key.TownshipCode, Name(g.Key.TownshipCode), g.Key.Stratum, g.Count(),
                g.Count(t => byTarget.ContainsKey(t.Id)), g.Sum(t => byTarget.TryGetValue(t.Id, out var v) ? v.Failed : 0))).ToList();

        var rows = new List<InspectionTargetRow>();
        if (p.Status != InspectionStatus.Sealed)
        {
            var titles = await TitlesAsync(db, targets, ct);
            rows = [.. targets.Select(t => new InspectionTargetRow(t.Id, t.TownshipCode, t.Stratum, t.Kind, t.Slot, t.RegionCode, Name(t.RegionCode),
                titles.GetValueOrDefault(t.Id) ?? "", t.HouseholdId,
                byTarget.TryGetValue(t.Id, out var v1) ? v1.Count : 0, byTarget.TryGetValue(t.Id, out var v2) ? v2.Failed : 0,
                byTarget.TryGetValue(t.Id, out var v3) ? v3.Last : null))];
        }
        var canOpen = p.Status == InspectionStatus.Sealed && clock.Today() >= p.PlannedOn && db.Scope.SeesSealedInspections;
        return new InspectionPlanDetails(p.Id, p.CountyCode, p.Name, p.PlannedOn, p.Status, p.Seed, p.Parameters, p.TemplateId, templateName,
            [.. townshipCodes.Select(c => (c, Name(c)))], p.CreatedBy, p.CreatedAt, p.OpenedBy, p.OpenedAt, p.ClosedBy, p.ClosedAt, canOpen, counts, rows);
    }

    /// <summary>The title of each target: 户主姓名（户编号）, 车间名, 安置点名, 村名 or 非建档立卡户（第n户）.</summary>
    public static async Task<Dictionary<long, string>> TitlesAsync(AppDbContext db, IReadOnlyList<InspectionTarget> targets, CancellationToken ct)
    {
        var householdIds = targets.Where(t => t.HouseholdId is not null).Select(t => t.HouseholdId!.Value).Distinct().ToList();
        var heads = await RelocationRules.HeadNamesAsync(db, db.Households.Where(h => householdIds.Contains(h.Id)).Select(h => h.Id), ct);
        var numbers = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var workshopIds = targets.Where(t => t.WorkshopId is not null).Select(t => t.WorkshopId!.Value).ToList();
        var workshops = await db.Workshops.AsNoTracking().Where(w => workshopIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var siteIds = targets.Where(t => t.SiteId is not null).Select(t => t.SiteId!.Value).ToList();
        var sites = await db.SettlementSites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var villageCodes = targets.Where(t => t.Kind == InspectionTargetKind.Village).Select(t => t.RegionCode).ToList();
        var villages = await db.Regions.AsNoTracking().Where(r => villageCodes.Contains(r.Code) && r.Level == RegionLevel.Village)
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        var result = new Dictionary<long, string>();
        foreach (var t in targets)
        {
            result[t.Id] = t switch
            {
                { HouseholdId: { } h } => $"{heads.GetValueOrDefault(h) ?? "（户主未登记）"}（{numbers.GetValueOrDefault(h) ?? ""}）",
                { WorkshopId: { } w } => workshops.GetValueOrDefault(w) ?? "",
                { SiteId: { } s } => sites.GetValueOrDefault(s) ?? "",
                { Kind: InspectionTargetKind.Village } => villages.GetValueOrDefault(t.RegionCode) ?? t.RegionCode,
                _ => $"非建档立卡户（第{t.Slot}户）",
            };
        }
        return result;
    }
}
