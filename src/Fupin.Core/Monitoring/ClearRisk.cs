using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <param name="ClearedOn">The day the risk was judged cleared; null for the business date.</param>
public sealed record ClearRiskRequest(long Id, long Version, string? Note, DateOnly? ClearedOn, string User, Role Role);

/// <summary>
/// 风险消除: a 监测中 object is closed as 风险已消除 on a date (not before it was included, not after
/// today) with a note saying how (收入稳定超过标准, 刚性支出问题已解决 …); without a note nothing changes.
/// </summary>
public sealed class ClearRisk(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<MonitoringObjectSaved>> HandleAsync(ClearRiskRequest request, CancellationToken ct)
    {
        var o = await db.MonitoringObjects.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (o is null) return Result.NotFound("未找到该监测对象");
        if (!MonitoringRoles.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Note), MonitoringRoles.NotAllowedCode, MonitoringRoles.NotAllowedMessage)]);
        if (o.Version != request.Version) return Result.Conflict(DecideMonitoringObject.ConflictMessage);
        var errors = new List<FieldError>();
        if (o.Status != MonitoringStatus.Monitored)
            errors.Add(new FieldError(nameof(request.Note), "monitoring.not_monitored", $"该监测对象是“{MonitoringLabels.Label(o.Status)}”，只有监测中的对象可以标注风险消除"));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is null)
            errors.Add(new FieldError(nameof(request.Note), "monitoring.note_required", "标注风险消除须填写消除情况（如收入已稳定超过标准、刚性支出问题已解决）"));
        else if (note.Length > AddMonitoringObject.MaxReason)
            errors.Add(new FieldError(nameof(request.Note), "monitoring.note_too_long", $"说明不能超过{AddMonitoringObject.MaxReason}字"));
        var today = clock.Today();
        var on = request.ClearedOn ?? today;
        if (on > today)
            errors.Add(new FieldError(nameof(request.ClearedOn), "monitoring.date_future", "风险消除日期不能晚于今天"));
        else if (o.IncludedOn is { } included && on < included)
            errors.Add(new FieldError(nameof(request.ClearedOn), "monitoring.date_before_included", $"风险消除日期不能早于纳入监测日期{included:yyyy-MM-dd}"));
        if (errors.Count > 0) return Result.Invalid(errors);

        o.Status = MonitoringStatus.Cleared;
        o.ClosedOn = on;
        o.ClosedNote = note;
        o.ClosedBy = MonitoringLog.Clip(request.User, 64);
        MonitoringLog.Add(db, request.User, o, "修改", "监测状态", MonitoringLabels.Label(MonitoringStatus.Monitored), MonitoringLabels.Label(o.Status),
            $"风险消除#{o.Id}（{on:yyyy-MM-dd}）：{note}");
        return await MonitoringSave.SaveAsync(db, o, request.Version, DecideMonitoringObject.ConflictMessage, ct);
    }
}
