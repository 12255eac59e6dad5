using Fupin.Accounts;
using Fupin.Projects;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using static Fupin.Tests.Projects.ProjectTestData;

namespace Fupin.Tests.Projects;

/// <summary>
/// 倒排工期 of a 水利 project on 2018-10-08. The template is 勘察设计30 立项20 招标25 开工5 主体完工120 验收20,
/// 220 days in all. Deadline 2019-06-30: 验收 2019-06-10→06-30, 主体完工 02-10→06-10, 开工 02-05→02-10,
/// 招标 01-11→02-05, 立项 2018-12-22→2019-01-11, 勘察设计 2018-11-22→12-22: feasible.
/// Deadline 2019-03-31: 勘察设计 should have started 2018-08-23, 46 days before today.
/// </summary>
public class PlanProjectTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public async Task FirstPlan_FromTemplate_LatestDatesWorkedBackFromDeadline()
    {
        var id = await CreateAsync(_db);
        var r = await PlanAsync(_db, id, D(2019, 6, 30));

        Assert.True(r.IsOk);
        Assert.Equal((1, 0, (string?)null), (r.Value!.Number, r.Value.ShortfallDays, r.Value.Message));
        Assert.Equal(
            [("勘察设计", D(2018, 11, 22), D(2018, 12, 22)), ("立项", D(2018, 12, 22), D(2019, 1, 11)), ("招标", D(2019, 1, 11), D(2019, 2, 5)),
             ("开工", D(2019, 2, 5), D(2019, 2, 10)), ("主体完工", D(2019, 2, 10), D(2019, 6, 10)), ("验收", D(2019, 6, 10), D(2019, 6, 30))],
            r.Value.Milestones.Select(m => (m.Name, m.LatestStart, m.LatestFinish)));
        // Nothing started, first latest start 45 days away: 正常.
        Assert.Equal(ScheduleStatus.OnTime, r.Value.Status);
    }

    [Fact]
    public async Task DeadlineChange_MakesPlanTwo_KeepsPlanOne_ImpossibleDeadlineSavedAndReported()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, D(2019, 6, 30))).IsOk);

        var r = await PlanAsync(_db, id, D(2019, 3, 31));

        Assert.True(r.IsOk);
        Assert.Equal((2, 46, "已不可能按期完成，需提前46天"), (r.Value!.Number, r.Value.ShortfallDays, r.Value.Message));
        Assert.Equal(ScheduleStatus.Late, r.Value.Status); // 勘察设计 not started 46 days after its latest start
        await using var db = _db.NewContext();
        var plans = await db.ProjectPlans.Include(p => p.Milestones).Where(p => p.ProjectId == id).OrderBy(p => p.Number).ToListAsync();
        Assert.Equal([(1, D(2019, 6, 30), 0), (2, D(2019, 3, 31), 46)], plans.Select(p => (p.Number, p.Deadline, p.ShortfallDays)));
        Assert.Equal(D(2018, 11, 22), plans[0].Milestones.Single(m => m.Seq == 1).LatestStart); // plan 1 untouched
        Assert.Equal(D(2018, 8, 23), plans[1].Milestones.Single(m => m.Seq == 1).LatestStart);
        var p = await db.Projects.SingleAsync(x => x.Id == id);
        Assert.Equal((2, D(2019, 3, 31), ScheduleStatus.Late), (p.PlanNumber, p.Deadline, p.Status));

        await using var ctx = _db.NewContext();
        var view = await new GetProjectSchedule(ctx, _db.Clock).HandleAsync(id, default);
        Assert.Equal(46, view.Value!.ShortfallDays);
        Assert.Equal([2, 1], view.Value.Plans.Select(x => x.Number));
    }

    [Fact]
    public async Task Shortfall_CountsFromFirstUnfinishedMilestone()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, D(2019, 6, 30))).IsOk);
        Assert.True((await ReportAsync(_db, id, 1, 100, D(2018, 10, 1))).IsOk);

        var r = await PlanAsync(_db, id, D(2019, 3, 31));

        // 勘察设计 is done; 立项 should have started 2018-09-22, 16 days before today.
        Assert.Equal((16, "已不可能按期完成，需提前16天"), (r.Value!.ShortfallDays, r.Value.Message));
    }

    [Fact]
    public async Task Durations_ChangeTheChain_NextPlanStartsFromThem_AndUnchangedPlanRefused()
    {
        var id = await CreateAsync(_db);
        Assert.True((await PlanAsync(_db, id, D(2019, 6, 30), [30, 20, 25, 5, 100, 20])).IsOk);
        var same = await PlanAsync(_db, id, D(2019, 6, 30));
        AssertInvalid(same, "project.plan_unchanged");
        AssertInvalid(await PlanAsync(_db, id, D(2019, 6, 30), [1, 2, 3]), "project.durations_count");
        AssertInvalid(await PlanAsync(_db, id, D(2019, 6, 30), [30, 20, 25, 5, -1, 20]), "project.duration_invalid");

        var later = await PlanAsync(_db, id, D(2019, 7, 31));

        // The chain kept 主体完工 at 100 days: 200 days back from 2019-07-31 is 2019-01-12.
        Assert.Equal((2, D(2019, 1, 12)), (later.Value!.Number, later.Value.Milestones[0].LatestStart));
        Assert.Equal(100, later.Value.Milestones[4].DurationDays);
    }

    [Fact]
    public async Task Plan_ByTownshipOrWithoutDeadline_Refused_NoPlanWritten()
    {
        var id = await CreateAsync(_db);
        AssertInvalid(await PlanAsync(_db, id, D(2019, 6, 30), role: Role.TownshipOfficer), ProjectRoles.NotAllowedCode);
        await using var db = _db.NewContext();
        var r = await new PlanProject(db, _db.Clock).HandleAsync(new PlanProjectRequest { ProjectId = id, User = "县", Role = Role.CountyAdmin }, default);
        AssertInvalid(r, "project.deadline_required");
        Assert.Equal(0, await db.ProjectPlans.CountAsync());
    }
}
