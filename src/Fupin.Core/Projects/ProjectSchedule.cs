namespace Fupin.Projects;

/// <summary>A milestone with the latest dates it must start and finish for the project to meet its deadline.</summary>
public sealed record ScheduledMilestone(int Seq, string Name, int DurationDays, DateOnly LatestStart, DateOnly LatestFinish);

/// <summary>
/// A reverse schedule (倒排工期). <see cref="ShortfallDays"/> &gt; 0 means the deadline can no longer be met
/// at the planned durations: the first unfinished milestone should have started that many days ago.
/// </summary>
public sealed record ReverseSchedule(DateOnly Deadline, IReadOnlyList<ScheduledMilestone> Milestones, int ShortfallDays)
{
    public bool Feasible => ShortfallDays == 0;
}

/// <summary>Where one milestone stands on a date, from the progress reports up to that date.</summary>
public sealed record MilestoneProgress(int Seq, int Percent, DateOnly? StartedOn, DateOnly? FinishedOn);

/// <summary>A milestone's status on a date; <see cref="FinishedLate"/> tells a late finish from an on-time one.</summary>
public sealed record MilestoneState(ScheduledMilestone Plan, MilestoneProgress Progress, ScheduleStatus Status, bool FinishedLate, int ExpectedPercent);

/// <summary>
/// Reverse scheduling and the on-time / at-risk / late judgement. Milestones form a chain: each starts
/// when the one before it finishes. Working back from the deadline, the last milestone must finish on the
/// deadline and start its duration earlier; each earlier one must finish when the next must start.
/// </summary>
public static class ProjectSchedule
{
    /// <summary>A milestone not yet started is 预警 from this many days before its latest start.</summary>
    public const int AtRiskDays = 7;

    public const int MaxDurationDays = 3650;

