using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

public sealed record AddMonitoringMeasureRequest(long MonitoringObjectId, MeasureKind Kind, DateOnly StartedOn, string? Description, string User, Role Role);

public sealed record MonitoringMeasureSaved(long Id, long MonitoringObjectId, MeasureKind Kind, bool IsDevelopment);

/// <summary>Records an assistance measure (帮扶措施) for a 监测中 object, started on a day no later than today.</summary>
public sealed class AddMonitoringMeasure(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<MonitoringMeasureSaved>> HandleAsync(AddMonitoringMeasureRequest request, CancellationToken ct)
    {
        var o = await db.MonitoringObjects.AsNoTracking().Where(x => x.Id == request.MonitoringObjectId).Select(x => new { x.Id, x.Status, x.HouseholdId, x.CountyCode }).SingleOrDefaultAsync(ct);
        if (o is null) return Result.NotFound("未找到该监测对象");
        if (!MonitoringRoles.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Kind), MonitoringRoles.NotAllowedCode, MonitoringRoles.NotAllowedMessage)]);
        var errors = new List<FieldError>();
        if (o.Status != MonitoringStatus.Monitored)
            errors.Add(new FieldError(nameof(request.Kind), "monitoring.not_monitored", $"该监测对象是“{MonitoringLabels.Label(o.Status)}”，只有监测中的对象可以登记帮扶措施"));
        if (!Enum.IsDefined(request.Kind))
            errors.Add(new FieldError(nameof(request.Kind), "monitoring.measure_invalid", "请选择帮扶措施类别"));
        var today = clock.Today();
        if (request.StartedOn > today)
            errors.Add(new FieldError(nameof(request.StartedOn), "monitoring.date_future", "措施开始日期不能晚于今天"));
        else if (request.StartedOn < today.AddYears(-5))
            errors.Add(new FieldError(nameof(request.StartedOn), "monitoring.date_too_old", "措施开始日期不能早于5年前"));
        var description = request.Description?.Trim();
        if (string.IsNullOrEmpty(description))
            errors.Add(new FieldError(nameof(request.Description), "monitoring.description_required", "请填写措施内容"));
        else if (description.Length > 500)
            errors.Add(new FieldError(nameof(request.Description), "monitoring.description_too_long", "措施内容不能超过500字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var m = new MonitoringMeasure
        {
            MonitoringObjectId = o.Id,
            Kind = request.Kind,
            StartedOn = request.StartedOn,
            Description = description!,
            RecordedBy = MonitoringLog.Clip(request.User, 64),
            RecordedAt = clock.GetUtcNow(),
        };
        db.MonitoringMeasures.Add(m);
        db.Changes.Add(new Registry.ChangeRecord
        {
            CountyCode = o.CountyCode, At = m.RecordedAt, User = m.RecordedBy, Entity = MonitoringLog.Entity, EntityId = o.Id, HouseholdId = o.HouseholdId,
            Action = "新增", Field = "帮扶措施", NewValue = $"{MonitoringLabels.Label(m.Kind)}（{request.StartedOn:yyyy-MM-dd}起）：{description}",
            Reason = MonitoringLog.Clip($"登记帮扶措施#{o.Id}", 500),
        });
        await db.SaveChangesAsync(ct);
        return new MonitoringMeasureSaved(m.Id, o.Id, m.Kind, MonitoringMeasure.IsDevelopment(m.Kind));
    }
}
