namespace Fupin.Imports;

public enum Severity { Error, Warning }

/// <summary>A data-quality rule: stable code, severity, what it checks (Chinese) and the county checker's rule it matches.</summary>
public sealed record Rule(string Code, Severity Severity, string Title, string? NationalCode = null);

/// <summary>
/// One finding of the checker. <see cref="Row"/> is the row number in the file (null when checking
/// the stored registry), <see cref="Column"/> the header as the file wrote it.
/// </summary>
public sealed record Problem(int? Row, string? Column, string Rule, Severity Severity, string Message, string? Household = null);

/// <summary>The catalogue of rules applied to every import and to the stored registry.</summary>
public static class Rules
{
    public static readonly Rule ColumnMissing = new("column.missing", Severity.Error, "缺少必需的列");
    public static readonly Rule ColumnUnknown = new("column.unknown", Severity.Warning, "无法识别的列（已忽略）");
    public static readonly Rule HeaderMissing = new("header.missing", Severity.Error, "未找到表头行");
    public static readonly Rule Required = new("required", Severity.Error, "必填项为空");
    public static readonly Rule IdInvalid = new("id.invalid", Severity.Error, "身份证号码有误（长度、出生日期或校验码）", "Q01");
    public static readonly Rule IdNumeric = new("id.numeric", Severity.Error, "证件号码被存成数字，末几位已丢失");
    public static readonly Rule IdBirthMismatch = new("id.birth_mismatch", Severity.Error, "出生日期与证件号码不符");
    public static readonly Rule IdGenderMismatch = new("id.gender_mismatch", Severity.Error, "性别与证件号码不符");
    public static readonly Rule IdDuplicate = new("id.duplicate", Severity.Error, "身份证号码有重复", "Q02");
    public static readonly Rule IdOtherHousehold = new("id.other_household", Severity.Error, "证件号码已登记在其他户");
    public static readonly Rule HeadMissing = new("head.missing", Severity.Error, "同一户编号下没有户主", "Q07");
    public static readonly Rule HeadSeveral = new("head.several", Severity.Error, "同一户编号下有多个户主", "Q05");
    public static readonly Rule SpouseSeveral = new("spouse.several", Severity.Error, "同一户编号下有多个配偶", "Q06");
    public static readonly Rule SpouseSameSex = new("spouse.same_sex", Severity.Warning, "户主与配偶性别相同", "Q28");
    public static readonly Rule CodeInvalid = new("code.invalid", Severity.Error, "代码值不在该年度代码表中", "Q03/Q08/Q09/Q10/Q12");
    public static readonly Rule ValueInvalid = new("value.invalid", Severity.Error, "数值、日期或是/否填写有误");
    public static readonly Rule EducationExclusive = new("education.exclusive", Severity.Error, "文化程度和在校生状况同时填写或都未填写", "Q04");
    public static readonly Rule StudentAge = new("student.age", Severity.Warning, "在校生状况与年龄不符");
    public static readonly Rule MigrantTogether = new("migrant.together", Severity.Error, "有务工所在地没务工时间或有务工时间没务工所在地", "Q13");
    public static readonly Rule MedicalExclusive = new("medical.exclusive", Severity.Warning, "城乡居民医保与城镇职工医保同时为是或同时为否", "Q17");
    public static readonly Rule ExitedCriticalIllness = new("exited.critical_illness", Severity.Warning, "脱贫户有未参加大病保险的", "Q14");
    public static readonly Rule PhoneLength = new("phone.length", Severity.Warning, "联系电话不是11位", "Q15");
    public static readonly Rule HouseholdSize = new("household.size", Severity.Warning, "家庭人口数与成员行数不符");
    public static readonly Rule HouseholdInconsistent = new("household.inconsistent", Severity.Error, "同一户的户信息在不同行填写不一致");
    public static readonly Rule IncomeInconsistent = new("income.inconsistent", Severity.Warning, "纯收入或人均纯收入与各项收入不符");
    public static readonly Rule VillageUnknown = new("village.unknown", Severity.Error, "乡镇或行政村不存在");
    public static readonly Rule HouseholdOutOfScope = new("household.out_of_scope", Severity.Error, "户编号已登记在无权管理的地区");
    public static readonly Rule MemberNotInFile = new("member.not_in_file", Severity.Warning, "库中成员不在文件中（未删除）");

    public static IReadOnlyList<Rule> All { get; } =
    [
        HeaderMissing, ColumnMissing, ColumnUnknown, Required, IdInvalid, IdNumeric, IdBirthMismatch, IdGenderMismatch, IdDuplicate,
        IdOtherHousehold, HeadMissing, HeadSeveral, SpouseSeveral, SpouseSameSex, CodeInvalid, ValueInvalid, EducationExclusive,
        StudentAge, MigrantTogether, MedicalExclusive, ExitedCriticalIllness, PhoneLength, HouseholdSize, HouseholdInconsistent,
        IncomeInconsistent, VillageUnknown, HouseholdOutOfScope, MemberNotInFile,
    ];
}
