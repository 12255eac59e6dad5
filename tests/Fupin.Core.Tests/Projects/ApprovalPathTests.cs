using Fupin.Accounts;
using Fupin.Projects;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using static Fupin.Tests.Projects.ProjectTestData;

namespace Fupin.Tests.Projects;

/// <summary>村申报 → 乡镇审核 → 县级审定 → 公示 → 入库 → 实施 → 验收 → 资产移交/管护: each once, in order, never skipped.</summary>
public class ApprovalPathTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<(ProjectStage Stage, string? Returned, int Events, long Version)> StateAsync(long id)
    {
        await using var db = _db.NewContext();
        var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == id);
        return (p.Stage, p.ReturnedReason, await db.ProjectEvents.CountAsync(e => e.ProjectId == id), p.Version);
    }

    [Fact]
    public async Task Create_RecordsAppliedEvent_AndGeneratesCodeInTheCountysStyle()
    {
        var first = await CreateAsync(_db);
        var second = await CreateAsync(_db, code: "NZ2018-JT-012");
        var third = await CreateAsync(_db);

        await using var db = _db.NewContext();
        var codes = await db.Projects.OrderBy(p => p.Id).Select(p => p.Code).ToListAsync();
        // No county style yet: XM; after NZ2018-JT-012 the county writes NZ, and 012 is the highest number of 2018.
        Assert.Equal(["XM2018-001", "NZ2018-JT-012", "NZ2018-013"], codes);
        var ev = await db.ProjectEvents.SingleAsync(e => e.ProjectId == first);
        Assert.Equal((ProjectAction.Advanced, ProjectStage.Applied, new DateOnly(2018, 3, 1)), (ev.Action, ev.Stage, ev.On));
        Assert.Equal(ProjectStage.Applied, (await StateAsync(third)).Stage);
        Assert.NotEqual(second, third);
    }

    [Fact]
    public async Task Create_DuplicateCode_OutOfScopeRegionAndZeroBudget_RefusedAndNothingWritten()
    {
        await CreateAsync(_db, code: "NZ2018-SL-001");
        await using var db = _db.NewContext(AccessScope.For(7, Role.TownshipOfficer, ["411321101"]));
        var r = await new CreateProject(db, _db.Clock).HandleAsync(new CreateProjectRequest
        {
            RegionCode = RegistryBuilder.Village, Category = ProjectCategory.Water, Name = "另一个工程", Code = "nz2018-sl-001",
            ResponsibleUnit = "乡政府", ResponsiblePerson = "李四", BudgetFen = 0, Year = 2018, User = "乡干部", Role = Role.TownshipOfficer,
        }, default);
        AssertInvalid(r, "region.unknown");
        AssertInvalid(r, "project.budget_invalid");

        await using var all = _db.NewContext();
        var dup = await new CreateProject(all, _db.Clock).HandleAsync(new CreateProjectRequest
        {
            RegionCode = RegistryBuilder.Village, Category = ProjectCategory.Water, Name = "另一个工程", Code = "nz2018-sl-001",
            ResponsibleUnit = "乡政府", ResponsiblePerson = "李四", BudgetFen = 100, Year = 2018, User = "乡干部", Role = Role.TownshipOfficer,
        }, default);
        AssertInvalid(dup, "project.code_taken");
        Assert.Equal(1, await all.Projects.CountAsync());
        Assert.Equal(1, await all.ProjectEvents.CountAsync());
    }

    [Fact]
    public async Task Advance_SkippingAStage_RefusedWithStageSkip_AndNothingChanges()
    {
        var id = await CreateAsync(_db);
        var before = await StateAsync(id);

        var skip = await AdvanceAsync(_db, id, ProjectStage.CountyApproved, new DateOnly(2018, 4, 1));
        var same = await AdvanceAsync(_db, id, ProjectStage.Applied, new DateOnly(2018, 4, 1));

        AssertInvalid(skip, "project.stage_skip");
        AssertInvalid(same, "project.stage_skip");
        Assert.Equal(before, await StateAsync(id));
    }

    [Fact]
    public async Task Advance_EachStageOnceInOrder_UpToHandedOver_ThenNothingMore()
    {
        var id = await CreateAsync(_db);
        var on = new DateOnly(2018, 4, 1);
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, on)).IsOk);
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, on), "project.stage_skip"); // not twice
        foreach (var stage in new[] { ProjectStage.CountyApproved, ProjectStage.Publicized, ProjectStage.Pooled })
            Assert.True((await AdvanceAsync(_db, id, stage, on = on.AddDays(7))).IsOk);

        // 实施 needs a plan: refused, then allowed once the deadline is set.
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.Implementing, on), "project.plan_required");
        Assert.True((await PlanAsync(_db, id, new DateOnly(2019, 6, 30))).IsOk);
        foreach (var stage in new[] { ProjectStage.Implementing, ProjectStage.Accepted, ProjectStage.HandedOver })
            Assert.True((await AdvanceAsync(_db, id, stage, on = on.AddDays(7))).IsOk);

        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.HandedOver, on), "project.stage_final");
        await using var db = _db.NewContext();
        var stages = await db.ProjectEvents.Where(e => e.ProjectId == id).OrderBy(e => e.Id).Select(e => e.Stage).ToListAsync();
        Assert.Equal(Enum.GetValues<ProjectStage>(), stages);
        Assert.Equal(ProjectStage.HandedOver, (await StateAsync(id)).Stage);
    }

    [Fact]
    public async Task Advance_DateInFutureOrBeforePreviousStep_Refused()
    {
        var id = await CreateAsync(_db); // applied 2018-03-01
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, new DateOnly(2018, 2, 28)), "project.date_before_previous");
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, Today.AddDays(1)), "project.date_future");
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, new DateOnly(2018, 3, 1))).IsOk); // same day is fine
    }

    [Fact]
    public async Task Roles_TownshipReviewsOnly_VillageAppliesOnly_CountyDoesTheRest()
    {
        var id = await CreateAsync(_db, role: Role.VillageCadre);
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, Today, Role.VillageCadre), ProjectRoles.NotAllowedCode);
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, Today, Role.TownshipOfficer)).IsOk);
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.CountyApproved, Today, Role.TownshipOfficer), ProjectRoles.NotAllowedCode);
        AssertInvalid(await PlanAsync(_db, id, new DateOnly(2019, 6, 30), role: Role.TownshipOfficer), ProjectRoles.NotAllowedCode);
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.CountyApproved, Today, Role.CountyAdmin)).IsOk);

        await using var db = _db.NewContext();
        var inspector = await new CreateProject(db, _db.Clock).HandleAsync(new CreateProjectRequest
        {
            RegionCode = RegistryBuilder.Village, Category = ProjectCategory.Water, Name = "x", ResponsibleUnit = "u", ResponsiblePerson = "p",
            BudgetFen = 100, Year = 2018, User = "督查", Role = Role.Inspector,
        }, default);
        AssertInvalid(inspector, ProjectRoles.NotAllowedCode);
    }

    [Fact]
    public async Task Return_AtCountyReview_GoesBackToApplied_BlocksAdvance_UntilResubmitted()
    {
        var id = await CreateAsync(_db);
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, new DateOnly(2018, 4, 1))).IsOk);

        await using (var db = _db.NewContext())
        {
            var shortReason = await new ReturnProject(db, _db.Clock).HandleAsync(new ReturnProjectRequest { ProjectId = id, Reason = "材料不全", User = "县", Role = Role.CountyAdmin }, default);
            AssertInvalid(shortReason, "project.reason_required"); // 4 characters
            var byTownship = await new ReturnProject(db, _db.Clock).HandleAsync(new ReturnProjectRequest { ProjectId = id, Reason = "缺少村民代表会议记录", User = "乡", Role = Role.TownshipOfficer }, default);
            AssertInvalid(byTownship, ProjectRoles.NotAllowedCode); // 县级审定 is the county's
            var ok = await new ReturnProject(db, _db.Clock).HandleAsync(new ReturnProjectRequest
            {
                ProjectId = id, Reason = "缺少村民代表会议记录", On = new DateOnly(2018, 4, 10), User = "县", Role = Role.CountyAdmin,
            }, default);
            Assert.True(ok.IsOk);
        }
        var returned = await StateAsync(id);
        Assert.Equal((ProjectStage.Applied, "缺少村民代表会议记录"), (returned.Stage, returned.Returned));
        AssertInvalid(await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, Today), "project.returned");

        await using (var db = _db.NewContext())
        {
            var r = await new ResubmitProject(db, _db.Clock).HandleAsync(new ResubmitProjectRequest
            {
                ProjectId = id, Note = "已补充会议记录", On = new DateOnly(2018, 4, 20), User = "村", Role = Role.VillageCadre,
            }, default);
            Assert.True(r.IsOk);
            var again = await new ResubmitProject(db, _db.Clock).HandleAsync(new ResubmitProjectRequest { ProjectId = id, Note = "再次", User = "村", Role = Role.VillageCadre }, default);
            AssertInvalid(again, "project.not_returned");
        }
        Assert.Null((await StateAsync(id)).Returned);
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.TownshipReviewed, new DateOnly(2018, 4, 25))).IsOk);

        await using var check = _db.NewContext();
        var actions = await check.ProjectEvents.Where(e => e.ProjectId == id).OrderBy(e => e.Id).Select(e => new { e.Action, e.Stage }).ToListAsync();
        Assert.Equal(
            [(ProjectAction.Advanced, ProjectStage.Applied), (ProjectAction.Advanced, ProjectStage.TownshipReviewed), (ProjectAction.Returned, ProjectStage.CountyApproved),
             (ProjectAction.Resubmitted, ProjectStage.Applied), (ProjectAction.Advanced, ProjectStage.TownshipReviewed)],
            actions.Select(a => (a.Action, a.Stage)));

        // After 县级审定 nothing is turned back.
        Assert.True((await AdvanceAsync(_db, id, ProjectStage.CountyApproved, new DateOnly(2018, 5, 1))).IsOk);
        await using var late = _db.NewContext();
        var refused = await new ReturnProject(late, _db.Clock).HandleAsync(new ReturnProjectRequest { ProjectId = id, Reason = "已审定后退回试试", User = "县", Role = Role.CountyAdmin }, default);
        AssertInvalid(refused, "project.return_stage");
    }

    [Fact]
    public async Task Advance_StaleVersion_Conflict_NothingWritten()
    {
        var id = await CreateAsync(_db);
        var before = await StateAsync(id);
        await using var db = _db.NewContext();
        var r = await new AdvanceProject(db, _db.Clock).HandleAsync(new AdvanceProjectRequest
        {
            ProjectId = id, ToStage = ProjectStage.TownshipReviewed, Version = before.Version - 1, User = "乡", Role = Role.TownshipOfficer,
        }, default);
        Assert.Equal(Fupin.Common.FailureKind.Conflict, r.Failure?.Kind);
        Assert.Equal(before, await StateAsync(id));
    }
}
