using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>The household by <see cref="HouseholdId"/> or by <see cref="HouseholdNumber"/>; <see cref="MemberId"/> names one person of it.</summary>
public sealed record AddLinkagePartyRequest
{
    public long ContractId { get; init; }
    public long? HouseholdId { get; init; }
    public string? HouseholdNumber { get; init; }
    public long? MemberId { get; init; }
    public long? AgreedPerYearFen { get; init; }
    public long? SharesFen { get; init; }
    public double? LandMu { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record LinkagePartySaved(long Id, long ContractId, long HouseholdId, long? MemberId);

/// <summary>
/// Binds a registered household (or one of its members) the user may see to a contract of the same county. A household
/// 已脱贫不再享受政策 is not bound any more; the same household or person is bound once. Bad input writes nothing.
/// </summary>
public sealed class AddLinkageParty(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkagePartySaved>> HandleAsync(AddLinkagePartyRequest request, CancellationToken ct)
    {
        var c = await db.LinkageContracts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.ContractId, ct);
        if (c is null) return Result.NotFound("未找到该利益联结合同");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(request.HouseholdNumber))]);
        var errors = new List<FieldError>();
        var number = request.HouseholdNumber?.Trim();
        var household = request.HouseholdId is { } hid
            ? await db.Households.AsNoTracking().Where(h => h.Id == hid).Select(h => new { h.Id, h.Number, h.CountyCode, h.VillageCode, h.Status }).SingleOrDefaultAsync(ct)
            : string.IsNullOrEmpty(number) ? null
            : await db.Households.AsNoTracking().Where(h => h.Number == number).Select(h => new { h.Id, h.Number, h.CountyCode, h.VillageCode, h.Status }).SingleOrDefaultAsync(ct);
        var field = request.HouseholdId is null ? nameof(request.HouseholdNumber) : nameof(request.HouseholdId);
        if (household is null)
        {
            errors.Add(request.HouseholdId is null && string.IsNullOrEmpty(number)
                ? new FieldError(field, "contract.household_required", "请填写户编号")
                : new FieldError(field, "contract.household_unknown", $"未找到户编号“{number ?? request.HouseholdId?.ToString(System.Globalization.CultureInfo.InvariantCulture)}”的建档立卡户，或不在您的管理范围内"));
        }
        else if (!string.Equals(household.CountyCode, c.CountyCode, StringComparison.Ordinal))
            errors.Add(new FieldError(field, "contract.household_other_county", "该户不属于合同所在县"));
        else if (household.Status == PovertyStatus.ExitedWithoutPolicy)
            errors.Add(new FieldError(field, LinkageRules.HouseholdNotEligibleCode, $"户{household.Number}已脱贫不再享受政策，不能新增利益联结"));
        string? memberName = null;
        if (household is not null && request.MemberId is { } mid)
        {
            memberName = await db.Members.AsNoTracking().Where(m => m.Id == mid && m.HouseholdId == household.Id).Select(m => m.Name).SingleOrDefaultAsync(ct);
            if (memberName is null) errors.Add(new FieldError(nameof(request.MemberId), "contract.member_unknown", $"所选成员不是户{household.Number}的家庭成员"));
        }
        if (request.AgreedPerYearFen is < 0 or > LinkageRules.MaxFen)
            errors.Add(new FieldError(nameof(request.AgreedPerYearFen), "contract.amount_invalid", "约定金额应为0至1000万元"));
        if (request.SharesFen is < 0 or > LinkageRules.MaxFen)
            errors.Add(new FieldError(nameof(request.SharesFen), "contract.amount_invalid", "入股金额应为0至1000万元"));
        if (request.LandMu is { } mu && !(mu >= 0 && mu <= 100_000))
            errors.Add(new FieldError(nameof(request.LandMu), "contract.land_invalid", "流转/托管面积应为0或正数（亩）"));
        if (errors.Count == 0 && await db.LinkageParties.IgnoreQueryFilters()
                .AnyAsync(p => p.ContractId == c.Id && p.HouseholdId == household!.Id && p.MemberId == request.MemberId, ct))
            errors.Add(new FieldError(field, LinkageRules.PartyExistsCode,
                memberName is null ? $"户{household!.Number}已是本合同的联结对象" : $"{memberName}（户{household!.Number}）已是本合同的联结对象"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var party = new LinkageParty
        {
            ContractId = c.Id, CountyCode = household!.CountyCode, VillageCode = household.VillageCode, HouseholdId = household.Id, MemberId = request.MemberId,
            AgreedPerYearFen = request.AgreedPerYearFen, SharesFen = request.SharesFen, LandMu = request.LandMu,
            AddedBy = LinkageRules.Clip(request.User, 64), AddedAt = clock.GetUtcNow(),
        };
        db.LinkageParties.Add(party);
        await db.SaveChangesAsync(ct);
        return new LinkagePartySaved(party.Id, c.Id, party.HouseholdId, party.MemberId);
    }
}
