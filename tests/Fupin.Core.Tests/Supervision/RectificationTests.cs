using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Testing;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Supervision;

/// <summary>
/// Items in 石门乡's village 411321304201 (a township 411321304 of county 411321); today is 2018-10-08 until a test
/// moves the clock. The county office registers, the township works, an inspector reviews.
/// </summary>
public class RectificationTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static readonly DateOnly Today = new(2018, 10, 8);
    static readonly byte[] Photo = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    async Task<long> UserAsync(string name, Role role, string region)
    {
        await using var db = _db.NewContext();
        var u = new User
        {
            UserName = name, DisplayName = name, Role = role, PasswordHash = "x", SecurityStamp = "s",
            Regions = [new UserRegion { RegionCode = region }],
        };
        db.Users.Add(u);
        await db.SaveChangesAsync();
        return u.Id;
    }

    async Task<Result<RectificationSaved>> CreateAsync(DateOnly? found = null, DateOnly? deadline = null, long? owner = null, string region = RegistryBuilder.Village,
        long? finding = null, string? household = null)
    {
        await using var db = _db.NewContext();
        return await new CreateRectification(db, _db.Clock).HandleAsync(new CreateRectificationRequest(new RectificationInput
        {
            Source = RectificationSource.PatrolFeedback, SourceDocument = "2018年巡视反馈", RegionCode = region, HouseholdNumber = household, FindingId = finding,
            Problem = "驻村工作队在岗不在位", Requirement = "严格考勤", ResponsibleUnit = "石门乡人民政府", ResponsiblePerson = "王建国", OwnerUserId = owner,
            FoundOn = found ?? new DateOnly(2018, 9, 1), Deadline = deadline ?? new DateOnly(2018, 10, 31),
        }, "admin", Role.CountyAdmin), default);
    }

    async Task<long> ItemAsync(DateOnly? found = null, DateOnly? deadline = null, long? owner = null)
    {
        var r = await CreateAsync(found, deadline, owner);
        Assert.True(r.IsOk, string.Join("；", r.Failure?.Errors.Select(e => e.Message) ?? [r.Failure?.Message ?? ""]));
        return r.Value!.Id;
    }

    async Task<Rectification> LoadAsync(long id)
    {
        await using var db = _db.NewContext();
        return await db.Rectifications.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    async Task<List<RectificationEvent>> EventsAsync(long id)
    {
        await using var db = _db.NewContext();
        return await db.RectificationEvents.AsNoTracking().Where(e => e.RectificationId == id).OrderBy(e => e.Id).ToListAsync();
    }

    async Task<Result<RectificationSaved>> ProgressAsync(long id, string user = "township", Role role = Role.TownshipOfficer, string? note = "已制定整改方案")
    {
        await using var db = _db.NewContext();
        var v = (await LoadAsync(id)).Version;
        return await new ReportRectificationProgress(db, _db.Clock).HandleAsync(new ReportRectificationProgressRequest(id, v, note, "逐户核查考勤", user, role), default);
    }

    async Task<Result<RectificationEvidenceSaved>> EvidenceAsync(long id, string user = "township")
    {
        await using var db = _db.NewContext();
        var v = (await LoadAsync(id)).Version;
        return await new AddRectificationEvidence(db, _db.Clock).HandleAsync(
            new AddRectificationEvidenceRequest(id, v, [new UploadedFile("考勤表.png", Photo)], null, user, Role.TownshipOfficer), default);
    }

    async Task<Result<RectificationSaved>> SubmitAsync(long id, string user = "township", Role role = Role.TownshipOfficer)
    {
        await using var db = _db.NewContext();
        var v = (await LoadAsync(id)).Version;
        return await new SubmitRectification(db, _db.Clock).HandleAsync(new SubmitRectificationRequest(id, v, "整改完成", null, user, role), default);
    }

    async Task<Result<RectificationSaved>> ReviewAsync(long id, ReviewDecision decision, string user = "inspector", long? userId = null, Role role = Role.Inspector, string? note = null)
    {
        await using var db = _db.NewContext();
        var v = (await LoadAsync(id)).Version;
        return await new ReviewRectification(db, _db.Clock).HandleAsync(new ReviewRectificationRequest(id, v, decision, note, user, userId, role), default);
    }

    async Task<EscalationRun> EscalateAsync()
    {
        await using var db = _db.NewContext();
        return await new EscalateRectifications(db, _db.Clock).HandleAsync(default);
    }

    static string[] Codes<T>(Result<T> r) => [.. r.Failure!.Errors.Select(e => e.Code)];

    [Theory]
    [InlineData(0, RectificationStatus.Pending, EscalationLevel.None)]
    [InlineData(1, RectificationStatus.Pending, EscalationLevel.Supervised)]
    [InlineData(7, RectificationStatus.InProgress, EscalationLevel.Supervised)]
    [InlineData(8, RectificationStatus.InProgress, EscalationLevel.Urged)]
    [InlineData(30, RectificationStatus.AwaitingReview, EscalationLevel.None)]
    [InlineData(30, RectificationStatus.Closed, EscalationLevel.None)]
    [InlineData(-5, RectificationStatus.Pending, EscalationLevel.None)]
    public void LevelOn_DaysAfterDeadline_GivesTheLevel(int daysAfter, RectificationStatus status, EscalationLevel expected)
    {
        var deadline = new DateOnly(2018, 9, 30);
        Assert.Equal(expected, Escalation.LevelOn(deadline, status, deadline.AddDays(daysAfter)));
    }

    [Theory]
    [InlineData("411321304201", "411321304")]
    [InlineData("411321304", "411321")]
    [InlineData("411321", "411321")]
    public void ParentRegion_VillageToTownship_TownshipToCounty_CountyStays(string region, string parent) =>
        Assert.Equal(parent, Escalation.ParentRegion(region));

    [Fact]
    public async Task Escalate_DeadlineToday_NothingOnD_SupervisedOnD1_StillOnD7_UrgedToTheTownshipOnD8_OnceEach()
    {
        var id = await ItemAsync(deadline: Today);
        var awaiting = await ItemAsync(deadline: Today);
        Assert.True((await ProgressAsync(awaiting)).IsOk);
        Assert.True((await EvidenceAsync(awaiting)).IsOk);
        Assert.True((await SubmitAsync(awaiting)).IsOk);

        var d0 = await EscalateAsync();
        Assert.Equal((0, 0), (d0.Supervised, d0.Urged));
        Assert.Equal(EscalationLevel.None, (await LoadAsync(id)).Escalation);

        _db.Clock.Advance(TimeSpan.FromDays(1));
        var d1 = await EscalateAsync();
        Assert.Equal((new DateOnly(2018, 10, 9), 1, 0), (d1.On, d1.Supervised, d1.Urged));
        var item = await LoadAsync(id);
        Assert.Equal((EscalationLevel.Supervised, new DateOnly(2018, 10, 9), "411321"), (item.Escalation, item.EscalatedOn, item.EscalatedTo));
        var supervised = Assert.Single(await EventsAsync(id), e => e.Kind == RectificationEventKind.Supervised);
        Assert.Equal(new DateOnly(2018, 10, 9), supervised.On);
        Assert.Contains("1 天", supervised.Note, StringComparison.Ordinal);

        _db.Clock.Advance(TimeSpan.FromDays(6));
        var d7 = await EscalateAsync();
        Assert.Equal((0, 0), (d7.Supervised, d7.Urged));
        Assert.Equal(EscalationLevel.Supervised, (await LoadAsync(id)).Escalation);

        _db.Clock.Advance(TimeSpan.FromDays(1));
        var d8 = await EscalateAsync();
        Assert.Equal((new DateOnly(2018, 10, 16), 0, 1), (d8.On, d8.Supervised, d8.Urged));
        item = await LoadAsync(id);
        Assert.Equal((EscalationLevel.Urged, new DateOnly(2018, 10, 16), RegistryBuilder.Township), (item.Escalation, item.EscalatedOn, item.EscalatedTo));
        var urged = Assert.Single(await EventsAsync(id), e => e.Kind == RectificationEventKind.Urged);
        Assert.Contains("8 天", urged.Note, StringComparison.Ordinal);
        Assert.Contains("催办至石门乡", urged.Note, StringComparison.Ordinal);

        var events = (await EventsAsync(id)).Count;
        var again = await EscalateAsync();
        Assert.Equal((0, 0), (again.Supervised, again.Urged));
        Assert.Equal(events, (await EventsAsync(id)).Count);

        var waiting = await LoadAsync(awaiting);
        Assert.Equal((RectificationStatus.AwaitingReview, EscalationLevel.None, (DateOnly?)null), (waiting.Status, waiting.Escalation, waiting.EscalatedOn));
        Assert.DoesNotContain(await EventsAsync(awaiting), e => e.Kind is RectificationEventKind.Supervised or RectificationEventKind.Urged);
    }

    [Fact]
    public async Task Escalate_FirstRunLongAfterTheDeadline_RecordsBothSteps_AndALaterDeadlineKeepsThem()
    {
        var id = await ItemAsync(found: new DateOnly(2018, 8, 1), deadline: new DateOnly(2018, 9, 1));
        var run = await EscalateAsync();
        Assert.Equal((0, 1), (run.Supervised, run.Urged));
        Assert.Equal([RectificationEventKind.Created, RectificationEventKind.Supervised, RectificationEventKind.Urged], (await EventsAsync(id)).Select(e => e.Kind));

        await using (var db = _db.NewContext())
        {
            var v = (await LoadAsync(id)).Version;
            var moved = await new UpdateRectification(db, _db.Clock).HandleAsync(new UpdateRectificationRequest
            {
                Id = id, Version = v, Deadline = new DateOnly(2018, 11, 30), DeadlineReason = "涉及跨部门协调", User = "admin", Role = Role.CountyAdmin,
            }, default);
            Assert.True(moved.IsOk);
        }
        var item = await LoadAsync(id);
        Assert.Equal((new DateOnly(2018, 11, 30), EscalationLevel.Urged), (item.Deadline, item.Escalation));
        var changed = (await EventsAsync(id)).Last();
        Assert.Equal(RectificationEventKind.DeadlineChanged, changed.Kind);
        Assert.Equal("整改时限由 2018-09-01 调整为 2018-11-30：涉及跨部门协调", changed.Note);
        await using var read = _db.NewContext();
        var details = (await new GetRectification(read, _db.Clock).HandleAsync(id, default)).Value!;
        Assert.Equal((EscalationLevel.Urged, false), (details.Level, details.Overdue));
    }

    [Fact]
    public async Task Update_NewDeadlineWithoutReason_Refused()
    {
        var id = await ItemAsync();
        await using var db = _db.NewContext();
        var r = await new UpdateRectification(db, _db.Clock).HandleAsync(new UpdateRectificationRequest
        {
            Id = id, Version = 0, Deadline = new DateOnly(2018, 12, 31), User = "admin", Role = Role.CountyAdmin,
        }, default);
        Assert.Equal(["rectification.deadline_reason_required"], Codes(r));
        Assert.Single(await EventsAsync(id));
    }

    [Fact]
    public async Task Flow_ProgressEvidenceSubmitClose_WritesEachStepAndBumpsTheVersion()
    {
        var id = await ItemAsync();
        Assert.Equal(RectificationStatus.InProgress, (await ProgressAsync(id)).Value!.Status);
        Assert.True((await ProgressAsync(id, note: "已完成一半")).IsOk);
        Assert.True((await EvidenceAsync(id)).IsOk);
        Assert.Equal(RectificationStatus.AwaitingReview, (await SubmitAsync(id)).Value!.Status);
        var closed = await ReviewAsync(id, ReviewDecision.Close);
        Assert.True(closed.IsOk, closed.Failure?.Message);

        var item = await LoadAsync(id);
        Assert.Equal((RectificationStatus.Closed, "inspector", Today, "township", Today, 5L, "逐户核查考勤"),
            (item.Status, item.ClosedBy, item.ClosedOn, item.SubmittedBy, item.SubmittedOn, item.Version, item.Measures));
        Assert.Equal([RectificationEventKind.Created, RectificationEventKind.Started, RectificationEventKind.Progress, RectificationEventKind.Progress,
            RectificationEventKind.Submitted, RectificationEventKind.Closed], (await EventsAsync(id)).Select(e => e.Kind));
        Assert.Equal("巡视反馈：2018年巡视反馈", (await EventsAsync(id))[0].Note);
        Assert.Matches(@"^ZG2018-\d{4}$", item.Number);
    }

    [Fact]
    public async Task Review_ByTheOwnerAccountOrTheSubmitter_RefusedAsOwnItem_AnotherReviewerCloses()
    {
        var owner = await UserAsync("shimen-admin", Role.CountyAdmin, RegistryBuilder.County);
        var id = await ItemAsync(owner: owner);
        Assert.True((await ProgressAsync(id, "county-clerk", Role.CountyAdmin)).IsOk);
        Assert.True((await EvidenceAsync(id, "county-clerk")).IsOk);
        Assert.True((await SubmitAsync(id, "county-clerk", Role.CountyAdmin)).IsOk);

        var byOwner = await ReviewAsync(id, ReviewDecision.Close, "shimen-admin", owner, Role.CountyAdmin);
        Assert.Equal([RectificationRules.OwnItemCode], Codes(byOwner));
        var bySubmitter = await ReviewAsync(id, ReviewDecision.Close, "county-clerk", null, Role.CountyAdmin);
        Assert.Equal([RectificationRules.OwnItemCode], Codes(bySubmitter));
        var item = await LoadAsync(id);
        Assert.Equal((RectificationStatus.AwaitingReview, (string?)null), (item.Status, item.ClosedBy));

        Assert.True((await ReviewAsync(id, ReviewDecision.Close, "inspector")).IsOk);
        Assert.Equal(RectificationStatus.Closed, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Submit_WithoutEvidence_Refused_AndClose_WithoutEvidence_Refused()
    {
        var id = await ItemAsync();
        Assert.True((await ProgressAsync(id)).IsOk);
        var submit = await SubmitAsync(id);
        Assert.Equal([RectificationRules.EvidenceRequiredCode], Codes(submit));
        Assert.Equal(RectificationStatus.InProgress, (await LoadAsync(id)).Status);

        // Waiting for review without evidence cannot happen through the flow; closing still checks.
        await using (var db = _db.NewContext())
            await db.Rectifications.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RectificationStatus.AwaitingReview));
        var close = await ReviewAsync(id, ReviewDecision.Close);
        Assert.Equal([RectificationRules.EvidenceRequiredCode], Codes(close));
        Assert.Equal(RectificationStatus.AwaitingReview, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task WrongTransitions_Refused_LeavingNothing()
    {
        var id = await ItemAsync();
        var before = await LoadAsync(id);
        Assert.Equal([RectificationRules.WrongStatusCode], Codes(await SubmitAsync(id)));
        Assert.Equal([RectificationRules.WrongStatusCode], Codes(await ReviewAsync(id, ReviewDecision.Close)));
        Assert.Equal([RectificationRules.WrongStatusCode], Codes(await ReviewAsync(id, ReviewDecision.Return, note: "材料不全")));
        Assert.Equal([RectificationRules.NoteRequiredCode], Codes(await ProgressAsync(id, note: "  ")));
        Assert.Equal([SupervisionRoles.NotAllowedCode], Codes(await ProgressAsync(id, "leader", Role.CountyLeader)));
        Assert.Equal([SupervisionRoles.NotAllowedCode], Codes(await ReviewAsync(id, ReviewDecision.Close, "township", null, Role.TownshipOfficer)));
        var after = await LoadAsync(id);
        Assert.Equal((before.Status, before.Version), (after.Status, after.Version));
        Assert.Single(await EventsAsync(id));
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.RectificationEvidence.CountAsync());

        Assert.True((await ProgressAsync(id)).IsOk);
        Assert.True((await EvidenceAsync(id)).IsOk);
        Assert.True((await SubmitAsync(id)).IsOk);
        Assert.Equal([RectificationRules.ReasonRequiredCode], Codes(await ReviewAsync(id, ReviewDecision.Return)));
        Assert.Equal([RectificationRules.WrongStatusCode], Codes(await ProgressAsync(id)));
        var returned = await ReviewAsync(id, ReviewDecision.Return, note: "照片不清楚，请补充");
        Assert.Equal(RectificationStatus.InProgress, returned.Value!.Status);
        Assert.Equal(("照片不清楚，请补充", (string?)null), ((await EventsAsync(id)).Last().Note, (await LoadAsync(id)).SubmittedBy));
    }

    [Fact]
    public async Task StaleVersion_IsAConflict_AndChangesNothing()
    {
        var id = await ItemAsync();
        await using var db = _db.NewContext();
        var r = await new ReportRectificationProgress(db, _db.Clock).HandleAsync(new ReportRectificationProgressRequest(id, 7, "进展", null, "township", Role.TownshipOfficer), default);
        Assert.Equal(FailureKind.Conflict, r.Failure!.Kind);
        Assert.Equal(RectificationRules.ConflictMessage, r.Failure.Message);
        Assert.Equal(RectificationStatus.Pending, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Create_FromAFinding_CopiesRegionAndHousehold_AndASecondOpenItemIsRefused()
    {
        const string other = "411321304202";
        await RegistryBuilder.EnsureVillageAsync(_db, other, "竹园村");
        var household = await RegistryBuilder.AddHouseholdAsync(_db, h => h.VillageCode = other);
        long finding;
        await using (var db = _db.NewContext())
        {
            var f = new Finding
            {
                Rule = "list.deceased", SubjectId = household, HouseholdId = household, CountyCode = RegistryBuilder.County, VillageCode = other, AssignedTo = other,
                Evidence = "注销原因：死亡", FirstRunId = 1, LastSeenRunId = 1, CreatedAt = _db.Clock.GetUtcNow(), UpdatedAt = _db.Clock.GetUtcNow(),
            };
            db.Findings.Add(f);
            await db.SaveChangesAsync();
            finding = f.Id;
        }
        // The region given is ignored: the finding's village counts.
        var created = await CreateAsync(finding: finding, region: RegistryBuilder.Township);
        Assert.True(created.IsOk, created.Failure?.Message);
        var item = await LoadAsync(created.Value!.Id);
        Assert.Equal((other, (long?)household, RectificationSource.Verification, (long?)finding), (item.RegionCode, item.HouseholdId, item.Source, item.FindingId));

        var again = await CreateAsync(finding: finding);
        Assert.Equal(FailureKind.Conflict, again.Failure!.Kind);
        Assert.Equal([RectificationRules.FindingTakenCode], Codes(again));
        await using var check = _db.NewContext();
        Assert.Equal(1, await check.Rectifications.CountAsync(r => r.FindingId == finding));
    }

    [Fact]
    public async Task Create_Refuses_HouseholdOutsideTheRegion_FutureFoundOn_DeadlineBeforeFoundOn_OwnerOutsideTheRegion_InspectionSource()
    {
        await RegistryBuilder.EnsureVillageAsync(_db, "411321305201", "别村");
        var elsewhere = await RegistryBuilder.AddHouseholdAsync(_db, h => h.VillageCode = "411321305201");
        string number;
        await using (var db = _db.NewContext()) number = await db.Households.Where(h => h.Id == elsewhere).Select(h => h.Number).SingleAsync();
        var otherOfficer = await UserAsync("other-officer", Role.TownshipOfficer, "411321305");
        Assert.Equal(["rectification.household_region"], Codes(await CreateAsync(household: number)));
        Assert.Equal(["rectification.found_on_future"], Codes(await CreateAsync(found: Today.AddDays(1), deadline: Today.AddDays(30))));
        Assert.Equal(["rectification.deadline_before_found"], Codes(await CreateAsync(found: Today, deadline: Today.AddDays(-1))));
        Assert.Equal(["rectification.owner_region"], Codes(await CreateAsync(owner: otherOfficer)));
        await using var check = _db.NewContext();
        var inspection = await new CreateRectification(check, _db.Clock).HandleAsync(new CreateRectificationRequest(new RectificationInput
        {
            Source = RectificationSource.Inspection, RegionCode = RegistryBuilder.Village, Problem = "x", ResponsibleUnit = "y", FoundOn = Today, Deadline = Today,
        }, "admin", Role.CountyAdmin), default);
        Assert.Equal(["rectification.source_invalid"], Codes(inspection));
        Assert.Equal(0, await check.Rectifications.CountAsync());
    }

    [Fact]
    public async Task Search_TownshipScope_SeesItsTownshipOnly_EscalatedFirst_WithCounts()
    {
        await RegistryBuilder.EnsureVillageAsync(_db, "411321305201", "别村");
        var late = await ItemAsync(found: new DateOnly(2018, 8, 1), deadline: new DateOnly(2018, 9, 1));
        var soon = await ItemAsync();
        var recent = await ItemAsync(found: new DateOnly(2018, 9, 1), deadline: new DateOnly(2018, 10, 5));
        var other = await CreateAsync(region: "411321305201");
        Assert.True(other.IsOk);

        var scope = AccessScope.For(99, Role.TownshipOfficer, [RegistryBuilder.Township]);
        await using var db = _db.NewContext(scope);
        var page = (await new SearchRectifications(db, _db.Clock).HandleAsync(new SearchRectificationsRequest(), default)).Value!;
        Assert.Equal([late, recent, soon], page.Rows.Select(r => r.Id));
        Assert.Equal((EscalationLevel.Urged, 37), (page.Rows[0].Level, page.Rows[0].DaysOverdue));
        Assert.Equal((EscalationLevel.Supervised, 3), (page.Rows[1].Level, page.Rows[1].DaysOverdue));
        Assert.Equal((3, 2, 1, 1), (page.Counts.Total, page.Counts.Overdue, page.Counts.Supervised, page.Counts.Urged));
        var escalated = (await new SearchRectifications(db, _db.Clock).HandleAsync(new SearchRectificationsRequest { EscalatedOnly = true, Text = "在岗" }, default)).Value!;
        Assert.Equal(2, escalated.Total);
        Assert.True((await new GetRectification(db, _db.Clock).HandleAsync(other.Value!.Id, default)).Failure?.Kind == FailureKind.NotFound);
    }
}
