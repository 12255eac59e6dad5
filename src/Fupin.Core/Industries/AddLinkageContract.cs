using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record LinkageContractInput
{
    public string? Number { get; init; }
    public LinkageKind Kind { get; init; } = LinkageKind.Equity;
    public long? IndustryId { get; init; }
    public string? Model { get; init; }
    public DateOnly StartOn { get; init; }
    public DateOnly? EndOn { get; init; }
    public long AgreedPerYearFen { get; init; }
    public string? Terms { get; init; }
}

public sealed record AddLinkageContractRequest(long EntityId, LinkageContractInput Contract, string User, Role Role);

public sealed record LinkageContractSaved(long Id, long EntityId, long Version);

/// <summary>
/// A benefit-linkage contract of an entity: its number unique in the county, a start not after today and an end not
/// before the start; the industry defaults to the entity's and the region is the entity's. Bad input writes nothing.
/// </summary>
public sealed class AddLinkageContract(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<LinkageContractSaved>> HandleAsync(AddLinkageContractRequest request, CancellationToken ct)
    {
        var entity = await db.BusinessEntities.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EntityId, ct);
        if (entity is null) return Result.NotFound("未找到该经营主体");
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(LinkageContractInput.Number))]);
        var input = request.Contract;
        var errors = new List<FieldError>();
        var number = input.Number?.Trim() ?? "";
        if (number.Length == 0) errors.Add(new FieldError(nameof(input.Number), "contract.number_required", "请填写合同编号"));
        else if (number.Length > 32) errors.Add(new FieldError(nameof(input.Number), "contract.number_too_long", "合同编号不能超过32字"));
        else if (await db.LinkageContracts.IgnoreQueryFilters().AnyAsync(c => c.CountyCode == entity.CountyCode && c.Number == number, ct))
            errors.Add(new FieldError(nameof(input.Number), LinkageRules.NumberTakenCode, $"本县已有编号为“{number}”的利益联结合同"));
        if (!Enum.IsDefined(input.Kind)) errors.Add(new FieldError(nameof(input.Kind), "contract.kind_invalid", "请选择利益联结方式"));
        var industryId = input.IndustryId ?? entity.IndustryId;
        if (input.IndustryId is { } iid && !await db.Industries.AnyAsync(i => i.Id == iid && i.CountyCode == entity.CountyCode, ct))
            errors.Add(new FieldError(nameof(input.IndustryId), "contract.industry_unknown", "所选产业不存在或不属于本县"));
        errors.AddRange(ValidateTerms(input, clock.Today()));
        if (errors.Count > 0) return Result.Invalid(errors);

        var c = new LinkageContract
        {
            CountyCode = entity.CountyCode, EntityId = entity.Id, RegionCode = entity.RegionCode, Number = number, Kind = input.Kind, IndustryId = industryId,
            CreatedBy = LinkageRules.Clip(request.User, 64), CreatedAt = clock.GetUtcNow(),
        };
        Apply(c, input);
        db.LinkageContracts.Add(c);
        await db.SaveChangesAsync(ct);
        return new LinkageContractSaved(c.Id, c.EntityId, c.Version);
    }

    internal static void Apply(LinkageContract c, LinkageContractInput input)
    {
        c.Model = LinkageRules.Text(input.Model);
        c.StartOn = input.StartOn;
        c.EndOn = input.EndOn;
        c.AgreedPerYearFen = input.AgreedPerYearFen;
        c.Terms = LinkageRules.Text(input.Terms);
    }

    /// <summary>Period, agreed amount, model and terms.</summary>
    internal static List<FieldError> ValidateTerms(LinkageContractInput input, DateOnly today)
    {
        var errors = new List<FieldError>();
        if (input.StartOn == default) errors.Add(new FieldError(nameof(input.StartOn), "contract.start_required", "请填写合同开始日期"));
        else if (input.StartOn > today) errors.Add(new FieldError(nameof(input.StartOn), "contract.start_future", $"合同开始日期不能晚于今天（{LinkageRules.Date(today)}）"));
        if (input.EndOn is { } end && input.StartOn != default && end < input.StartOn)
            errors.Add(new FieldError(nameof(input.EndOn), "contract.end_before_start", "合同结束日期不能早于开始日期"));
        if (input.AgreedPerYearFen is < 0 or > LinkageRules.MaxFen)
            errors.Add(new FieldError(nameof(input.AgreedPerYearFen), "contract.amount_invalid", "每户每年约定金额应为0至1000万元"));
        if (input.Model?.Trim().Length > 64) errors.Add(new FieldError(nameof(input.Model), "contract.text_too_long", "带贫模式不能超过64字"));
        if (input.Terms?.Trim().Length > 1000) errors.Add(new FieldError(nameof(input.Terms), "contract.text_too_long", "合同条款不能超过1000字"));
        return errors;
    }
}
