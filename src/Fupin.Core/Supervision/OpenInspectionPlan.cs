using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record ChangeInspectionPlanRequest(long PlanId, string User, Role Role);

public sealed record InspectionPlanSaved(long Id, InspectionStatus Status, long Version);

/// <summary>
/// 启封: an inspector or leader opens a sealed plan on (or after) its planned day; from then on the plan, its
/// targets and visits are visible in the regions they cover, and visits are recorded.
/// </summary>
public sealed class OpenInspectionPlan(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<InspectionPlanSaved>> HandleAsync(ChangeInspectionPlanRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanInspect(request.Role))
            return Result.Invalid([new FieldError("Status", SupervisionRoles.NotAllowedCode, "只有督查人员和县领导可以启封暗访")]);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null) return Result.NotFound("未找到该暗访");
        if (plan.Status != InspectionStatus.Sealed)
            return Result.Invalid([new FieldError("Status", "inspection.not_sealed", "该暗访已启封")]);
        var today = clock.Today();
        if (today < plan.PlannedOn)
            return Result.Invalid([new FieldError("Status", "inspection.open_too_early", $"暗访日期（{plan.PlannedOn:yyyy-MM-dd}）之前不能启封")]);
        plan.Status = InspectionStatus.Open;
        plan.OpenedBy = request.User.Length > 64 ? request.User[..64] : request.User;
        plan.OpenedAt = clock.GetUtcNow();
        plan.Version++;
        await db.SaveChangesAsync(ct);
        return new InspectionPlanSaved(plan.Id, plan.Status, plan.Version);
    }
}
