using Fupin.Imports;

namespace Fupin.Verification;

/// <summary>The comparison rules, in catalogue order; the engine indexes by this.</summary>
public enum ComparisonRuleId
{
    Deceased, MovedOut, Payroll, Vehicle, Business, Property,
    DibaoNotRegistered, DibaoNotListed, TekunNotRegistered, TekunNotListed,
    NotEnrolled, Uninsured, UnsafeHousing, DisabilityNotFlagged, DisabilityNotListed, VillageOfficial, NameMismatch,
}

/// <summary>What a finding is about: one member, or one household.</summary>
public enum Subject { Person, Household }

/// <summary>
/// A comparison of the registry with department lists: stable code, Chinese name, the lists it needs
/// (any loaded list for <see cref="ComparisonRuleId.NameMismatch"/>), why it matters and what the
/// village or township is expected to do.
/// </summary>
public sealed record ComparisonRule(
    ComparisonRuleId Id, string Code, string Title, Severity Severity, Subject Subject, IReadOnlyList<string> Lists,
    string Rationale, string Action);

public static class ComparisonRules
{
    public static IReadOnlyList<ComparisonRule> All { get; } =
    [
        new(ComparisonRuleId.Deceased, "list.deceased", "已死亡人员仍在册", Severity.Error, Subject.Person, [ListTypes.Deaths],
            "公安户籍已因死亡注销，建档立卡信息中仍为家庭成员，人口数和人均收入因此失真。",
            "核实死亡情况，属实的在建档立卡信息中做成员减少（自然减员）并重算人均纯收入。"),
        new(ComparisonRuleId.MovedOut, "list.moved_out", "户籍已迁出人员仍在册", Severity.Warning, Subject.Person, [ListTypes.Deaths],
            "户籍已迁出本县，可能已不在本户共同生活。",
            "核实是否仍在本户共同生活；不在的做成员减少，在的说明情况。"),
        new(ComparisonRuleId.Payroll, "list.payroll", "财政供养人员", Severity.Error, Subject.Person, [ListTypes.Payroll],
            "家庭成员为财政供养人员的，原则上不应识别为贫困户（错评）。",
            "核实身份和收入，属实的按程序清退或说明特殊情况并报县扶贫办审定。"),
        new(ComparisonRuleId.Vehicle, "list.vehicle", "拥有非农用车辆", Severity.Warning, Subject.Person, [ListTypes.Vehicles],
            "名下有小汽车等非生产经营用车辆，家庭经济状况可能超出标准（拖拉机、三轮车等农用车不计）。",
            "核实车辆用途、购置时间和家庭收入，属实且超标的按程序清退。"),
        new(ComparisonRuleId.Business, "list.business", "工商注册企业法人或股东", Severity.Warning, Subject.Person, [ListTypes.Businesses],
            "注册有公司或持股，家庭经济状况可能超出标准。",
            "核实企业是否实际经营及收入，已注销或为空壳的附说明。"),
        new(ComparisonRuleId.Property, "list.property", "拥有城镇商品房", Severity.Warning, Subject.Person, [ListTypes.Property],
            "在城镇购买商品房，家庭经济状况可能超出标准。",
            "核实房产来源（搬迁安置房、继承等除外）和家庭收入。"),
        new(ComparisonRuleId.DibaoNotRegistered, "list.dibao_not_registered", "享受低保但建档信息未标注低保", Severity.Warning, Subject.Person, [ListTypes.Dibao],
            "民政低保名单有此人，建档立卡信息未标注享受低保，两项制度衔接信息不一致。",
            "核实后更正“是否享受低保”及贫困户属性。"),
        new(ComparisonRuleId.DibaoNotListed, "list.dibao_not_listed", "建档信息标注低保但不在低保名单", Severity.Warning, Subject.Person, [ListTypes.Dibao],
            "建档立卡信息标注享受低保，民政低保名单中没有此人，可能已退保或信息错误。",
            "向民政所核实，更正建档信息或督促民政补录。"),
        new(ComparisonRuleId.TekunNotRegistered, "list.tekun_not_registered", "享受特困供养但建档信息未标注特困", Severity.Warning, Subject.Person, [ListTypes.Tekun],
            "民政特困供养名单有此人，建档立卡信息未标注特困供养。",
            "核实后更正“是否特困供养”及贫困户属性。"),
        new(ComparisonRuleId.TekunNotListed, "list.tekun_not_listed", "建档信息标注特困但不在特困名单", Severity.Warning, Subject.Person, [ListTypes.Tekun],
            "建档立卡信息标注特困供养，民政特困名单中没有此人。",
            "向民政所核实，更正建档信息或督促民政补录。"),
        new(ComparisonRuleId.NotEnrolled, "list.not_enrolled", "义务教育阶段适龄儿童未在学籍", Severity.Error, Subject.Person, [ListTypes.SchoolEnrolment],
            "6至15周岁的孩子应当接受义务教育，学籍系统中没有此人，可能辍学（控辍保学）。",
            "入户核实是否在校（含县外就读、送教上门、因病缓学），辍学的劝返复学并记录。"),
        new(ComparisonRuleId.Uninsured, "list.uninsured", "未参加基本医疗保险", Severity.Error, Subject.Person, [ListTypes.MedicalInsurance],
            "贫困人口应全部参加基本医疗保险（基本医疗有保障）。",
            "核实参保情况（含县外参保、职工医保），未参保的立即办理代缴参保。"),
        new(ComparisonRuleId.UnsafeHousing, "list.unsafe_housing", "住房不安全且未改造", Severity.Error, Subject.Household, [ListTypes.UnsafeHousing],
            "住房为C级或D级危房且没有改造竣工记录，住房安全没有保障。",
            "核实住房现状，列入危房改造计划或安排安全住房，竣工后由住建部门更新名单。"),
        new(ComparisonRuleId.DisabilityNotFlagged, "list.disability_not_flagged", "持残疾证但健康状况未标注残疾", Severity.Warning, Subject.Person, [ListTypes.Disability],
            "残联名单有残疾证，建档立卡健康状况未标注残疾，残疾人两项补贴等政策可能落实不到位。",
            "核实后更正健康状况，并落实残疾人政策。"),
        new(ComparisonRuleId.DisabilityNotListed, "list.disability_not_listed", "健康状况为残疾但无残疾证", Severity.Warning, Subject.Person, [ListTypes.Disability],
            "建档立卡健康状况为残疾，残联没有其残疾证，可能未办证或信息有误。",
            "核实后协助办理残疾人证，或更正健康状况。"),
        new(ComparisonRuleId.VillageOfficial, "list.village_official", "村干部或其近亲属", Severity.Warning, Subject.Person, [ListTypes.VillageOfficials],
            "村干部及其近亲属为贫困户的，须经特别审核，防止优亲厚友。",
            "核实识别程序和家庭情况，符合条件的附说明备案，不符合的按程序清退。"),
        new(ComparisonRuleId.NameMismatch, "list.name_mismatch", "身份证号相同但姓名不同", Severity.Error, Subject.Person, [],
            "同一身份证号在部门名单和建档立卡信息中姓名不同，是数据错误，不能当作同一人比对。",
            "核对户口簿和身份证，更正建档信息中的姓名或证件号码，或请部门更正。"),
    ];

