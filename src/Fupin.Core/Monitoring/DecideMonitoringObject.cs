using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <summary>The decision on a 拟纳入 object: include it (监测中, dated today) or reject it with the reason.</summary>
public sealed record DecideMonitoringObjectRequest(long Id, long Version, bool Include, string? Note, string User, Role Role);

/// <summary>
/// Decides a proposed object after the village's review and the township's check: 纳入监测 sets
/// <see cref="MonitoringObject.IncludedOn"/> to the business date; 不予纳入 needs the reason. Only a
/// 拟纳入 object can be decided; a stale version is a conflict and nothing is saved.
/// </summary>
public sealed class DecideMonitoringObject(AppDbContext db, TimeProvider clock)
{
    public const string ConflictMessage = "该监测对象已被他人办理，请刷新后重新操作";

    public async Task<Result<MonitoringObjectSaved>> HandleAsync(DecideMonitoringObjectRequest request, CancellationToken ct)
    {
        var o = await db.MonitoringObjects.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (o is null) return Result.NotFound("未找到该监测对象");
        if (!MonitoringRoles.CanWork(request.Role))
            return Result.Invalid([new FieldError("Include", MonitoringRoles.NotAllowedCode, MonitoringRoles.NotAllowedMessage)]);
        if (o.Version != request.Version) return Result.Conflict(ConflictMessage);
        if (o.Status != MonitoringStatus.Proposed)
            return Result.Invalid([new FieldError("Include", "monitoring.not_proposed", $"该监测对象已是“{MonitoringLabels.Label(o.Status)}”，只有拟纳入的对象可以决定是否纳入")]);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > AddMonitoringObject.MaxReason })
            return Result.Invalid([new FieldError(nameof(request.Note), "monitoring.note_too_long", $"说明不能超过{AddMonitoringObject.MaxReason}字")]);
        if (!request.Include && note is null)
            return Result.Invalid([new FieldError(nameof(request.Note), "monitoring.note_required", "不予纳入须填写理由")]);

        var today = clock.Today();
        var from = o.Status;
        if (request.Include)
        {
            o.Status = MonitoringStatus.Monitored;
            o.IncludedOn = today;
        }
        else
        {
            o.Status = MonitoringStatus.Rejected;
            o.ClosedOn = today;
            o.ClosedNote = note;
            o.ClosedBy = MonitoringLog.Clip(request.User, 64);
        }
        MonitoringLog.Add(db, request.User, o, "修改", "监测状态", MonitoringLabels.Label(from), MonitoringLabels.Label(o.Status),
            $"{(request.Include ? "纳入监测" : "不予纳入")}#{o.Id}" + (note is null ? "" : "：" + note));
        return await MonitoringSave.SaveAsync(db, o, request.Version, ConflictMessage, ct);
    }
}

internal static class MonitoringSave
{
    /// <summary>Saves with the version the user saw as the concurrency token, bumping it.</summary>
    public static async Task<Result<MonitoringObjectSaved>> SaveAsync(AppDbContext db, MonitoringObject o, long version, string conflict, CancellationToken ct)
    {
        db.Entry(o).Property(x => x.Version).OriginalValue = version;
        o.Version = version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(conflict);
        }
        return new MonitoringObjectSaved(o.Id, o.Status, MonitoringLabels.Label(o.Status), o.Version);
    }
}
