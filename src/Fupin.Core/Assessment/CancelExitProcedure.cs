using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Version">The procedure's version the user saw.</param>
public sealed record CancelExitProcedureRequest(long ProcedureId, long Version, string? Reason, string User, Role Role);

/// <summary>
/// Stops an exit procedure in progress, with the reason. The household's status is not touched: it
/// changes only when 销号 is recorded. A new procedure may be started afterwards.
/// </summary>
public sealed class CancelExitProcedure(AppDbContext db)
{
    public async Task<Result<ExitProcedureSaved>> HandleAsync(CancelExitProcedureRequest request, CancellationToken ct)
    {
        var procedure = await db.ExitProcedures.Include(p => p.Steps).SingleOrDefaultAsync(p => p.Id == request.ProcedureId, ct);
        if (procedure is null) return Result.NotFound("未找到该退出程序");
        if (!ExitWorkflow.CanCancel(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.not_allowed", "只有乡镇干部或县级管理员可以终止退出程序")]);
        if (procedure.Status != ExitProcedureStatus.InProgress)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.not_in_progress", $"该退出程序{ExitWorkflow.Label(procedure.Status)}，不能终止")]);
        if (procedure.Version != request.Version) return Result.Conflict(ExitWorkflow.ConflictMessage);

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.reason_required", "请填写终止原因")]);
        if (reason.Length > ExitWorkflow.MaxReason)
            return Result.Invalid([new FieldError(nameof(request.Reason), "exit.reason_too_long", $"终止原因不能超过{ExitWorkflow.MaxReason.ToString(CultureInfo.InvariantCulture)}字")]);

        procedure.Status = ExitProcedureStatus.Cancelled;
        procedure.CancelReason = reason;
        db.Audit.User = ExitWorkflow.Clip(request.User, 64);
        db.Audit.Reason = ExitWorkflow.Clip($"退出程序#{procedure.Id.ToString(CultureInfo.InvariantCulture)} 终止：{reason}", 500);
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
