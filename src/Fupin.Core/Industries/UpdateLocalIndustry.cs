using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary>Changes a local industry; a null field stays as it is. The code never changes (records and the demo refer to it).</summary>
public sealed record UpdateLocalIndustryRequest
{
    public long Id { get; init; }
    public string? Name { get; init; }

    /// <summary>The output unit; an empty string clears it.</summary>
    public string? OutputUnit { get; init; }
    public int? SortOrder { get; init; }

    /// <summary>False retires the industry (kept for history, not offered for new records); true brings it back.</summary>
    public bool? IsActive { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>Renames, re-units, re-orders, retires or reactivates a local industry. The county office only; the name stays unique in the county.</summary>
public sealed class UpdateLocalIndustry(AppDbContext db)
{
    public async Task<Result<LocalIndustryRow>> HandleAsync(UpdateLocalIndustryRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanManageIndustries(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), IndustryRoles.NotAllowedCode, IndustryPlanRules.NotAllowedMessage)]);
        var industry = await db.Industries.SingleOrDefaultAsync(i => i.Id == request.Id, ct);
        if (industry is null || !db.Scope.Covers(industry.CountyCode)) return Result.NotFound("特色产业不存在");
        var errors = new List<FieldError>();
        var name = request.Name is null ? industry.Name : IndustryPlanRules.Name(request.Name, errors);
        var unit = request.OutputUnit is null ? industry.OutputUnit : IndustryPlanRules.Unit(request.OutputUnit, errors);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (name != industry.Name && await db.Industries.IgnoreQueryFilters().AnyAsync(i => i.CountyCode == industry.CountyCode && i.Name == name && i.Id != industry.Id, ct))
            return Result.Invalid([new FieldError(nameof(request.Name), IndustryPlanRules.NameTaken, $"产业名称“{name}”已存在")]);

        var changes = new List<(string Field, string? Old, string? New)>();
        if (name != industry.Name) changes.Add(("名称", industry.Name, name));
        if (unit != industry.OutputUnit) changes.Add(("产量单位", industry.OutputUnit, unit));
        if (request.SortOrder is { } order && order != industry.SortOrder) changes.Add(("排序", industry.SortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture), order.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (request.IsActive is { } active && active != industry.IsActive) changes.Add(("状态", industry.IsActive ? "在用" : "停用", active ? "在用" : "停用"));
        if (changes.Count == 0) return IndustryPlanRules.Row(industry);

        industry.Name = name;
        industry.OutputUnit = unit;
        if (request.SortOrder is { } o) industry.SortOrder = o;
        if (request.IsActive is { } a) industry.IsActive = a;
        foreach (var (field, old, value) in changes)
            IndustryPlanRules.Log(db, industry.CountyCode, request.User, nameof(LocalIndustry), industry.Id, "修改", field, value, $"修改特色产业#{industry.Id} {industry.Code}", null, old);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Invalid([new FieldError(nameof(request.Name), IndustryPlanRules.NameTaken, $"产业名称“{name}”已存在")]);
        }
        return IndustryPlanRules.Row(industry);
    }
}
