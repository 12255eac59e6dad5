using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record UpdateBusinessEntityRequest(long Id, long Version, BusinessEntityInput Entity, string User, Role Role);

/// <summary>Changes an entity under the rules of <see cref="AddBusinessEntity"/>; a stale version is a conflict. Its contracts follow it to a new region.</summary>
public sealed class UpdateBusinessEntity(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<BusinessEntitySaved>> HandleAsync(UpdateBusinessEntityRequest request, CancellationToken ct)
    {
        var e = await db.BusinessEntities.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (e is null) return Result.NotFound("未找到该经营主体");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(BusinessEntityInput.Name))]);
        if (e.Version != request.Version) return Result.Conflict("该经营主体已被他人修改，请刷新后重新填写");
        var errors = await AddBusinessEntity.ValidateAsync(db, request.Entity, e.Id, clock.Today(), ct);
        if (errors.Count == 0 && !string.Equals(request.Entity.RegionCode!.Trim()[..6], e.CountyCode, StringComparison.Ordinal))
            errors.Add(new FieldError(nameof(BusinessEntityInput.RegionCode), "entity.region_unknown", "经营主体不能迁到其他县"));
        if (errors.Count > 0) return Result.Invalid(errors);
        AddBusinessEntity.Apply(e, request.Entity);
        e.Version++;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var contracts = await db.LinkageContracts.IgnoreQueryFilters().Where(c => c.EntityId == e.Id && c.RegionCode != e.RegionCode).ToListAsync(ct);
        foreach (var c in contracts) c.RegionCode = e.RegionCode;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BusinessEntitySaved(e.Id, e.Version);
    }
}
