using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

public sealed record RemoveRelocatedHouseholdRequest(long Id, long Version, string User, Role Role);

/// <summary>Takes a household off a site's list (registered by mistake, or the family did not relocate after all).</summary>
public sealed class RemoveRelocatedHousehold(AppDbContext db)
{
    public async Task<Result<long>> HandleAsync(RemoveRelocatedHouseholdRequest request, CancellationToken ct)
    {
        var row = await db.RelocatedHouseholds.SingleOrDefaultAsync(r => r.Id == request.Id, ct);
        if (row is null || !await db.SettlementSites.AnyAsync(s => s.Id == row.SiteId, ct)) return Result.NotFound("未找到该搬迁户");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([RelocationRules.NotAllowed("Id")]);
        if (row.Version != request.Version) return Result.Conflict("该搬迁户信息已被他人修改，请刷新后重试");
        db.RelocatedHouseholds.Remove(row);
        await db.SaveChangesAsync(ct);
        return row.SiteId;
    }
}
