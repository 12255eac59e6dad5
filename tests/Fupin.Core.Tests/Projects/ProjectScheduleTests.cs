using Fupin.Projects;

namespace Fupin.Tests.Projects;

/// <summary>Reverse scheduling (倒排工期) and the on-time / at-risk / late judgement, with answers worked out by hand.</summary>
public class ProjectScheduleTests
{
    static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Plan_SettlementTemplate_WorksBackFromTheDeadline()
    {
        // 选址 20, 立项 30, 招标 30, 开工 10, 主体完工 150, 配套完工 60, 验收 20, 入住 30: 350 days in all.
        var plan = ProjectSchedule.Plan(MilestoneTemplates.For(ProjectCategory.Relocation), D(2019, 6, 30), D(2018, 7, 1));

        (string, DateOnly, DateOnly)[] expected =
        [
            ("选址", D(2018, 7, 15), D(2018, 8, 4)),
            ("立项", D(2018, 8, 4), D(2018, 9, 3)),
            ("招标", D(2018, 9, 3), D(2018, 10, 3)),
            ("开工", D(2018, 10, 3), D(2018, 10, 13)),
            ("主体完工", D(2018, 10, 13), D(2019, 3, 12)),
            ("配套完工", D(2019, 3, 12), D(2019, 5, 11)),
            ("验收", D(2019, 5, 11), D(2019, 5, 31)),
            ("入住", D(2019, 5, 31), D(2019, 6, 30)),
        ];
        Assert.Equal(expected, plan.Milestones.Select(m => (m.Name, m.LatestStart, m.LatestFinish)));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], plan.Milestones.Select(m => m.Seq));
        Assert.True(plan.Feasible);
        Assert.Equal(0, plan.ShortfallDays);
    }

    [Fact]
    public void Plan_DeadlineAlreadyImpossible_ReportsTheShortfallFromTheFirstUnfinishedMilestone()
    {
        var chain = MilestoneTemplates.For(ProjectCategory.Relocation);

        // Nothing done on 2018-10-08: 选址 had to start by 2018-07-15, 85 days earlier (16 + 31 + 30 + 8).
        var none = ProjectSchedule.Plan(chain, D(2019, 6, 30), D(2018, 10, 8));
        Assert.False(none.Feasible);
        Assert.Equal(85, none.ShortfallDays);

        // 选址, 立项, 招标 done: 开工 had to start by 2018-10-03, 5 days earlier.
        Assert.Equal(5, ProjectSchedule.Plan(chain, D(2019, 6, 30), D(2018, 10, 8), new HashSet<int> { 1, 2, 3 }).ShortfallDays);

        // 开工 done too: 主体完工 may start as late as 2018-10-13, still ahead.
        Assert.True(ProjectSchedule.Plan(chain, D(2019, 6, 30), D(2018, 10, 8), new HashSet<int> { 1, 2, 3, 4 }).Feasible);
    }

    [Fact]
    public void Plan_DeadlineMovedLater_ShiftsEveryDateByTheSameDays()
    {
        var chain = MilestoneTemplates.For(ProjectCategory.Transport);
        var before = ProjectSchedule.Plan(chain, D(2019, 6, 30), D(2018, 10, 8));
        var after = ProjectSchedule.Plan(chain, D(2019, 7, 30), D(2018, 10, 8));
        Assert.All(before.Milestones.Zip(after.Milestones), p =>
        {
            Assert.Equal(30, p.Second.LatestStart.DayNumber - p.First.LatestStart.DayNumber);
            Assert.Equal(30, p.Second.LatestFinish.DayNumber - p.First.LatestFinish.DayNumber);
        });
    }

    // A 60-day milestone from 2019-03-12 to 2019-05-11.
    static readonly ScheduledMilestone Works = new(6, "配套完工", 60, D(2019, 3, 12), D(2019, 5, 11));

    static ScheduleStatus NotStarted(DateOnly asOf) => ProjectSchedule.Judge(Works, new MilestoneProgress(6, 0, null, null), asOf).Status;

    static ScheduleStatus Under(int percent, DateOnly asOf) => ProjectSchedule.Judge(Works, new MilestoneProgress(6, percent, D(2019, 3, 12), null), asOf).Status;

    [Fact]
    public void Judge_NotStarted_AtRiskFromSevenDaysBeforeTheLatestStart_LateTheDayAfterIt()
    {
        Assert.Equal(ScheduleStatus.OnTime, NotStarted(D(2019, 3, 4)));
        Assert.Equal(ScheduleStatus.AtRisk, NotStarted(D(2019, 3, 5)));
        Assert.Equal(ScheduleStatus.AtRisk, NotStarted(D(2019, 3, 12)));
        Assert.Equal(ScheduleStatus.Late, NotStarted(D(2019, 3, 13)));
    }

    [Fact]
    public void Judge_UnderWay_AtRiskBelowTheSteadyPace_LateAfterTheLatestFinish()
    {
        // 2019-04-11 is day 30 of 60: half must be done.
        Assert.Equal(ScheduleStatus.OnTime, Under(50, D(2019, 4, 11)));
        Assert.Equal(ScheduleStatus.AtRisk, Under(49, D(2019, 4, 11)));
        Assert.Equal(ScheduleStatus.AtRisk, Under(99, D(2019, 5, 11)));
        Assert.Equal(ScheduleStatus.Late, Under(99, D(2019, 5, 12)));
        Assert.Equal(ScheduleStatus.Late, Under(99, D(2019, 6, 1)));
    }

    [Fact]
    public void Judge_Finished_OnTheLatestFinishIsOnTime_TheDayAfterIsLate()
    {
        var onTime = ProjectSchedule.Judge(Works, new MilestoneProgress(6, 100, D(2019, 3, 12), D(2019, 5, 11)), D(2019, 6, 1));
        var late = ProjectSchedule.Judge(Works, new MilestoneProgress(6, 100, D(2019, 3, 12), D(2019, 5, 12)), D(2019, 6, 1));
        Assert.Equal((ScheduleStatus.Done, false), (onTime.Status, onTime.FinishedLate));
        Assert.Equal((ScheduleStatus.Done, true), (late.Status, late.FinishedLate));
    }

    [Fact]
    public void JudgeAll_ReportsUpToTheDate_WorstUnfinishedMilestoneDecidesTheProject()
    {
        var plan = ProjectSchedule.Plan(MilestoneTemplates.For(ProjectCategory.Relocation), D(2019, 6, 30), D(2018, 7, 1)).Milestones;
        ProgressReport R(int seq, int y, int m, int d, int pct) => new() { ProjectId = 1, CountyCode = "411321", Seq = seq, ReportedOn = D(y, m, d), Percent = pct, Narrative = "", By = "t" };
        List<ProgressReport> reports =
        [
            R(1, 2018, 7, 20, 40), R(1, 2018, 8, 1, 100),
            R(2, 2018, 8, 10, 30), R(2, 2018, 9, 5, 100),  // 立项 finished two days after its latest finish
            R(3, 2018, 9, 10, 20),
            R(3, 2018, 10, 20, 100),                         // after the as-of date: not yet seen
        ];

        var states = ProjectSchedule.JudgeAll(plan, reports, D(2018, 10, 8));

        Assert.Equal((ScheduleStatus.Done, false), (states[0].Status, states[0].FinishedLate));
        Assert.Equal((ScheduleStatus.Done, true), (states[1].Status, states[1].FinishedLate));
        Assert.Equal((20, D(2018, 9, 10)), (states[2].Progress.Percent, states[2].Progress.StartedOn!.Value));
        Assert.Equal(ScheduleStatus.Late, states[2].Status);       // 招标 should have finished by 2018-10-03
        Assert.Equal(ScheduleStatus.Late, states[3].Status);       // 开工 should have started by 2018-10-03
        Assert.Equal(ScheduleStatus.AtRisk, states[4].Status);     // 主体完工 must start by 2018-10-13, 5 days on
        Assert.Equal(ScheduleStatus.OnTime, states[5].Status);     // 配套完工 not before 2019-03-12
        Assert.Equal(ScheduleStatus.Late, ProjectSchedule.Overall(states));
        // (20 × 100 + 30 × 100 + 30 × 20) / 350 = 16.57 → 16
        Assert.Equal(16, ProjectSchedule.OverallPercent(states));
    }

    [Fact]
    public void Shortfall_CountsTheWorkLeftFromToday_AtThePlannedPace()
    {
        var plan = ProjectSchedule.Plan(MilestoneTemplates.For(ProjectCategory.Relocation), D(2019, 6, 30), D(2018, 7, 1)).Milestones;
        ProgressReport R(int seq, int pct) => new() { ProjectId = 1, CountyCode = "411321", Seq = seq, ReportedOn = D(2018, 10, 1), Percent = pct, Narrative = "", By = "t" };

        // 选址, 立项, 招标 done, 开工 (10 days) half done on 2018-10-08: 5 + 150 + 60 + 20 + 30 = 265 days left;
        // 2018-10-08 + 265 days = 2019-06-30, the deadline itself.
        var states = ProjectSchedule.JudgeAll(plan, [R(1, 100), R(2, 100), R(3, 100), R(4, 50)], D(2018, 10, 8));
        Assert.Equal(0, ProjectSchedule.Shortfall(states, D(2018, 10, 8)));
        // Nine days later with no further work the same 265 days end on 2019-07-09: 9 days short.
        states = ProjectSchedule.JudgeAll(plan, [R(1, 100), R(2, 100), R(3, 100), R(4, 50)], D(2018, 10, 17));
        Assert.Equal(9, ProjectSchedule.Shortfall(states, D(2018, 10, 17)));
        // Nothing done on 2018-10-08: as ProjectSchedule.Plan says, 85 days.
        Assert.Equal(85, ProjectSchedule.Shortfall(ProjectSchedule.JudgeAll(plan, [], D(2018, 10, 8)), D(2018, 10, 8)));
    }
}
