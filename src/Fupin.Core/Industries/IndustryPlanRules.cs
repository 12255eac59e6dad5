using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

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
    internal static void Log(AppDbContext db, string countyCode, string user, string entity, long id, string action, string field, string? newValue, string reason, long? householdId,
        string? oldValue = null) =>
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = countyCode,
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
