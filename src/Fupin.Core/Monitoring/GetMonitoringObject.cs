using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

public sealed record GetMonitoringObjectRequest(long Id);

public sealed record RiskEventRow(long Id, RiskType Risk, string RiskLabel, DateOnly OccurredOn, string Description, long? SpendingFen, string ReportedBy, DateTimeOffset ReportedAt);

public sealed record MeasureRow(long Id, MeasureKind Kind, string KindLabel, bool IsDevelopment, DateOnly StartedOn, string Description, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A member of the household as the object page shows it: no ID number.</summary>
public sealed record MonitoredMember(string Name, string Relation, int Age, string Labour, string Health, bool HasLabour);

/// <summary>One object with its household's members, its events and measures, and where the 6-month flag stands.</summary>
/// <param name="Deadline">The last day a development-type measure may start (监测中 only).</param>
public sealed record MonitoringDetails(
    MonitoringRow Row, string? ClosedNote, string? ClosedBy, string ProposedBy, string? RuleTitle, string? RuleRationale,
    IReadOnlyList<MonitoredMember> Members, bool HasLabour, DateOnly? Deadline,
    IReadOnlyList<RiskEventRow> Events, IReadOnlyList<MeasureRow> Measures, long? LatestIncomePerCapitaFen, int? LatestIncomeYear);

/// <summary>One monitoring object of the user's scope; outside it the object does not exist.</summary>
public sealed class GetMonitoringObject(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<MonitoringDetails>> HandleAsync(GetMonitoringObjectRequest request, CancellationToken ct)
    {
        var query = db.MonitoringObjects.AsNoTracking().Where(o => o.Id == request.Id);
        var today = clock.Today();
        var flagged = await MonitoringFlags.FlaggedAsync(db, query, today, ct);
        var row = (await new SearchMonitoringObjects(db, clock).RowsAsync(query, flagged, ct)).SingleOrDefault();
        if (row is null) return Result.NotFound("未找到该监测对象");
        var o = await query.Select(x => new { x.ClosedNote, x.ClosedBy, x.ProposedBy }).SingleAsync(ct);

        var members = row.HouseholdId is { } hid
            ? await db.Members.AsNoTracking().Where(m => m.HouseholdId == hid).OrderBy(m => m.Id)
                .Select(m => new { m.Name, m.Relation, m.BirthDate, m.LabourSkill, m.Health }).ToListAsync(ct)
            : [];
        var people = members.Select(m => new MonitoredMember(m.Name, m.Relation, Member.Age(m.BirthDate, today), CodeCatalog.LabelOf(m.LabourSkill),
            HealthLabel(m.Health), MonitoringRules.HasLabour(m.BirthDate, m.LabourSkill, today))).ToList();
        var income = row.HouseholdId is { } h2
            ? (await db.Incomes.AsNoTracking().Where(i => i.HouseholdId == h2).ToListAsync(ct)).MaxBy(i => i.Year)
            : null;

        var events = await db.RiskEvents.AsNoTracking()
            .Where(e => e.MonitoringObjectId == request.Id || (row.HouseholdId != null && e.HouseholdId == row.HouseholdId))
            .OrderByDescending(e => e.OccurredOn).ThenByDescending(e => e.Id).ToListAsync(ct);
        var measures = await db.MonitoringMeasures.AsNoTracking().Where(m => m.MonitoringObjectId == request.Id)
            .OrderBy(m => m.StartedOn).ThenBy(m => m.Id).ToListAsync(ct);
        var rule = MonitoringRules.Find(row.RuleCode);
        return new MonitoringDetails(row, o.ClosedNote, o.ClosedBy, o.ProposedBy, rule?.Title, rule?.Rationale,
            people, people.Any(p => p.HasLabour),
            row.Status == MonitoringStatus.Monitored && row.IncludedOn is { } inc ? MonitoringFlags.Deadline(inc) : null,
            [.. events.Select(e => new RiskEventRow(e.Id, e.Risk, MonitoringLabels.Label(e.Risk), e.OccurredOn, e.Description, e.SpendingFen, e.ReportedBy, e.ReportedAt))],
            [.. measures.Select(m => new MeasureRow(m.Id, m.Kind, MonitoringLabels.Label(m.Kind), MonitoringMeasure.IsDevelopment(m.Kind), m.StartedOn, m.Description, m.RecordedBy, m.RecordedAt))],
            income?.PerCapitaNetIncome, income?.Year);
    }

    static string HealthLabel(HealthConditions h)
    {
        var parts = new List<string>();
        if (h.HasFlag(HealthConditions.Healthy)) parts.Add("健康");
        if (h.HasFlag(HealthConditions.Chronic)) parts.Add("长期慢性病");
        if (h.HasFlag(HealthConditions.Serious)) parts.Add("患有大病");
        if (h.HasFlag(HealthConditions.Disabled)) parts.Add("残疾");
        return parts.Count == 0 ? "—" : string.Join("、", parts);
    }
}
