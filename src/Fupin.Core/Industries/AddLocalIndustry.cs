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
        IndustryPlanRules.Log(db, request.User, nameof(LocalIndustry), industry.Id, "新增", "特色产业", $"{code} {name}", $"新增特色产业#{industry.Id}", null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return IndustryPlanRules.Row(industry);
    }
}

/// <summary>Codes, limits and wording shared by the local-industry, plan and engagement use cases.</summary>
public static class IndustryPlanRules
{
    public const string CodeTaken = "industry.code_taken";
    public const string NameTaken = "industry.name_taken";
    public const string CodeInvalid = "industry.code_invalid";
    public const string NotAllowedMessage = "只有县扶贫办（县级管理员）可以维护特色产业和产业发展规划";
    public const int MaxCode = 16;
    public const int MaxName = 32;
    public const int MaxUnit = 16;

    internal static string Code(string? code, List<FieldError> errors)
    {
        var c = code?.Trim().ToUpperInvariant() ?? "";
        if (c.Length is < 1 or > MaxCode || !c.All(char.IsAsciiLetterOrDigit))
            errors.Add(new FieldError("Code", CodeInvalid, $"产业代码应为1至{MaxCode}位英文字母或数字"));
        return c;
    }

    internal static string Name(string? name, List<FieldError> errors)
    {
        var n = name?.Trim() ?? "";
        if (n.Length == 0) errors.Add(new FieldError("Name", "industry.name_required", "请填写产业名称"));
        else if (n.Length > MaxName) errors.Add(new FieldError("Name", "industry.too_long", $"产业名称不能超过{MaxName}字"));
        return n;
    }

    internal static string? Unit(string? unit, List<FieldError> errors) => Optional(unit, MaxUnit, "OutputUnit", "产量单位", errors);

    internal static string? Optional(string? s, int max, string field, string label, List<FieldError> errors)
    {
        var t = s?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (t.Length > max) errors.Add(new FieldError(field, "industry.too_long", $"{label}不能超过{max}字"));
        return t;
    }

    internal static LocalIndustryRow Row(LocalIndustry i) => new(i.Id, i.CountyCode, i.Code, i.Name, i.OutputUnit, i.SortOrder, i.IsActive);

    internal static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];

    /// <summary>Changes of industries, plan lines and engagements go to the change history, saved with them.</summary>
    internal static void Log(AppDbContext db, string user, string entity, long id, string action, string field, string? newValue, string reason, long? householdId,
        string? oldValue = null) =>
        db.Changes.Add(new ChangeRecord
        {
            At = db.Clock.GetUtcNow(),
            User = Clip(user, 64),
            Entity = entity,
            EntityId = id,
            HouseholdId = householdId,
            Action = action,
            Field = field,
            OldValue = oldValue is null ? null : Clip(oldValue, 2000),
            NewValue = newValue is null ? null : Clip(newValue, 2000),
            Reason = Clip(reason, 500),
        });

    internal static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    public static string TownshipOf(string regionCode) => regionCode.Length >= 9 ? regionCode[..9] : regionCode;

    /// <summary>
    /// The region of an industry view: a county, township or village code. A malformed or unknown code is
    /// invalid (400), one outside the user's scope (not in it, not above it) does not exist (404).
    /// </summary>
    internal static async Task<(string? Name, RegionLevel Level, Failure? Failure)> RegionAsync(AppDbContext db, string region, CancellationToken ct)
    {
        if (region.Length is not (6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            return (null, default, Result.Invalid([new FieldError("Region", "region.invalid", $"区域代码“{region}”格式有误（应为县、乡镇或村代码）")]));
        if (!db.Scope.Overlaps(region)) return (null, default, Result.NotFound("区域不存在"));
        var r = await db.Regions.IgnoreQueryFilters().Where(x => x.Code == region).Select(x => new { x.Name, x.Level }).SingleOrDefaultAsync(ct);
        return r is null ? (null, default, Result.Invalid([new FieldError("Region", "region.unknown", $"区域“{region}”不存在")])) : (r.Name, r.Level, null);
    }

    /// <summary>The region a view opens on: the user's one region when they have one, else their county (or the first county).</summary>
    internal static async Task<string?> DefaultRegionAsync(AppDbContext db, CancellationToken ct)
    {
        var mine = db.Scope.RegionPrefixes.Where(p => p.Length >= 6).ToList();
        if (!db.Scope.All && mine.Count == 1) return mine[0];
        if (mine.Count > 0) return mine[0][..6];
        return await db.Regions.IgnoreQueryFilters().Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).Select(r => r.Code).FirstOrDefaultAsync(ct);
    }

    internal static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return new(StringComparer.Ordinal);
        var list = codes.ToList();
        return await db.Regions.IgnoreQueryFilters().Where(r => list.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
    }
}