    /// <summary>
    /// The latest start and finish of every milestone for <paramref name="deadline"/>, and how many days the
    /// plan is short on <paramref name="today"/>, counting from the first milestone not finished (<paramref name="finishedSeqs"/>).
    /// </summary>
    public static ReverseSchedule Plan(IReadOnlyList<MilestoneSpec> chain, DateOnly deadline, DateOnly today, IReadOnlySet<int>? finishedSeqs = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var result = new ScheduledMilestone[chain.Count];
        var finish = deadline;
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var spec = chain[i];
            ArgumentOutOfRangeException.ThrowIfNegative(spec.DurationDays);
            var start = finish.AddDays(-spec.DurationDays);
            result[i] = new ScheduledMilestone(i + 1, spec.Name, spec.DurationDays, start, finish);
            finish = start;
        }
        var firstOpen = result.FirstOrDefault(m => finishedSeqs is null || !finishedSeqs.Contains(m.Seq));
        var shortfall = firstOpen is null ? 0 : Math.Max(0, today.DayNumber - firstOpen.LatestStart.DayNumber);
        return new ReverseSchedule(deadline, result, shortfall);
    }

    /// <summary>Each milestone's percent, first day of work and finish day on <paramref name="asOf"/>, from the reports.</summary>
    public static IReadOnlyList<MilestoneProgress> ProgressAsOf(IEnumerable<ScheduledMilestone> milestones, IEnumerable<ProgressReport> reports, DateOnly asOf)
    {
        var bySeq = reports.Where(r => r.ReportedOn <= asOf).GroupBy(r => r.Seq).ToDictionary(g => g.Key, g => g.OrderBy(r => r.ReportedOn).ThenBy(r => r.Id).ToList());
        return [.. milestones.Select(m =>
        {
            if (!bySeq.TryGetValue(m.Seq, out var list)) return new MilestoneProgress(m.Seq, 0, null, null);
            var started = list.FirstOrDefault(r => r.Percent > 0)?.ReportedOn;
            var finished = list.FirstOrDefault(r => r.Percent >= 100)?.ReportedOn;
            var percent = finished is null ? list[^1].Percent : 100;
            return new MilestoneProgress(m.Seq, percent, started, finished);
        })];
    }

    /// <summary>
    /// The status of one milestone on <paramref name="asOf"/>:
    /// finished → 已完成 (late when finished after its latest finish);
    /// not started → 滞后 after its latest start, 预警 from <see cref="AtRiskDays"/> days before it, else 正常;
    /// under way → 滞后 after its latest finish, 预警 when its percent is below the steady pace that would
    /// finish it exactly on its latest finish, else 正常.
    /// </summary>
    public static MilestoneState Judge(ScheduledMilestone plan, MilestoneProgress progress, DateOnly asOf)
    {
        var expected = ExpectedPercent(plan, asOf);
        if (progress.FinishedOn is { } done)
            return new MilestoneState(plan, progress, ScheduleStatus.Done, done > plan.LatestFinish, expected);
        ScheduleStatus status;
        if (progress.Percent <= 0)
            status = asOf > plan.LatestStart ? ScheduleStatus.Late
                : asOf.DayNumber >= plan.LatestStart.DayNumber - AtRiskDays ? ScheduleStatus.AtRisk
                : ScheduleStatus.OnTime;
        else
            status = asOf > plan.LatestFinish ? ScheduleStatus.Late
                : progress.Percent < expected ? ScheduleStatus.AtRisk
                : ScheduleStatus.OnTime;
        return new MilestoneState(plan, progress, status, false, expected);
    }

    /// <summary>The percent a milestone must have reached on <paramref name="asOf"/> at a steady pace from its latest start to its latest finish.</summary>
    public static int ExpectedPercent(ScheduledMilestone plan, DateOnly asOf)
    {
        if (asOf <= plan.LatestStart) return 0;
        if (asOf >= plan.LatestFinish) return 100;
        return (int)Math.Ceiling(100.0 * (asOf.DayNumber - plan.LatestStart.DayNumber) / plan.DurationDays);
    }

    /// <summary>All milestones judged on <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<MilestoneState> JudgeAll(IReadOnlyList<ScheduledMilestone> plan, IEnumerable<ProgressReport> reports, DateOnly asOf)
    {
        var progress = ProgressAsOf(plan, reports, asOf);
        return [.. plan.Select((m, i) => Judge(m, progress[i], asOf))];
    }

    /// <summary>The project's status: 已完成 when every milestone is, else the worst status of the unfinished ones.</summary>
    public static ScheduleStatus Overall(IReadOnlyList<MilestoneState> states)
    {
        if (states.Count == 0) return ScheduleStatus.NotPlanned;
        var open = states.Where(s => s.Status != ScheduleStatus.Done).ToList();
        return open.Count == 0 ? ScheduleStatus.Done : open.Max(s => s.Status);
    }

    /// <summary>
    /// Days the project will miss its deadline by if the work left is done from <paramref name="asOf"/> at the
    /// planned pace: the unfinished part of each milestone (duration × (100 − percent) %, rounded up) summed,
    /// added to <paramref name="asOf"/>, less the deadline. 0 when it can still be met.
    /// </summary>
    public static int Shortfall(IReadOnlyList<MilestoneState> states, DateOnly asOf)
    {
        if (states.Count == 0) return 0;
        var left = states.Where(s => s.Progress.FinishedOn is null)
            .Sum(s => (int)Math.Ceiling(s.Plan.DurationDays * (100 - Math.Clamp(s.Progress.Percent, 0, 100)) / 100.0));
        return Math.Max(0, asOf.DayNumber + left - states[^1].Plan.LatestFinish.DayNumber);
    }

    /// <summary>Overall percent: milestone percents weighted by duration (a chain of zero-day milestones counts each equally).</summary>
    public static int OverallPercent(IReadOnlyList<MilestoneState> states)
    {
        if (states.Count == 0) return 0;
        var total = states.Sum(s => (long)s.Plan.DurationDays);
        if (total == 0) return (int)Math.Floor(states.Average(s => s.Progress.Percent));
        return (int)Math.Floor(states.Sum(s => (double)s.Plan.DurationDays * s.Progress.Percent) / total);
    }
}
