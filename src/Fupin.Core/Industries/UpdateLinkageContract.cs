using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>The number, kind and industry stay; period, agreed amount, model and terms change.</summary>
public sealed record UpdateLinkageContractRequest(long Id, long Version, DateOnly StartOn, DateOnly? EndOn, long AgreedPerYearFen, string? Model, string? Terms, string User, Role Role);

/// <summary>
/// Changes a contract's period, agreed amount, model and terms; a stale version is a conflict. The new period must still
/// hold every year a payment was recorded for (contract.payments_outside).
/// </summary>
public sealed class UpdateLinkageContract(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkageContractSaved>> HandleAsync(UpdateLinkageContractRequest request, CancellationToken ct)
    {
        var c = await db.LinkageContracts.SingleOrDefaultAsync(x => x.Id == request.Id, ct);
        if (c is null) return Result.NotFound("未找到该利益联结合同");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.StartOn))]);
        if (c.Version != request.Version) return Result.Conflict("该合同已被他人修改，请刷新后重新填写");
        var input = new LinkageContractInput
        {
            Number = c.Number, Kind = c.Kind, IndustryId = c.IndustryId, Model = request.Model, StartOn = request.StartOn, EndOn = request.EndOn,
            AgreedPerYearFen = request.AgreedPerYearFen, Terms = request.Terms,
        };
        var errors = AddLinkageContract.ValidateTerms(input, clock.Today());
        if (errors.Count == 0)
        {
            var years = await db.LinkagePayments.IgnoreQueryFilters().Where(p => p.ContractId == c.Id).Select(p => p.Year).Distinct().ToListAsync(ct);
            var outside = years.Where(y => y < request.StartOn.Year || (request.EndOn is { } e && y > e.Year)).Order().ToList();
            if (outside.Count > 0)
                errors.Add(new FieldError(nameof(request.EndOn), "contract.payments_outside",
                    $"已有{string.Join("、", outside)}年的支付记录，合同期限须包含这些年份"));
        }
        if (errors.Count > 0) return Result.Invalid(errors);
        AddLinkageContract.Apply(c, input);
        c.Version++;
        await db.SaveChangesAsync(ct);
        return new LinkageContractSaved(c.Id, c.EntityId, c.Version);
    }
}
