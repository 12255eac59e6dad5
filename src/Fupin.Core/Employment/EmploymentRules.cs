using Fupin.Common;
using Fupin.Industries;
using Fupin.Registry;

namespace Fupin.Employment;

/// <summary>Rules and labels shared by the employment use cases.</summary>
public static class EmploymentRules
{
    /// <summary>Minimum working age (劳动法 第十五条: no employment under 16).</summary>
    public const int MinWorkingAge = 16;

    public const long MaxMonthlyIncomeFen = 10_000_000;

    public static FieldError NotAllowed(string field) => new(field, IndustryRoles.NotAllowedCode, "您的角色不能登记就业和发展意愿");

    public static FieldError MemberUnknown(string field) => new(field, "employment.member_unknown", "该人员不是建档立卡户成员或不在您的管理范围内");

    public static string Label(CoverageState s) => s switch
    {
        CoverageState.NotAble => "无劳动能力",
        CoverageState.Unwilling => "无发展意愿",
        CoverageState.Gap => "未覆盖",
        CoverageState.Covered => "已覆盖",
        _ => s.ToString(),
    };

    /// <summary>The ties as Chinese words, e.g. "利益联结、务工".</summary>
    public static string Label(CoverageTies t)
    {
        var parts = new List<string>(4);
        if (t.HasFlag(CoverageTies.Linkage)) parts.Add("利益联结");
        if (t.HasFlag(CoverageTies.Job)) parts.Add("务工就业");
        if (t.HasFlag(CoverageTies.Workshop)) parts.Add("车间务工");
        if (t.HasFlag(CoverageTies.Engagement)) parts.Add("自主发展产业");
        return parts.Count == 0 ? "无" : string.Join("、", parts);
    }

    public static string Label(LabourSkill l) => CodeCatalog.Label(l);

    public static string Label(Gender g) => CodeCatalog.Label(g);

    public static string Willing(bool willing) => willing ? "有" : "无";

    /// <summary>A county, township or village code: its region filter is a prefix of the village code.</summary>
    public static bool IsRegionCode(string? code) => code is { Length: 6 or 9 or 12 } && code.All(char.IsAsciiDigit);

    public static string Clip(string? s, int max) => s is null ? "" : s.Length <= max ? s : s[..max];

    public static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