    public static ComparisonRule Get(ComparisonRuleId id) => All[(int)id];

    public static ComparisonRule? Find(string? code) => All.FirstOrDefault(r => r.Code == code);
}

/// <summary>One row of the single rule catalogue: the registry's data-quality rules and the comparison rules.</summary>
public sealed record CatalogRule(string Code, string Title, Severity Severity, string Kind, string Lists, string Rationale, string Action);

/// <summary>Every rule Fupin applies, data quality and comparison alike, for the rule pages and the CLI.</summary>
public static class RuleCatalog
{
    public const string DataQuality = "数据质量";
    public const string Comparison = "部门比对";

    public static IReadOnlyList<CatalogRule> All { get; } =
    [
        .. Rules.All.Select(r => new CatalogRule(r.Code, r.Title, r.Severity, DataQuality, "建档立卡信息",
            r.NationalCode is null ? "建档立卡信息录入规范。" : $"对应县级上传前检查规则 {r.NationalCode}。",
            "核实后在建档立卡信息中更正，导入文件的在文件中改正后重新导入。")),
        .. ComparisonRules.All.Select(r => new CatalogRule(r.Code, r.Title, r.Severity, Comparison,
            r.Lists.Count == 0 ? "任一部门名单" : string.Join("、", r.Lists.Select(l => ListTypes.Find(l)!.Title)), r.Rationale, r.Action)),
    ];
}
