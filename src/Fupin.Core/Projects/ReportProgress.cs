using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>
/// 进度报告 on one milestone of the current plan (<see cref="Seq"/>): the milestone's percent done on
/// <see cref="ReportedOn"/> (default: the business date), the narrative and photos.
/// </summary>
public sealed record ReportProgressRequest
{
    public long ProjectId { get; init; }
    public int Seq { get; init; }
    public DateOnly? ReportedOn { get; init; }
    public int? Percent { get; init; }
    public string? Narrative { get; init; }
    public IReadOnlyList<UploadedFile> Photos { get; init; } = [];
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record ProgressSaved(long ReportId, long ProjectId, int Seq, int MilestonePercent, int ProjectPercent,
    ScheduleStatus Status, string StatusLabel, IReadOnlyList<long> PhotoIds);

/// <summary>
/// Writes a progress report with its photos and recomputes the project's percent and status against the
/// current plan, all in one transaction. Progress only moves forward: a report is not dated before the
/// milestone's previous one nor after today, and its percent is not below the previous one's. A finished
/// milestone (100%) takes no more reports.
/// </summary>
public sealed class ReportProgress(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProgressSaved>> HandleAsync(ReportProgressRequest request, CancellationToken ct)
    {
        if (!ProjectRoles.CanReport(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Percent), ProjectRoles.NotAllowedCode, "您的角色不能填报项目进度")]);
        var p = await db.Projects.SingleOrDefaultAsync(x => x.Id == request.ProjectId, ct);
        if (p is null) return ProjectSave.NotFound();
        if (p.PlanNumber == 0)
            return Result.Invalid([new FieldError(nameof(request.Seq), "project.not_planned", "项目尚未排期，县扶贫办设定完工期限后才能填报进度")]);
        var today = clock.Today();
        var plan = await db.PlannedMilestones.AsNoTracking()
            .Where(m => db.ProjectPlans.Any(pl => pl.Id == m.PlanId && pl.ProjectId == p.Id && pl.Number == p.PlanNumber))
            .OrderBy(m => m.Seq)
            .Select(m => new ScheduledMilestone(m.Seq, m.Name, m.DurationDays, m.LatestStart, m.LatestFinish))
            .ToListAsync(ct);
        var errors = new List<FieldError>();
        var milestone = plan.FirstOrDefault(m => m.Seq == request.Seq);
        if (milestone is null)
            return Result.Invalid([new FieldError(nameof(request.Seq), "project.milestone_unknown", "请选择当前计划中的里程碑")]);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == p.Id).ToListAsync(ct);
        var last = reports.Where(r => r.Seq == request.Seq).OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).LastOrDefault();
        if (last is { Percent: >= 100 })
            return Result.Invalid([new FieldError(nameof(request.Seq), "project.milestone_finished",
                $"里程碑“{milestone.Name}”已于{last.ReportedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}完成")]);
        var on = request.ReportedOn ?? today;
        if (on > today)
            errors.Add(new FieldError(nameof(request.ReportedOn), "project.date_future", "填报日期不能晚于今天"));
        else if (last is not null && on < last.ReportedOn)
            errors.Add(new FieldError(nameof(request.ReportedOn), "project.date_before_previous",
                $"填报日期不能早于该里程碑上一次报告的日期（{last.ReportedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}）"));
        if (request.Percent is not { } percent || percent is < 0 or > 100)
        {
            errors.Add(new FieldError(nameof(request.Percent), "project.percent_invalid", "完成比例应为0至100"));
            percent = 0;
        }
        else if (last is not null && percent < last.Percent)
            errors.Add(new FieldError(nameof(request.Percent), "project.percent_decrease", $"完成比例不能低于上一次报告的{last.Percent}%"));
        var narrative = ProjectText.Trim(request.Narrative);
        if (narrative is null)
            errors.Add(new FieldError(nameof(request.Narrative), "project.narrative_required", "请填写进展情况"));
        else if (narrative.Length > 1000)
            errors.Add(new FieldError(nameof(request.Narrative), "project.narrative_too_long", "进展情况不能超过1000字"));
        var photos = ProjectFiles.CheckAll(request.Photos, nameof(request.Photos), errors);
        if (errors.Count > 0 || photos is null) return Result.Invalid(errors);

        var report = new ProgressReport
        {
            ProjectId = p.Id, CountyCode = p.CountyCode, Seq = request.Seq, ReportedOn = on, Percent = percent, Narrative = narrative!,
            By = ProjectText.Clip(request.User, 64), At = clock.GetUtcNow(),
        };
        var judged = GetProjectSchedule.Judge(plan, [.. reports.Where(r => r.ReportedOn <= today), report], today);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ProgressReports.Add(report);
        p.Percent = judged.Percent;
        p.Status = judged.Status;
        if (!await ProjectSave.SaveAsync(db, p, null, ct)) return Result.Conflict(ProjectSave.ConflictMessage);
        var docs = photos.Select(f => ProjectFiles.ToDocument(f, p.Id, null, report.Id, request.User, clock)).ToList();
        db.ProjectDocuments.AddRange(docs);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ProgressSaved(report.Id, p.Id, report.Seq, percent, p.Percent, p.Status, ProjectLabels.Label(p.Status), [.. docs.Select(d => d.Id)]);
    }
}
