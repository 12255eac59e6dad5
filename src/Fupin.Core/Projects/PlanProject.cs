using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>
/// Set or change the completion deadline and, optionally, the milestone durations (one per milestone of the
/// chain, in order; null keeps the chain's). <see cref="Reason"/> says why a plan is changed.
/// </summary>
public sealed record PlanProjectRequest
{
    public long ProjectId { get; init; }
    public DateOnly? Deadline { get; init; }
    public IReadOnlyList<int>? Durations { get; init; }
    public string? Reason { get; init; }
    public long? Version { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <param name="Message">已不可能按期完成，需提前N天 when the deadline can no longer be met, else null.</param>
public sealed record PlanSaved(long ProjectId, int Number, DateOnly Deadline, int ShortfallDays, string? Message,
    ScheduleStatus Status, string StatusLabel, int Percent, IReadOnlyList<ScheduledMilestone> Milestones, long Version);

/// <summary>
/// 倒排工期: makes plan N+1 of the project. The chain is the category's template for the first plan, the
/// previous plan's for later ones (durations as given). The latest dates are worked back from the deadline
/// (<see cref="ProjectSchedule.Plan"/>) honouring the milestones already finished; earlier plans are kept.
/// A deadline that can no longer be met is saved all the same — it is the county's decision — and reported:
/// the response and the plan carry the shortfall in days. The project's status and percent are recomputed
/// against the new plan in the same transaction.
/// </summary>
public sealed class PlanProject(AppDbContext db, TimeProvider clock)
{
    public static string ShortfallMessage(int days) => $"已不可能按期完成，需提前{days}天";

    public async Task<Result<PlanSaved>> HandleAsync(PlanProjectRequest request, CancellationToken ct)
    {
        var p = await db.Projects.SingleOrDefaultAsync(x => x.Id == request.ProjectId, ct);
        if (p is null) return ProjectSave.NotFound();
        if (!ProjectRoles.CanPlan(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Deadline), ProjectRoles.NotAllowedCode, "完工期限和工期须由县扶贫办设定")]);
        if (p.Stage >= ProjectStage.Accepted)
            return Result.Invalid([new FieldError(nameof(request.Deadline), "project.plan_closed", "项目已验收，不能再调整工期")]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        if (request.Deadline is not { } deadline)
        {
            errors.Add(new FieldError(nameof(request.Deadline), "project.deadline_required", "请填写完工期限"));
            deadline = default;
        }
        else if (deadline.Year < 2014 || deadline.Year > today.Year + 10)
            errors.Add(new FieldError(nameof(request.Deadline), "project.deadline_invalid", $"完工期限应在2014年至{today.Year + 10}年之间"));

        var previous = p.PlanNumber == 0 ? null : await db.ProjectPlans.AsNoTracking().Include(x => x.Milestones)
            .SingleOrDefaultAsync(x => x.ProjectId == p.Id && x.Number == p.PlanNumber, ct);
        var chain = previous is null
            ? MilestoneTemplates.For(p.Category).ToList()
            : previous.Milestones.OrderBy(m => m.Seq).Select(m => new MilestoneSpec(m.Name, m.DurationDays)).ToList();
        if (request.Durations is { } durations)
        {
            if (durations.Count != chain.Count)
                errors.Add(new FieldError(nameof(request.Durations), "project.durations_count", $"应为{chain.Count}个里程碑各填一个工期"));
            else if (durations.Any(d => d is < 0 or > ProjectSchedule.MaxDurationDays))
                errors.Add(new FieldError(nameof(request.Durations), "project.duration_invalid", $"工期应为0至{ProjectSchedule.MaxDurationDays}天"));
            else
                chain = [.. chain.Select((m, i) => m with { DurationDays = durations[i] })];
        }
        var reason = ProjectText.Trim(request.Reason);
        if (reason is { Length: > 500 })
            errors.Add(new FieldError(nameof(request.Reason), "project.reason_too_long", "调整理由不能超过500字"));
        if (errors.Count == 0 && previous is not null && previous.Deadline == deadline
            && previous.Milestones.OrderBy(m => m.Seq).Select(m => m.DurationDays).SequenceEqual(chain.Select(m => m.DurationDays)))
            errors.Add(new FieldError(nameof(request.Deadline), "project.plan_unchanged", "完工期限和工期都没有变化"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == p.Id && r.ReportedOn <= today).ToListAsync(ct);
        var schedule = ProjectSchedule.Plan(chain, deadline, today);
        var judged = GetProjectSchedule.Judge(schedule.Milestones, reports, today);
        var by = ProjectText.Clip(request.User, 64);
        var plan = new ProjectPlan
        {
            ProjectId = p.Id, CountyCode = p.CountyCode, Number = p.PlanNumber + 1, Deadline = deadline, PlannedOn = today, ShortfallDays = judged.ShortfallDays,
            Reason = reason, By = by, At = clock.GetUtcNow(),
            Milestones = [.. schedule.Milestones.Select(m => new PlannedMilestone
            {
                CountyCode = p.CountyCode, Seq = m.Seq, Name = m.Name, DurationDays = m.DurationDays, LatestStart = m.LatestStart, LatestFinish = m.LatestFinish,
            })],
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ProjectPlans.Add(plan);
        p.PlanNumber = plan.Number;
        p.Deadline = deadline;
        p.Status = judged.Status;
        p.Percent = judged.Percent;
        if (!await ProjectSave.SaveAsync(db, p, request.Version, ct)) return Result.Conflict(ProjectSave.ConflictMessage);
        await tx.CommitAsync(ct);
        return new PlanSaved(p.Id, plan.Number, deadline, judged.ShortfallDays,
            judged.ShortfallDays == 0 ? null : ShortfallMessage(judged.ShortfallDays), p.Status, ProjectLabels.Label(p.Status), p.Percent,
            schedule.Milestones, p.Version);
    }
}
