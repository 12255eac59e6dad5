using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>One milestone of the current plan judged on <see cref="ProjectScheduleView.AsOf"/>.</summary>
public sealed record MilestoneView(int Seq, string Name, int DurationDays, DateOnly LatestStart, DateOnly LatestFinish,
    int Percent, DateOnly? StartedOn, DateOnly? FinishedOn, ScheduleStatus Status, bool FinishedLate, int ExpectedPercent);

/// <summary>One plan of the history of plans (newest first in <see cref="ProjectScheduleView.Plans"/>).</summary>
public sealed record PlanSummary(int Number, DateOnly Deadline, DateOnly PlannedOn, int ShortfallDays, string? Reason, string By);

/// <summary>
/// A project's current plan against its progress on <see cref="AsOf"/> (the business date): each milestone's
/// latest dates, actual dates, percent and status, the project's status and percent recomputed for that day,
/// and the history of plans. <see cref="ShortfallDays"/> is recomputed on <see cref="AsOf"/> (<see cref="ProjectSchedule.Shortfall"/>) from the
/// milestone not yet finished, so it grows as days pass without work.
/// </summary>
public sealed record ProjectScheduleView(long ProjectId, string Code, string Name, ProjectCategory Category, DateOnly? Deadline,
    ScheduleStatus Status, int Percent, int ShortfallDays, DateOnly AsOf, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<PlanSummary> Plans);

/// <summary>The schedule of one project of the user's scope; outside it the project does not exist.</summary>
public sealed class GetProjectSchedule(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProjectScheduleView>> HandleAsync(long projectId, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Where(x => x.Id == projectId)
            .Select(x => new { x.Id, x.Code, x.Name, x.Category, x.Deadline, x.PlanNumber })
            .SingleOrDefaultAsync(ct);
        if (p is null) return Result.NotFound("未找到该项目");
        var today = clock.Today();
        var plans = await db.ProjectPlans.AsNoTracking().Where(x => x.ProjectId == projectId)
            .OrderByDescending(x => x.Number)
            .Select(x => new PlanSummary(x.Number, x.Deadline, x.PlannedOn, x.ShortfallDays, x.Reason, x.By))
            .ToListAsync(ct);
        var milestones = p.PlanNumber == 0 ? [] : await db.PlannedMilestones.AsNoTracking()
            .Where(m => db.ProjectPlans.Any(pl => pl.Id == m.PlanId && pl.ProjectId == projectId && pl.Number == p.PlanNumber))
            .OrderBy(m => m.Seq)
            .Select(m => new ScheduledMilestone(m.Seq, m.Name, m.DurationDays, m.LatestStart, m.LatestFinish))
            .ToListAsync(ct);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => r.ProjectId == projectId && r.ReportedOn <= today).ToListAsync(ct);
        var judged = Judge(milestones, reports, today);
        return new ProjectScheduleView(p.Id, p.Code, p.Name, p.Category, p.Deadline, judged.Status, judged.Percent, judged.ShortfallDays,
            today, judged.Milestones, plans);
    }

    /// <summary>The current plan's milestones judged on <paramref name="asOf"/>: what the page, the list and the progress report all use.</summary>
    public static ScheduleJudgement Judge(IReadOnlyList<ScheduledMilestone> plan, IEnumerable<ProgressReport> reports, DateOnly asOf)
    {
        if (plan.Count == 0) return new ScheduleJudgement(ScheduleStatus.NotPlanned, 0, 0, []);
        var states = ProjectSchedule.JudgeAll(plan, reports, asOf);
        var shortfall = ProjectSchedule.Shortfall(states, asOf);
        var views = states.Select(s => new MilestoneView(s.Plan.Seq, s.Plan.Name, s.Plan.DurationDays, s.Plan.LatestStart, s.Plan.LatestFinish,
            s.Progress.Percent, s.Progress.StartedOn, s.Progress.FinishedOn, s.Status, s.FinishedLate, s.ExpectedPercent)).ToList();
        return new ScheduleJudgement(ProjectSchedule.Overall(states), ProjectSchedule.OverallPercent(states), shortfall, views);
    }
}

/// <summary>The outcome of <see cref="GetProjectSchedule.Judge"/>.</summary>
public sealed record ScheduleJudgement(ScheduleStatus Status, int Percent, int ShortfallDays, IReadOnlyList<MilestoneView> Milestones);
