using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

/// <param name="EndedOn">The first day off the job (离岗日期); today when not given.</param>
public sealed record EndWorkshopWorkerRequest(long WorkerId, DateOnly? EndedOn, string User, Role Role);

/// <summary>A poor worker leaves a workshop: from the end date on they are no longer counted.</summary>
public sealed class EndWorkshopWorker(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<WorkshopWorkerSaved>> HandleAsync(EndWorkshopWorkerRequest request, CancellationToken ct)
    {
        var row = await db.WorkshopWorkers.SingleOrDefaultAsync(w => w.Id == request.WorkerId, ct);
        if (row is null || !await db.Workshops.AnyAsync(w => w.Id == row.WorkshopId, ct)) return Result.NotFound("未找到该务工人员");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([WorkshopRules.NotAllowed(nameof(request.EndedOn))]);
        var today = clock.Today();
        var end = request.EndedOn ?? today;
        if (row.EndedOn is not null)
            return Result.Invalid([new FieldError(nameof(request.EndedOn), "workshops.worker_ended", "该人员已离岗")]);
        if (end > today) return Result.Invalid([new FieldError(nameof(request.EndedOn), "workshops.end_future", "离岗日期不能晚于今天")]);
        if (end <= row.StartedOn) return Result.Invalid([new FieldError(nameof(request.EndedOn), "workshops.end_before_start", "离岗日期应晚于上岗日期")]);
        row.EndedOn = end;
        await db.SaveChangesAsync(ct);
        return new WorkshopWorkerSaved(row.Id, row.WorkshopId);
    }
}
