using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Monitoring;

/// <summary>
/// A risk event for a registered household (<see cref="HouseholdId"/>) or for a monitoring object
/// (<see cref="MonitoringObjectId"/>, e.g. a non-registered household); spending in fen.
/// </summary>
public sealed record ReportRiskEventRequest
{
    public long? HouseholdId { get; init; }
    public long? MonitoringObjectId { get; init; }
    public RiskType Risk { get; init; }
    public DateOnly OccurredOn { get; init; }
    public string? Description { get; init; }
    public long? SpendingFen { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record RiskEventSaved(long Id, long? HouseholdId, long? MonitoringObjectId);

/// <summary>
/// Records a risk event (患病, 灾害, 意外事故 …) with the rigid spending it caused. An event given with
/// its object is tied to it; an event of a household alone waits for the next rule run
/// (<see cref="MonitoringRules.RiskEvent"/>, <see cref="MonitoringRules.RigidSpending"/>).
/// </summary>
public sealed class ReportRiskEvent(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RiskEventSaved>> HandleAsync(ReportRiskEventRequest request, CancellationToken ct)
    {
        if (!MonitoringRoles.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Risk), MonitoringRoles.NotAllowedCode, MonitoringRoles.NotAllowedMessage)]);
        string? county = null, village = null;
        long? householdId = request.HouseholdId;
        if (request.MonitoringObjectId is { } objectId)
        {
            var o = await db.MonitoringObjects.AsNoTracking().Where(x => x.Id == objectId).Select(x => new { x.CountyCode, x.VillageCode, x.HouseholdId }).SingleOrDefaultAsync(ct);
            if (o is null) return Result.NotFound("未找到该监测对象");
            if (householdId is not null && householdId != o.HouseholdId)
                return Result.Invalid([new FieldError(nameof(request.HouseholdId), "monitoring.household_mismatch", "该户与监测对象不一致")]);
            (county, village, householdId) = (o.CountyCode, o.VillageCode, o.HouseholdId);
        }
        else if (householdId is { } id)
        {
            var h = await db.Households.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.CountyCode, x.VillageCode }).SingleOrDefaultAsync(ct);
            if (h is null) return Result.NotFound("未找到该户");
            (county, village) = (h.CountyCode, h.VillageCode);
        }
        else
        {
            return Result.Invalid([new FieldError(nameof(request.HouseholdId), "monitoring.household_required", "请指明发生风险的农户或监测对象")]);
        }

        var errors = new List<FieldError>();
        var today = clock.Today();
        if (!Enum.IsDefined(request.Risk))
            errors.Add(new FieldError(nameof(request.Risk), "monitoring.risk_invalid", "请选择风险类型"));
        if (request.OccurredOn > today)
            errors.Add(new FieldError(nameof(request.OccurredOn), "monitoring.date_future", "发生日期不能晚于今天"));
        else if (request.OccurredOn < today.AddYears(-5))
            errors.Add(new FieldError(nameof(request.OccurredOn), "monitoring.date_too_old", "只能报告近5年内发生的风险事件"));
        var description = request.Description?.Trim();
        if (string.IsNullOrEmpty(description))
            errors.Add(new FieldError(nameof(request.Description), "monitoring.description_required", "请描述风险事件"));
        else if (description.Length > AddMonitoringObject.MaxReason)
            errors.Add(new FieldError(nameof(request.Description), "monitoring.description_too_long", $"描述不能超过{AddMonitoringObject.MaxReason}字"));
        if (request.SpendingFen is < 0)
            errors.Add(new FieldError(nameof(request.SpendingFen), "monitoring.amount_invalid", "刚性支出不能为负数"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var e = new RiskEvent
        {
            CountyCode = county!,
            VillageCode = village!,
            HouseholdId = householdId,
            MonitoringObjectId = request.MonitoringObjectId,
            Risk = request.Risk,
            OccurredOn = request.OccurredOn,
            Description = description!,
            SpendingFen = request.SpendingFen,
            ReportedBy = MonitoringLog.Clip(request.User, 64),
            ReportedAt = clock.GetUtcNow(),
        };
        db.RiskEvents.Add(e);
        await db.SaveChangesAsync(ct);
        return new RiskEventSaved(e.Id, e.HouseholdId, e.MonitoringObjectId);
    }
}
