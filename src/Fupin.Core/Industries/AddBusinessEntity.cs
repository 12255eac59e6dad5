using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record BusinessEntityInput
{
    public string? RegionCode { get; init; }
    public string? Name { get; init; }
    public EntityKind Kind { get; init; } = EntityKind.Cooperative;
    public string? Level { get; init; }
    public long? IndustryId { get; init; }
    public string? CreditCode { get; init; }
    public string? LegalPerson { get; init; }
    public string? Contact { get; init; }
    public string? ContactPhone { get; init; }
    public long? WorkshopId { get; init; }
    public int Employees { get; init; }
    public double AreaMu { get; init; }
    public long AnnualOutputFen { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public string? Note { get; init; }
}

public sealed record AddBusinessEntityRequest(BusinessEntityInput Entity, string User, Role Role);

public sealed record BusinessEntitySaved(long Id, long Version);

/// <summary>
/// A new business entity in a township or village of the user's scope. The name is unique in the county;
/// the industry is one of the county's; a workshop entity may name its workshop record. Bad input writes nothing.
/// </summary>
public sealed partial class AddBusinessEntity(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<BusinessEntitySaved>> HandleAsync(AddBusinessEntityRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanManageEntities(request.Role)) return Result.Invalid([LinkageRules.NotAllowed(nameof(BusinessEntityInput.Name))]);
        var errors = await ValidateAsync(db, request.Entity, null, clock.Today(), ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        var e = new BusinessEntity { CountyCode = "", RegionCode = "", Name = "", CreatedBy = LinkageRules.Clip(request.User, 64), CreatedAt = clock.GetUtcNow() };
        Apply(e, request.Entity);
        db.BusinessEntities.Add(e);
        await db.SaveChangesAsync(ct);
        return new BusinessEntitySaved(e.Id, e.Version);
    }

    internal static void Apply(BusinessEntity e, BusinessEntityInput input)
    {
        e.RegionCode = input.RegionCode!.Trim();
        e.CountyCode = e.RegionCode[..6];
        e.Name = input.Name!.Trim();
        e.Kind = input.Kind;
        e.Level = LinkageRules.Text(input.Level);
        e.IndustryId = input.IndustryId;
        e.CreditCode = LinkageRules.Text(input.CreditCode)?.ToUpperInvariant();
        e.LegalPerson = LinkageRules.Text(input.LegalPerson);
        e.Contact = LinkageRules.Text(input.Contact);
        e.ContactPhone = LinkageRules.Text(input.ContactPhone);
        e.WorkshopId = input.WorkshopId;
        e.Employees = input.Employees;
        e.AreaMu = input.AreaMu;
        e.AnnualOutputFen = input.AnnualOutputFen;
        e.FoundedOn = input.FoundedOn;
        e.Note = LinkageRules.Text(input.Note);
    }

    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex CreditCodeShape();

    [GeneratedRegex(@"^\+?[0-9][0-9\- ]{5,18}[0-9]$")]
    private static partial Regex PhoneShape();

    internal static async Task<List<FieldError>> ValidateAsync(AppDbContext db, BusinessEntityInput e, long? selfId, DateOnly today, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var region = e.RegionCode?.Trim() ?? "";
        var regionError = await LinkageRules.CheckRegionAsync(db, nameof(e.RegionCode), region, ct);
        if (regionError is not null) errors.Add(regionError);
        var county = regionError is null ? region[..6] : null;
        var name = e.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new FieldError(nameof(e.Name), "entity.name_required", "请填写经营主体名称"));
        else if (name.Length > 100) errors.Add(new FieldError(nameof(e.Name), "entity.name_too_long", "经营主体名称不能超过100字"));
        else if (county is not null && await db.BusinessEntities.IgnoreQueryFilters().AnyAsync(x => x.CountyCode == county && x.Name == name && x.Id != (selfId ?? 0), ct))
            errors.Add(new FieldError(nameof(e.Name), LinkageRules.NameTakenCode, $"本县已有名为“{name}”的经营主体"));
        if (!Enum.IsDefined(e.Kind)) errors.Add(new FieldError(nameof(e.Kind), "entity.kind_invalid", "请选择经营主体类型"));
        var level = LinkageRules.Text(e.Level);
        if (level is not null && !IndustryLabels.Levels.Contains(level, StringComparer.Ordinal))
            errors.Add(new FieldError(nameof(e.Level), "entity.level_invalid", $"级别应为{string.Join("、", IndustryLabels.Levels)}之一"));
        if (e.IndustryId is { } industryId && !await db.Industries.AnyAsync(i => i.Id == industryId && (county == null || i.CountyCode == county), ct))
            errors.Add(new FieldError(nameof(e.IndustryId), "entity.industry_unknown", "所选产业不存在或不属于本县"));
        if (e.WorkshopId is { } workshopId && !await db.Workshops.AnyAsync(w => w.Id == workshopId, ct))
            errors.Add(new FieldError(nameof(e.WorkshopId), "entity.workshop_unknown", "关联的扶贫车间不存在或不在您的管理范围内"));
        var credit = LinkageRules.Text(e.CreditCode)?.ToUpperInvariant();
        if (credit is not null && !CreditCodeShape().IsMatch(credit))
            errors.Add(new FieldError(nameof(e.CreditCode), "entity.credit_code_invalid", "统一社会信用代码应为18位数字或大写字母"));
        var phone = LinkageRules.Text(e.ContactPhone);
        if (phone is not null && !PhoneShape().IsMatch(phone))
            errors.Add(new FieldError(nameof(e.ContactPhone), "entity.phone_invalid", "联系电话格式不正确（手机号或带区号的固定电话）"));
        foreach (var (field, value, max, label) in new[]
        {
            (nameof(e.LegalPerson), e.LegalPerson, 40, "法定代表人"), (nameof(e.Contact), e.Contact, 40, "联系人"), (nameof(e.Note), e.Note, 1000, "备注"),
        })
        {
            if (value?.Trim().Length > max) errors.Add(new FieldError(field, "entity.text_too_long", $"{label}不能超过{max}字"));
        }
        if (e.Employees is < 0 or > 1_000_000) errors.Add(new FieldError(nameof(e.Employees), "entity.size_invalid", "从业人数应为0或正整数"));
        if (!(e.AreaMu >= 0 && e.AreaMu <= 10_000_000)) errors.Add(new FieldError(nameof(e.AreaMu), "entity.size_invalid", "经营面积应为0或正数（亩）"));
        if (e.AnnualOutputFen is < 0 or > 10_000_000_000_000) errors.Add(new FieldError(nameof(e.AnnualOutputFen), "entity.size_invalid", "年产值应为0或正数"));
        if (e.FoundedOn is { } f && f > today) errors.Add(new FieldError(nameof(e.FoundedOn), "entity.founded_future", "成立日期不能晚于今天"));
        return errors;
    }
}
