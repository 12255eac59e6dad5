using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

public sealed record DocumentRow(long Id, string FileName, string ContentType, int Size, long? EventId, long? ReportId, string UploadedBy, DateTimeOffset UploadedAt)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);
}

public sealed record EventRow(long Id, ProjectAction Action, string ActionLabel, ProjectStage Stage, string StageLabel, DateOnly On,
    string? Reference, string? Note, string By, DateTimeOffset At, IReadOnlyList<DocumentRow> Documents);

/// <summary>One stage of the approval path as the stepper shows it: reached on a date by someone in the current round, or not yet.</summary>
public sealed record StepRow(ProjectStage Stage, string Label, DateOnly? On, string? By, bool Current);

public sealed record ReportRow(long Id, int Seq, string MilestoneName, DateOnly ReportedOn, int Percent, string Narrative, string By,
    DateTimeOffset At, IReadOnlyList<DocumentRow> Photos);

public sealed record BeneficiaryRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, string VillageName,
    BenefitKind Kind, string KindLabel, string Benefit, long? AmountFen, string AddedBy);

/// <summary>Everything the project page shows. <see cref="Chain"/> is the milestone chain the next plan starts from.</summary>
public sealed record ProjectDetails(
    ProjectRow Row, string? Content, string? ResponsiblePhone, string? ReturnedReason, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<StepRow> Steps, ProjectStage? NextStage, IReadOnlyList<EventRow> Events, IReadOnlyList<ReportRow> Reports,
    IReadOnlyList<BeneficiaryRow> Beneficiaries, ProjectScheduleView Schedule, IReadOnlyList<MilestoneSpec> Chain);

/// <summary>One project of the user's scope with its approval path, documents, reports, beneficiaries, funds and schedule.</summary>
public sealed class GetProject(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProjectDetails>> HandleAsync(long projectId, CancellationToken ct)
    {
        var query = db.Projects.AsNoTracking().Where(p => p.Id == projectId);
        var row = (await new SearchProjects(db, clock).RowsAsync(query, ct)).SingleOrDefault();
        if (row is null) return ProjectSave.NotFound();
        var extra = await query.Select(p => new { p.Content, p.ResponsiblePhone, p.ReturnedReason, p.CreatedBy, p.CreatedAt }).SingleAsync(ct);
        var scheduleResult = await new GetProjectSchedule(db, clock).HandleAsync(projectId, ct);
        if (!scheduleResult.IsOk) return scheduleResult.Failure;
        var schedule = scheduleResult.Value;

        var docs = await db.ProjectDocuments.AsNoTracking().Where(d => d.ProjectId == projectId).OrderBy(d => d.Id)
            .Select(d => new DocumentRow(d.Id, d.FileName, d.ContentType, d.Size, d.EventId, d.ReportId, d.UploadedBy, d.UploadedAt))
            .ToListAsync(ct);
        var events = (await db.ProjectEvents.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.On).ThenBy(e => e.Id).ToListAsync(ct))
            .Select(e => new EventRow(e.Id, e.Action, ProjectLabels.Label(e.Action), e.Stage, ProjectLabels.Label(e.Stage), e.On, e.Reference, e.Note, e.By, e.At,
                [.. docs.Where(d => d.EventId == e.Id)]))
            .ToList();
        var names = schedule.Milestones.ToDictionary(m => m.Seq, m => m.Name);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == projectId)
                .OrderByDescending(r => r.ReportedOn).ThenByDescending(r => r.Id).ToListAsync(ct))
            .Select(r => new ReportRow(r.Id, r.Seq, names.GetValueOrDefault(r.Seq) ?? $"第{r.Seq}项", r.ReportedOn, r.Percent, r.Narrative, r.By, r.At,
                [.. docs.Where(d => d.ReportId == r.Id)]))
            .ToList();
        var beneficiaries = await db.ProjectBeneficiaries.AsNoTracking().Where(b => b.ProjectId == projectId)
            .OrderBy(b => b.VillageCode).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.Id, b.HouseholdId, b.Kind, b.Benefit, b.AmountFen, b.AddedBy,
                Number = db.Households.Where(h => h.Id == b.HouseholdId).Select(h => h.Number).FirstOrDefault(),
                Head = db.Members.Where(m => m.HouseholdId == b.HouseholdId && m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                Village = db.Regions.Where(r => r.Code == b.VillageCode).Select(r => r.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var chain = schedule.Milestones.Count > 0
            ? schedule.Milestones.Select(m => new MilestoneSpec(m.Name, m.DurationDays)).ToList()
            : MilestoneTemplates.For(row.Category).ToList();
        return new ProjectDetails(row, extra.Content, extra.ResponsiblePhone, extra.ReturnedReason, extra.CreatedBy, extra.CreatedAt,
            Steps(events, row.Stage), row.Stage == ProjectStage.HandedOver ? null : row.Stage + 1,
            events, reports,
            [.. beneficiaries.Select(b => new BeneficiaryRow(b.Id, b.HouseholdId, b.Number ?? "", b.Head ?? "", b.Village ?? "", b.Kind, ProjectLabels.Label(b.Kind),
                b.Benefit, b.AmountFen, b.AddedBy))],
            schedule, chain);
    }

    /// <summary>
    /// The stages reached in the current round: a return clears everything after 村申报, a resubmission
    /// re-dates 村申报.
    /// </summary>
    static List<StepRow> Steps(IReadOnlyList<EventRow> events, ProjectStage current)
    {
        var reached = new Dictionary<ProjectStage, EventRow>();
        foreach (var e in events)
        {
            switch (e.Action)
            {
                case ProjectAction.Advanced or ProjectAction.Resubmitted:
                    foreach (var later in reached.Keys.Where(s => s > e.Stage).ToList()) reached.Remove(later);
                    reached[e.Stage] = e;
                    break;
                case ProjectAction.Returned:
                    foreach (var later in reached.Keys.Where(s => s > ProjectStage.Applied).ToList()) reached.Remove(later);
                    break;
            }
        }
        return [.. Enum.GetValues<ProjectStage>().Select(s => reached.TryGetValue(s, out var e)
            ? new StepRow(s, ProjectLabels.Label(s), e.On, e.By, s == current)
            : new StepRow(s, ProjectLabels.Label(s), null, null, false))];
    }
}
