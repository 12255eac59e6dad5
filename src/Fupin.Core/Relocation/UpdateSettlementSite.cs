using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

public sealed record UpdateSettlementSiteRequest(long Id, long Version, SiteInput Site, string User, Role Role);

/// <summary>Changes a site's figures as the township reports them, under the same rules as <see cref="AddSettlementSite"/>; a stale version is a conflict.</summary>
public sealed class UpdateSettlementSite(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SettlementSiteSaved>> HandleAsync(UpdateSettlementSiteRequest request, CancellationToken ct)
    {
        var site = await db.SettlementSites.SingleOrDefaultAsync(s => s.Id == request.Id, ct);
        if (site is null) return Result.NotFound("未找到该安置点");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([RelocationRules.NotAllowed(nameof(SiteInput.Name))]);
        if (site.Version != request.Version) return Result.Conflict("该安置点已被他人修改，请刷新后重新填写");
        var errors = await AddSettlementSite.ValidateAsync(db, request.Site, ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        var region = request.Site.RegionCode!.Trim();
        site.RegionCode = region;
        site.CountyCode = region[..6];
        AddSettlementSite.Apply(site, request.Site, request.User, clock.Today());
        site.Version++;
        await db.SaveChangesAsync(ct);
        return new SettlementSiteSaved(site.Id, site.Version);
    }
}
