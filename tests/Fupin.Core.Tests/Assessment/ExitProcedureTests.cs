using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>
/// The household exit procedure on 石门村 (411321304201), business date 2018-10-08, exit line 2018
/// 3535 yuan. A passing household: one adult member with basic medical insurance, housing grade A, safe
/// water, 2018 income 4000.00 yuan (≥ 3535 and ≥ 1.1 × 3535 = 3888.50, stable) and a 2018-09-01 visit
/// with food and clothing secure. Henan (41) has an exit-standard row with the default 7-day notice.
/// </summary>
public class ExitProcedureTests : IAsyncLifetime
{
    const string OtherVillage = "411321304202";
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
        await RegistryBuilder.EnsureVillageAsync(_db, OtherVillage, "竹园村");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static readonly DateOnly D = new(2018, 9, 10);

    async Task<long> HouseholdAsync(long incomeFen = 400_000, bool visit = true, PovertyStatus status = PovertyStatus.NotExited, string village = RegistryBuilder.Village)
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.VillageCode = village;
            h.Status = status;
            h.PlannedExitYear = 2018;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 1, Wage = incomeFen });
        });
        if (visit)
        {
            await using var ctx = _db.NewContext();
            ctx.Visits.Add(new HouseholdVisit
            {
                HouseholdId = id, CountyCode = RegistryBuilder.County, VillageCode = village, VisitedOn = new DateOnly(2018, 9, 1),
                Visitor = "王帮扶", FoodSecure = true, ClothingSecure = true, RecordedBy = "test",
            });
            await ctx.SaveChangesAsync();
        }
        return id;
    }

    async Task<Result<ExitProcedureSaved>> StartAsync(long householdId, Role role = Role.CountyAdmin, int? year = null, AccessScope? scope = null)
    {
        await using var ctx = _db.NewContext(scope);
        return await new StartExitProcedure(ctx, _db.Clock).HandleAsync(new StartExitProcedureRequest(householdId, year, "张乡长", role), default);
    }

    async Task<Result<ExitProcedureSaved>> StepAsync(long id, ExitStep step, DateOnly date, string? note = "评议通过", Role role = Role.CountyAdmin, long? version = null, AccessScope? scope = null)
    {
        await using var ctx = _db.NewContext(scope);
        var v = version ?? await ctx.ExitProcedures.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
        return await new RecordExitStep(ctx, _db.Clock).HandleAsync(new RecordExitStepRequest(id, v, step, date, note, "李书记", role), default);
    }

    async Task<Result<ExitProcedureSaved>> OverrideAsync(long id, string reason, Role role)
    {
        await using var ctx = _db.NewContext();
        var v = await ctx.ExitProcedures.Where(p => p.Id == id).Select(p => p.Version).SingleAsync();
        return await new OverrideExitTest(ctx, _db.Clock).HandleAsync(new OverrideExitTestRequest(id, v, reason, "县扶贫办", role), default);
    }

    async Task<ExitProcedure> ProcedureAsync(long id)
    {
        await using var ctx = _db.NewContext();
        return await ctx.ExitProcedures.AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == id);
    }

    async Task<Household> HouseholdRowAsync(long id)
    {
        await using var ctx = _db.NewContext();
        return await ctx.Households.AsNoTracking().SingleAsync(h => h.Id == id);
    }

    static string Code(Result<ExitProcedureSaved> r) => Assert.Single(r.Failure!.Errors).Code;

    /// <summary>Steps 1..n with the dates 09-10, 09-12, 09-14, 09-20 (公示), 09-27 (= 09-20 + 7), 09-28.</summary>
    async Task StepsAsync(long id, int n)
    {
        DateOnly[] dates = [D, D.AddDays(2), D.AddDays(4), D.AddDays(10), D.AddDays(17), D.AddDays(18)];
        for (var i = 0; i < n; i++)
        {
            var r = await StepAsync(id, ExitWorkflow.Steps[i], dates[i]);
            Assert.True(r.IsOk, r.Failure is { Errors: [var e, ..] } ? e.Message : null);
        }
    }

    [Fact]
    public async Task Start_PoorHousehold_TakesBusinessYearNoticeDaysAndStoresTest()
    {
        var h = await HouseholdAsync();
        var r = await StartAsync(h);

        Assert.True(r.IsOk);
        var p = await ProcedureAsync(r.Value!.Id);
        Assert.Equal(2018, p.Year);
        Assert.Equal(7, p.NoticeDays);
        Assert.True(p.TestPassed);
        Assert.Equal("达到退出标准", p.TestSummary);
        Assert.Equal(ExitProcedureStatus.InProgress, p.Status);
        Assert.Equal(ExitStep.Deliberation, r.Value.NextStep);
    }

    [Fact]
    public async Task Start_ProvinceWithLongerNotice_UsesItsNoticeDays()
    {
        await using (var ctx = _db.NewContext())
        {
            (await ctx.ExitStandards.SingleAsync(s => s.ProvinceCode == "41")).NoticeDays = 10;
            await ctx.SaveChangesAsync();
        }
        try
        {
            var r = await StartAsync(await HouseholdAsync());
            Assert.Equal(10, (await ProcedureAsync(r.Value!.Id)).NoticeDays);
        }
        finally
        {
            await using var ctx = _db.NewContext();
            (await ctx.ExitStandards.SingleAsync(s => s.ProvinceCode == "41")).NoticeDays = 7;
            await ctx.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Start_ExitedHousehold_Refused()
    {
        var r = await StartAsync(await HouseholdAsync(status: PovertyStatus.ExitedWithPolicy));
        Assert.Equal("exit.not_poor", Code(r));
    }

    [Fact]
    public async Task Start_SecondWhileInProgress_Refused_AfterCancelAllowed()
    {
        var h = await HouseholdAsync();
        var first = await StartAsync(h);
        var second = await StartAsync(h);
        Assert.Equal("exit.already_in_progress", Code(second));

        await using (var ctx = _db.NewContext())
        {
            var cancel = await new CancelExitProcedure(ctx).HandleAsync(new CancelExitProcedureRequest(first.Value!.Id, first.Value.Version, "户主外出务工，暂缓", "张乡长", Role.TownshipOfficer), default);
            Assert.True(cancel.IsOk);
        }
        Assert.True((await StartAsync(h)).IsOk);
    }

    [Fact]
    public async Task Start_FutureYear_Refused()
    {
        var r = await StartAsync(await HouseholdAsync(), year: 2019);
        Assert.Equal("exit.year_invalid", Code(r));
    }

    [Fact]
    public async Task Steps_OutOfOrder_RefusedAndNothingWritten()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        var before = await ProcedureAsync(id);

        var r = await StepAsync(id, ExitStep.Verification, D);

        Assert.Equal("exit.step_order", Code(r));
        Assert.Contains("下一步是“民主评议”", r.Failure!.Errors[0].Message);
        var after = await ProcedureAsync(id);
        Assert.Empty(after.Steps);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Step_RecordedTwice_Refused()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        await StepsAsync(id, 2);
        Assert.Equal("exit.step_done", Code(await StepAsync(id, ExitStep.Deliberation, D)));
    }

    [Fact]
    public async Task Deliberation_WithoutResult_Refused()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        Assert.Equal("exit.note_required", Code(await StepAsync(id, ExitStep.Deliberation, D, note: "  ")));
    }

    [Fact]
    public async Task Step_DatedAfterToday_OrBeforePreviousStep_Refused()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        Assert.Equal("exit.date_future", Code(await StepAsync(id, ExitStep.Deliberation, new DateOnly(2018, 10, 9))));
        Assert.True((await StepAsync(id, ExitStep.Deliberation, new DateOnly(2018, 10, 8))).IsOk);

        var r = await StepAsync(id, ExitStep.Verification, new DateOnly(2018, 10, 7));
        Assert.Equal("exit.date_before_previous", Code(r));
        Assert.Contains("2018-10-08", r.Failure!.Errors[0].Message);
        Assert.True((await StepAsync(id, ExitStep.Verification, new DateOnly(2018, 10, 8))).IsOk);
    }

    [Fact]
    public async Task Announcement_OneDayBeforeNoticeEnds_Refused_OnTheDay_Accepted()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        await StepsAsync(id, 4); // 公示 from 2018-09-20, 7 days: earliest 公告 2018-09-27

        var early = await StepAsync(id, ExitStep.Announcement, new DateOnly(2018, 9, 26));
        Assert.Equal("exit.notice_not_over", Code(early));
        Assert.Contains("最早可于 2018-09-27", early.Failure!.Errors[0].Message);

        var onTime = await StepAsync(id, ExitStep.Announcement, new DateOnly(2018, 9, 27));
        Assert.True(onTime.IsOk);
        Assert.Equal(ExitStep.Deregistration, onTime.Value!.NextStep);
    }

    [Fact]
    public async Task FailingTest_BlocksVerification_OverrideByTownshipRefused_ByCountyAdminLetsStepsProceed()
    {
        var h = await HouseholdAsync();
        var id = (await StartAsync(h)).Value!.Id;
        await StepsAsync(id, 1);
        await using (var ctx = _db.NewContext())
        {
            var row = await ctx.Households.SingleAsync(x => x.Id == h);
            row.SafeDrinkingWater = false;
            await ctx.Visits.Where(v => v.HouseholdId == h).ExecuteDeleteAsync();
            await ctx.SaveChangesAsync();
        }

        var blocked = await StepAsync(id, ExitStep.Verification, D.AddDays(2));
        Assert.Equal("exit.test_failed", Code(blocked));
        Assert.Contains("饮水安全不达标", blocked.Failure!.Errors[0].Message);
        Assert.Contains("不愁吃穿未核实", blocked.Failure.Errors[0].Message);
        Assert.Single((await ProcedureAsync(id)).Steps);

        Assert.Equal("exit.not_allowed", Code(await OverrideAsync(id, "县扶贫办研究同意按例外处理", Role.TownshipOfficer)));
        Assert.Equal("exit.reason_too_short", Code(await OverrideAsync(id, "同意", Role.CountyAdmin)));
        Assert.Null((await ProcedureAsync(id)).OverrideBy);

        const string reason = "饮水工程已竣工待验收，县扶贫办研究同意";
        Assert.True((await OverrideAsync(id, reason, Role.CountyAdmin)).IsOk);
        var overridden = await ProcedureAsync(id);
        Assert.Equal("县扶贫办", overridden.OverrideBy);
        Assert.Equal(reason, overridden.OverrideReason);
        Assert.Equal(_db.Clock.GetUtcNow(), overridden.OverrideAt);

        var verified = await StepAsync(id, ExitStep.Verification, D.AddDays(2));
        Assert.True(verified.IsOk);
        var p = await ProcedureAsync(id);
        Assert.Equal(2, p.Steps.Count);
        Assert.False(p.TestPassed);
        Assert.StartsWith("未达到退出标准：饮水安全不达标", p.TestSummary);

        await using var audit = _db.NewContext();
        Assert.True(await audit.Changes.AnyAsync(c => c.HouseholdId == h && c.Entity == nameof(ExitProcedure) && c.Field == nameof(ExitProcedure.OverrideReason) && c.NewValue == reason));
    }

    [Fact]
    public async Task FailingTestAtStart_StoredAndFirstStepRefused()
    {
        var h = await HouseholdAsync(incomeFen: 300_000);
        var started = await StartAsync(h);
        Assert.True(started.IsOk);
        Assert.False(started.Value!.TestPassed);
        Assert.Equal("未达到退出标准：收入不达标", started.Value.TestSummary);
        Assert.Equal("exit.test_failed", Code(await StepAsync(started.Value.Id, ExitStep.Deliberation, D)));
    }

    [Fact]
    public async Task Deregistration_CompletesProcedure_ChangesStatus_AndAudits()
    {
        var h = await HouseholdAsync();
        var id = (await StartAsync(h)).Value!.Id;
        await StepsAsync(id, 6);

        var p = await ProcedureAsync(id);
        Assert.Equal(ExitProcedureStatus.Completed, p.Status);
        Assert.Equal(new DateOnly(2018, 9, 28), p.CompletedOn);
        Assert.Equal(6, p.Steps.Count);
        var household = await HouseholdRowAsync(h);
        Assert.Equal(PovertyStatus.ExitedWithPolicy, household.Status);
        Assert.Equal(2018, household.ExitYear);

        await using var ctx = _db.NewContext();
        var status = await ctx.Changes.SingleAsync(c => c.HouseholdId == h && c.Entity == nameof(Household) && c.Field == nameof(Household.Status));
        Assert.Equal("未脱贫", status.OldValue);
        Assert.Equal("已脱贫(享受政策)", status.NewValue);
        Assert.Equal($"退出程序#{id} 销号", status.Reason);
        Assert.Equal("李书记", status.User);
        Assert.Equal("2018", (await ctx.Changes.SingleAsync(c => c.HouseholdId == h && c.Entity == nameof(Household) && c.Field == nameof(Household.ExitYear))).NewValue);
        Assert.Equal(6, await ctx.Changes.CountAsync(c => c.HouseholdId == h && c.Entity == nameof(ExitProcedureStep) && c.Action == "新增"));

        Assert.Equal("exit.not_in_progress", Code(await StepAsync(id, ExitStep.Deregistration, D.AddDays(18))));
    }

    [Fact]
    public async Task Cancel_LeavesHouseholdStatus_AndNeedsReasonAndRole()
    {
        var h = await HouseholdAsync(status: PovertyStatus.Relapsed);
        var started = (await StartAsync(h)).Value!;
        await StepsAsync(started.Id, 3);
        var version = (await ProcedureAsync(started.Id)).Version;

        await using var ctx = _db.NewContext();
        var cancel = new CancelExitProcedure(ctx);
        Assert.Equal("exit.not_allowed", Code(await cancel.HandleAsync(new CancelExitProcedureRequest(started.Id, version, "户认可后反悔", "村干部", Role.VillageCadre), default)));
        Assert.Equal("exit.reason_required", Code(await cancel.HandleAsync(new CancelExitProcedureRequest(started.Id, version, " ", "乡干部", Role.TownshipOfficer), default)));
        var ok = await cancel.HandleAsync(new CancelExitProcedureRequest(started.Id, version, "户认可后发现大病支出，暂缓退出", "乡干部", Role.TownshipOfficer), default);

        Assert.True(ok.IsOk);
        var p = await ProcedureAsync(started.Id);
        Assert.Equal(ExitProcedureStatus.Cancelled, p.Status);
        Assert.Equal("户认可后发现大病支出，暂缓退出", p.CancelReason);
        var household = await HouseholdRowAsync(h);
        Assert.Equal(PovertyStatus.Relapsed, household.Status);
        Assert.Null(household.ExitYear);
        Assert.Equal("exit.not_in_progress", Code(await StepAsync(started.Id, ExitStep.PublicNotice, D.AddDays(10))));
    }

    [Fact]
    public async Task VillageCadre_RecordsFirstFourSteps_NotAnnouncementOrDeregistration()
    {
        var id = (await StartAsync(await HouseholdAsync(), Role.VillageCadre)).Value!.Id;
        DateOnly[] dates = [D, D.AddDays(2), D.AddDays(4), D.AddDays(10)];
        for (var i = 0; i < 4; i++) Assert.True((await StepAsync(id, ExitWorkflow.Steps[i], dates[i], role: Role.VillageCadre)).IsOk);

        Assert.Equal("exit.not_allowed", Code(await StepAsync(id, ExitStep.Announcement, D.AddDays(17), role: Role.VillageCadre)));
        Assert.Equal("exit.not_allowed", Code(await StepAsync(id, ExitStep.Announcement, D.AddDays(17), role: Role.CountyLeader)));
        Assert.True((await StepAsync(id, ExitStep.Announcement, D.AddDays(17), role: Role.TownshipOfficer)).IsOk);
    }

    [Fact]
    public async Task StaleVersion_IsConflict_NothingWritten()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        var seen = (await ProcedureAsync(id)).Version;
        await StepsAsync(id, 1);

        var r = await StepAsync(id, ExitStep.Verification, D.AddDays(2), version: seen);

        Assert.Equal(FailureKind.Conflict, r.Failure!.Kind);
        Assert.Single((await ProcedureAsync(id)).Steps);
    }

    [Fact]
    public async Task Scope_VillageCadreOfAnotherVillage_SeesNothing()
    {
        var id = (await StartAsync(await HouseholdAsync())).Value!.Id;
        var neighbour = AccessScope.For(99, Role.VillageCadre, [OtherVillage]);
        var mine = AccessScope.For(98, Role.VillageCadre, [RegistryBuilder.Village]);

        await using (var ctx = _db.NewContext(neighbour))
        {
            Assert.Equal(FailureKind.NotFound, (await new GetExitProcedure(ctx, _db.Clock).HandleAsync(new GetExitProcedureRequest(id), default)).Failure!.Kind);
            var page = await new SearchExitProcedures(ctx).HandleAsync(new SearchExitProceduresRequest { Region = RegistryBuilder.Township }, default);
            Assert.DoesNotContain(page.Value!.Rows, r => r.Id == id);
        }
        Assert.Equal(FailureKind.NotFound, (await StepAsync(id, ExitStep.Deliberation, D, role: Role.VillageCadre, version: 0, scope: neighbour)).Failure!.Kind);

        await using (var ctx = _db.NewContext(mine))
        {
            var got = await new GetExitProcedure(ctx, _db.Clock).HandleAsync(new GetExitProcedureRequest(id), default);
            Assert.True(got.IsOk);
            Assert.Equal("石门村", got.Value!.Household.VillageName);
            Assert.Equal(ExitStep.Deliberation, got.Value.NextStep);
            Assert.True(got.Value.Test!.Test.MeetsExitStandard);
        }
    }
}
