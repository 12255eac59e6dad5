using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

public sealed record UpdateWorkshopRequest(long Id, long Version, WorkshopInput Workshop, string User, Role Role);

/// <summary>Changes a workshop under the rules of <see cref="AddWorkshop"/>; a stale version is a conflict.</summary>
public sealed class UpdateWorkshop(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<WorkshopSaved>> HandleAsync(UpdateWorkshopRequest request, CancellationToken ct)
    {
        var w = await db.Workshops.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (w is null) return Result.NotFound("未找到该车间");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([WorkshopRules.NotAllowed(nameof(WorkshopInput.Name))]);
        if (w.Version != request.Version) return Result.Conflict("该车间信息已被他人修改，请刷新后重新填写");
        var errors = await AddWorkshop.ValidateAsync(db, request.Workshop, clock.Today(), ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        AddWorkshop.Apply(w, request.Workshop);
        w.Version++;
        await db.SaveChangesAsync(ct);
        return new WorkshopSaved(w.Id, w.Version);
    }
}
