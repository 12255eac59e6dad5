using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Version">The procedure's version the user saw.</param>
/// <param name="Note">What was decided; required for 民主评议 (the deliberation's result).</param>
public sealed record RecordExitStepRequest(long ProcedureId, long Version, ExitStep Step, DateOnly Date, string? Note, string User, Role Role);

/// <summary>
/// Records the next step of an exit procedure. Steps come in the fixed order, each once, dated no
/// later than today and no earlier than the step before; 公告退出 not before the 公示 has run its
/// days. The household test is run again and stored; while it does not pass, no step is recorded
/// unless a county administrator has recorded an override. 销号 completes the procedure and makes
/// the household 已脱贫(享受政策) with the procedure's year as exit year, in the same transaction.
/// A procedure changed since <see cref="RecordExitStepRequest.Version"/> is a conflict; bad input
/// changes nothing.
/// </summary>
public sealed class RecordExitStep(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ExitProcedureSaved>> HandleAsync(RecordExitStepRequest request, CancellationToken ct)
    {
        var procedure = await db.ExitProcedures.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == request.ProcedureId, ct);
        if (procedure is null) return Result.NotFound("未找到该退出程序");
        var inv = CultureInfo.InvariantCulture;
        const string step = nameof(request.Step);
        if (!Enum.IsDefined(request.Step))
            return Result.Invalid([new FieldError(step, "exit.step_invalid", "退出程序步骤无效")]);
        var label = ExitWorkflow.Label(request.Step);
        if (!ExitWorkflow.CanRecord(request.Step, request.Role))
        {
            return Result.Invalid([new FieldError(step, "exit.not_allowed", request.Step is ExitStep.Announcement or ExitStep.Deregistration
                ? $"“{label}”只能由乡镇干部或县级管理员登记"
                : $"您的角色不能登记“{label}”")]);
        }
        if (procedure.Status != ExitProcedureStatus.InProgress)
            return Result.Invalid([new FieldError(step, "exit.not_in_progress", $"该退出程序{ExitWorkflow.Label(procedure.Status)}，不能再登记步骤")]);
        if (procedure.Version != request.Version) return Result.Conflict(ExitWorkflow.ConflictMessage);

        var done = procedure.Steps.OrderBy(s => s.Step).ToList();
        var next = ExitWorkflow.Next(done.Count);
        if (done.Any(s => s.Step == request.Step))
            return Result.Invalid([new FieldError(step, "exit.step_done", $"“{label}”已登记过，每个步骤只能登记一次")]);
        if (next != request.Step)
            return Result.Invalid([new FieldError(step, "exit.step_order", $"须按顺序办理：下一步是“{ExitWorkflow.Label(next!.Value)}”，不能先登记“{label}”")]);

        var errors = new List<FieldError>();
        const string date = nameof(request.Date);
        var today = clock.Today();
        var previous = done.LastOrDefault();
        if (request.Date > today)
            errors.Add(new FieldError(date, "exit.date_future", $"“{label}”日期 {ExitWorkflow.Date(request.Date)} 晚于今天（{ExitWorkflow.Date(today)}）"));
        else if (previous is not null && request.Date < previous.Date)
            errors.Add(new FieldError(date, "exit.date_before_previous",
                $"“{label}”日期不能早于上一步“{ExitWorkflow.Label(previous.Step)}”的日期 {ExitWorkflow.Date(previous.Date)}"));
        else if (request.Date.Year < procedure.Year)
            errors.Add(new FieldError(date, "exit.date_before_year", $"“{label}”日期不能早于退出年度 {procedure.Year.ToString(inv)} 年"));
        else if (request.Step == ExitStep.Announcement)
        {
            var notice = done.Single(s => s.Step == ExitStep.PublicNotice);
            var earliest = ExitWorkflow.EarliestAnnouncement(notice.Date, procedure.NoticeDays);
            if (request.Date < earliest)
                errors.Add(new FieldError(date, "exit.notice_not_over",
                    $"公示自 {ExitWorkflow.Date(notice.Date)} 起须满 {procedure.NoticeDays.ToString(inv)} 天，“公告退出”最早可于 {ExitWorkflow.Date(earliest)} 登记"));
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > ExitWorkflow.MaxNote })
            errors.Add(new FieldError(nameof(request.Note), "exit.note_too_long", $"说明不能超过{ExitWorkflow.MaxNote.ToString(inv)}字"));
        else if (note is null && request.Step == ExitStep.Deliberation)
            errors.Add(new FieldError(nameof(request.Note), "exit.note_required", "请填写民主评议结果"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var tested = await new TestHousehold(db, clock).HandleAsync(new TestHouseholdRequest(procedure.HouseholdId, procedure.Year), ct);
        if (!tested.IsOk) return Result.Invalid([new FieldError(step, "exit.no_poverty_line", tested.Failure.Message)]);
        var test = tested.Value.Test;
        if (!test.MeetsExitStandard && procedure.OverrideBy is null)
            return Result.Invalid([new FieldError(step, "exit.test_failed", ExitWorkflow.TestFailedMessage(procedure.Year, test))]);

        var now = clock.GetUtcNow();
        var user = ExitWorkflow.Clip(request.User, 64);
        procedure.TestPassed = test.MeetsExitStandard;
        procedure.TestSummary = ExitWorkflow.Clip(test.Summary, 500);
        procedure.Steps.Add(new ExitProcedureStep
        {
            HouseholdId = procedure.HouseholdId,
            Step = request.Step,
            Date = request.Date,
            RecordedBy = user,
            RecordedAt = now,
            Note = note,
        });
        db.Audit.User = user;
        db.Audit.Reason = $"退出程序#{procedure.Id.ToString(inv)} {label}";
        if (request.Step == ExitStep.Deregistration)
        {
            var household = await db.Households.SingleAsync(h => h.Id == procedure.HouseholdId, ct);
            household.Status = PovertyStatus.ExitedWithPolicy;
            household.ExitYear = procedure.Year;
            procedure.Status = ExitProcedureStatus.Completed;
            procedure.CompletedOn = request.Date;
        }

        // The procedure's version moves with every step, so two people recording at once cannot both succeed.
        db.Entry(procedure).Property(p => p.Version).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ExitWorkflow.ConflictMessage);
        }
        return StartExitProcedure.Saved(procedure);
    }
}
