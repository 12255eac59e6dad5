using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

public sealed record UpdateRelocatedHouseholdRequest(long Id, long Version, DateOnly? MovedInOn, bool OldHouseDemolished, int StableJobs,
    string? IndustrySupport, string User, Role Role);

/// <summary>The follow-up of a relocated household: moved in, old house demolished, stable jobs the township recorded, industry support.</summary>
public sealed class UpdateRelocatedHousehold(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RelocatedHouseholdSaved>> HandleAsync(UpdateRelocatedHouseholdRequest request, CancellationToken ct)
    {
        var row = await db.RelocatedHouseholds.SingleOrDefaultAsync(r => r.Id == request.Id, ct);
        if (row is null || !await db.SettlementSites.AnyAsync(s => s.Id == row.SiteId, ct)) return Result.NotFound("未找到该搬迁户");
        if (!ProjectRoles.CanManageSites(request.Role)) return Result.Invalid([RelocationRules.NotAllowed(nameof(request.MovedInOn))]);
        if (row.Version != request.Version) return Result.Conflict("该搬迁户信息已被他人修改，请刷新后重新填写");
        var errors = AddRelocatedHousehold.ValidateFollowUp(request.MovedInOn, request.StableJobs, request.IndustrySupport, row.Persons, clock.Today()).ToList();
        if (errors.Count > 0) return Result.Invalid(errors);
        row.MovedInOn = request.MovedInOn;
        row.OldHouseDemolished = request.OldHouseDemolished;
        row.StableJobs = request.StableJobs;
        row.IndustrySupport = AddRelocatedHousehold.Support(request.IndustrySupport);
        row.Version++;
        await db.SaveChangesAsync(ct);
        return new RelocatedHouseholdSaved(row.Id, row.SiteId, row.Version);
    }
}
