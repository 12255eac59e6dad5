using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>结束: an inspector or leader ends an open plan; no more visits are recorded (what was found stays).</summary>
public sealed class CloseInspectionPlan(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<InspectionPlanSaved>> HandleAsync(ChangeInspectionPlanRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanInspect(request.Role))
            return Result.Invalid([new FieldError("Status", SupervisionRoles.NotAllowedCode, "只有督查人员和县领导可以结束暗访")]);
        var plan = await db.InspectionPlans.FirstOrDefaultAsync(p => p.Id == request.PlanId, ct);
        if (plan is null) return Result.NotFound("未找到该暗访");
        if (plan.Status != InspectionStatus.Open)
            return Result.Invalid([new FieldError("Status", "inspection.not_open", "只有已启封的暗访可以结束")]);
        plan.Status = InspectionStatus.Closed;
        plan.ClosedBy = request.User.Length > 64 ? request.User[..64] : request.User;
        plan.ClosedAt = clock.GetUtcNow();
        plan.Version++;
        await db.SaveChangesAsync(ct);
        return new InspectionPlanSaved(plan.Id, plan.Status, plan.Version);
    }
}
