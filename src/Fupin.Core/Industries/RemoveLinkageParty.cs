using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record RemoveLinkagePartyRequest(long PartyId, string User, Role Role);

public sealed record LinkagePartyRemoved(long Id, long ContractId);

/// <summary>Unbinds a party added by mistake; a party with payments stays (cancel the payments first).</summary>
public sealed class RemoveLinkageParty(AppDbContext db)
{
    public async Task<Result<LinkagePartyRemoved>> HandleAsync(RemoveLinkagePartyRequest request, CancellationToken ct)
    {
        var party = await db.LinkageParties.SingleOrDefaultAsync(p => p.Id == request.PartyId, ct);
        if (party is null) return Result.NotFound("未找到该联结对象");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.PartyId))]);
        var payments = await db.LinkagePayments.IgnoreQueryFilters().CountAsync(p => p.PartyId == party.Id, ct);
        if (payments > 0)
            return Result.Invalid([new FieldError(nameof(request.PartyId), LinkageRules.PartyHasPaymentsCode,
                $"该联结对象已有{payments.ToString(System.Globalization.CultureInfo.InvariantCulture)}笔支付记录，不能移除；如确属误录，请先撤销支付")]);
        db.LinkageParties.Remove(party);
        Accounts.AccountLog.Add(db, request.User, nameof(LinkageParty), party.Id, "删除", field: "利益联结对象", householdId: party.HouseholdId,
            reason: $"移除利益联结对象（合同#{party.ContractId.ToString(System.Globalization.CultureInfo.InvariantCulture)}）");
        await db.SaveChangesAsync(ct);
        return new LinkagePartyRemoved(party.Id, party.ContractId);
    }
}
