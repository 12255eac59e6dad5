using Fupin.Imports;

namespace Fupin.Verification;

/// <summary>Where a list column's value goes in a <see cref="DepartmentListRow"/>.</summary>
public enum ListSlot { Kind, Status, Date, Detail }

/// <summary>A column of a list type: its header, the variants found in departments' files, where it is kept.</summary>
public sealed record ListColumn(string Header, ListSlot Slot, bool Required, params string[] Variants);

/// <summary>A kind of department list: what it means, who sends it, which columns it needs.</summary>
public sealed record ListType(string Key, string Title, string Department, string Meaning, IReadOnlyList<ListColumn> Columns)
{
    public IEnumerable<ListColumn> RequiredColumns => Columns.Where(c => c.Required);
}

/// <summary>The department lists the comparison rules read (docs/verification.md).</summary>
public static class ListTypes
{
    public const string Deaths = "deaths";
    public const string Payroll = "payroll";
    public const string Vehicles = "vehicles";
    public const string Businesses = "businesses";
    public const string Property = "property";
    public const string Dibao = "dibao";
    public const string Tekun = "tekun";
    public const string MedicalInsurance = "medical-insurance";
    public const string SchoolEnrolment = "school-enrolment";
    public const string UnsafeHousing = "unsafe-housing";
    public const string Disability = "disability";
    public const string VillageOfficials = "village-officials";

    /// <summary>Every list has these two before its own columns.</summary>
    public static readonly ListColumn Name = new("姓名", ListSlot.Detail, true, "人员姓名", "户主姓名");
    public static readonly ListColumn IdNumber = new("身份证号码", ListSlot.Detail, true, "证件号码", "公民身份号码", "身份证号", "身份证件号码");

    public static IReadOnlyList<ListType> All { get; } =
    [
        new(Deaths, "户籍注销（死亡、迁出）", "公安局", "已注销户籍的人员：死亡或迁出本县",
        [
            new("注销原因", ListSlot.Kind, true, "注销类型", "注销类别"),
            new("注销日期", ListSlot.Date, true, "死亡日期", "迁出日期"),
        ]),
        new(Payroll, "财政供养人员", "财政局", "由财政发放工资的机关、事业单位在编人员",
        [
            new("工作单位", ListSlot.Detail, true, "单位名称", "所在单位"),
            new("职务", ListSlot.Status, false, "职务职级"),
        ]),
        new(Vehicles, "车辆登记", "公安局交警大队", "登记在本人名下的机动车",
        [
            new("车辆类型", ListSlot.Kind, true, "车辆种类", "车型"),
            new("号牌号码", ListSlot.Detail, false, "车牌号码", "号牌", "车牌号"),
        ]),
        new(Businesses, "工商注册（法人、股东）", "市场监督管理局", "企业的法定代表人、股东和个体工商户经营者",
        [
            new("企业名称", ListSlot.Detail, true, "主体名称", "市场主体名称", "单位名称"),
            new("身份", ListSlot.Kind, false, "人员类型", "担任职务"),
        ]),
        new(Property, "城镇不动产登记", "自然资源局（不动产登记中心）", "在城镇拥有商品房等不动产的人员",
        [
            new("坐落", ListSlot.Detail, true, "房屋坐落", "不动产坐落"),
            new("面积", ListSlot.Status, false, "建筑面积"),
        ]),
        new(Dibao, "农村低保", "民政局", "享受农村最低生活保障的人员",
        [
            new("保障类别", ListSlot.Kind, false, "低保类别"),
            new("月保障金额", ListSlot.Status, false, "保障金额"),
        ]),
        new(Tekun, "特困供养", "民政局", "农村特困人员救助供养对象",
        [
            new("供养方式", ListSlot.Kind, false, "供养形式"),
        ]),
        new(MedicalInsurance, "医保参保", "医疗保障局", "参加基本医疗保险和大病保险的人员",
        [
            new("险种", ListSlot.Kind, false, "参保险种", "参保类型", "险种类型"),
        ]),
        new(SchoolEnrolment, "学籍", "教育局", "有学籍的在校学生",
        [
            new("学校", ListSlot.Detail, true, "学校名称", "就读学校"),
            new("年级", ListSlot.Status, false, "就读年级"),
        ]),
        new(UnsafeHousing, "危房鉴定与改造", "住房和城乡建设局", "鉴定为C级、D级的危房及其改造情况",
        [
            new("危房等级", ListSlot.Kind, true, "鉴定等级", "危险等级"),
            new("改造状态", ListSlot.Status, true, "改造情况", "改造进度"),
        ]),
        new(Disability, "残疾人证", "残疾人联合会", "持第二代残疾人证的人员",
        [
            new("残疾证号", ListSlot.Detail, false, "残疾人证号"),
            new("残疾类别", ListSlot.Kind, false, "残疾类型"),
            new("残疾等级", ListSlot.Status, false, "残疾级别"),
        ]),
        new(VillageOfficials, "村干部及近亲属", "组织部（乡镇党委）", "村“两委”干部及其配偶、父母、子女、兄弟姐妹",
        [
            new("职务", ListSlot.Status, true, "村干部职务"),
            new("关系", ListSlot.Kind, false, "与村干部关系"),
        ]),
    ];

    public static ListType? Find(string? key) => All.FirstOrDefault(t => t.Key == key?.Trim());

    /// <summary>The type's place in <see cref="All"/> (the order lists are shown and compared in), or -1.</summary>
    public static int IndexOf(string key)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Key == key) return i;
        }
        return -1;
    }

    /// <summary>The column of this type (or 姓名, 身份证号码) a header names, tolerant as the registry import is.</summary>
    public static ListColumn? Match(ListType type, string? header)
    {
        var h = Columns.NormalizeHeader(header);
        if (h.Length == 0) return null;
        foreach (var c in type.Columns.Prepend(IdNumber).Prepend(Name))
        {
            if (Columns.NormalizeHeader(c.Header) == h || c.Variants.Any(v => Columns.NormalizeHeader(v) == h)) return c;
        }
        return null;
    }
}
