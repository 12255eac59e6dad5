using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

public sealed record AddLocalIndustryRequest
{
    /// <summary>The county; null: the user's county.</summary>
    public string? CountyCode { get; init; }
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? OutputUnit { get; init; }

    /// <summary>Position in lists; null: after the last one.</summary>
    public int? SortOrder { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

public sealed record LocalIndustryRow(long Id, string CountyCode, string Code, string Name, string? OutputUnit, int SortOrder, bool IsActive);

/// <summary>
/// Adds a local industry (特色产业) to the county's code table: a code of 1–16 ASCII letters or digits (kept
/// upper-case, so "ac" and "AC" are the same code) and a name, each unique in the county, an optional output
/// unit. The county office only. Bad input writes nothing.
/// </summary>
public sealed class AddLocalIndustry(AppDbContext db)
{
    public async Task<Result<LocalIndustryRow>> HandleAsync(AddLocalIndustryRequest request, CancellationToken ct)
    {
        if (!IndustryRoles.CanManageIndustries(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Name), IndustryRoles.NotAllowedCode, IndustryPlanRules.NotAllowedMessage)]);
        var errors = new List<FieldError>();
        var county = request.CountyCode?.Trim() ?? "";
        if (!(county.Length == 6 && county.All(char.IsAsciiDigit) && db.Scope.Covers(county)
                && await db.Regions.AnyAsync(r => r.Code == county && r.Level == RegionLevel.County, ct)))
            errors.Add(new FieldError(nameof(request.CountyCode), "region.unknown", $"县“{county}”不存在或不在您的管理范围内"));
        var code = IndustryPlanRules.Code(request.Code, errors);
        var name = IndustryPlanRules.Name(request.Name, errors);
        var unit = IndustryPlanRules.Unit(request.OutputUnit, errors);
        if (errors.Count > 0) return Result.Invalid(errors);

        var taken = await db.Industries.IgnoreQueryFilters().Where(i => i.CountyCode == county && (i.Code == code || i.Name == name))
            .Select(i => new { i.Code, i.Name }).ToListAsync(ct);
        if (taken.Any(t => t.Code == code))
            errors.Add(new FieldError(nameof(request.Code), IndustryPlanRules.CodeTaken, $"产业代码“{code}”已被使用"));
        if (taken.Any(t => t.Name == name))
            errors.Add(new FieldError(nameof(request.Name), IndustryPlanRules.NameTaken, $"产业名称“{name}”已存在"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var order = request.SortOrder ?? 1 + (await db.Industries.IgnoreQueryFilters().Where(i => i.CountyCode == county)
            .Select(i => (int?)i.SortOrder).MaxAsync(ct) ?? 0);
        var industry = new LocalIndustry { CountyCode = county, Code = code, Name = name, OutputUnit = unit, SortOrder = order };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Industries.Add(industry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone added the same code or name meanwhile (the unique index caught it).
            return Result.Invalid([new FieldError(nameof(request.Code), IndustryPlanRules.CodeTaken, $"产业代码“{code}”或名称“{name}”已被使用")]);
        }
        IndustryPlanRules.Log(db, county, request.User, nameof(LocalIndustry), industry.Id, "新增", "特色产业", $"{code} {name}", $"新增特色产业#{industry.Id}", null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return IndustryPlanRules.Row(industry);
    }
}
