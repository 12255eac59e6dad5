using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Version">The procedure's version the user saw.</param>
/// <param name="Reason">Why the household may go on although its test fails (at least <see cref="ExitWorkflow.MinOverrideReason"/> characters).</param>
public sealed record OverrideExitTestRequest(long ProcedureId, long Version, string? Reason, string User, Role Role);

/// <summary>
/// A county administrator's recorded decision to let a household whose exit test does not pass go
/// through the procedure: who, when and why are stored on the procedure and audited under the
/// household. Only while the procedure is in progress, and once.
/// </summary>
public sealed class OverrideExitTest(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ExitProcedureSaved>> HandleAsync(OverrideExitTestRequest request, CancellationToken ct)
    {
        var procedure = await db.ExitProcedures.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == request.ProcedureId, ct);
        if (procedure is null) return Result.NotFound("未找到该退出程序");
        if (!ExitWorkflow.CanOverride(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.not_allowed", "只有县级管理员可以登记退出评估例外")]);
        if (procedure.Status != ExitProcedureStatus.InProgress)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.not_in_progress", $"该退出程序{ExitWorkflow.Label(procedure.Status)}，不能登记例外")]);
        if (procedure.OverrideBy is not null)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.already_overridden", $"{procedure.OverrideBy} 已登记过例外")]);
        if (procedure.Version != request.Version) return Result.Conflict(ExitWorkflow.ConflictMessage);

        var reason = request.Reason?.Trim() ?? "";
        var inv = CultureInfo.InvariantCulture;
        if (reason.Length < ExitWorkflow.MinOverrideReason)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.reason_too_short", $"请说明例外理由，至少{ExitWorkflow.MinOverrideReason.ToString(inv)}个字")]);
        if (reason.Length > ExitWorkflow.MaxReason)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.reason_too_long", $"例外理由不能超过{ExitWorkflow.MaxReason.ToString(inv)}字")]);

        var user = ExitWorkflow.Clip(request.User, 64);
        procedure.OverrideBy = user;
        procedure.OverrideReason = reason;
        procedure.OverrideAt = clock.GetUtcNow();
        db.Audit.User = user;
        db.Audit.Reason = ExitWorkflow.Clip($"退出程序#{procedure.Id.ToString(inv)} 登记例外：{reason}", 500);
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
