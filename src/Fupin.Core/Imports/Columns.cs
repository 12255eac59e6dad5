using System.Text;

namespace Fupin.Imports;

/// <summary>The registry fields a spreadsheet column can carry, whatever its header says.</summary>
public enum Field
{
    County, Township, Village, VillageCode, HouseholdNumber, HouseholdSize,
    PersonNumber, Name, IdNumber, Relation, Gender, BirthDate, Ethnicity, PoliticalStatus, Education, StudentStatus,
    Health, LabourSkill, MigrantWorkPlace, MigrantWorkMonths, BasicMedical, EmployeeMedical, CriticalIllness, Pension,
    Dibao, Tekun, MemberPhone,
    Attribute, Status, Standard, IdentificationYear, PlannedExitYear, ExitYear, MainCause, OtherCauses,
    HouseholdPhone, BankName, BankAccount,
    ArableLand, IrrigatedLand, ForestLand, ReturnedFarmland, OrchardLand, PastureLand, WaterSurface,
    RoadType, DistanceToRoadKm, HousingArea, HousingGrade, SafeDrinkingWater, HasPower, Fuel, HasSanitaryToilet, InCooperative,
    IncomeYear, Wage, Production, AssetDividend, OtherProperty, FamilyPlanning, DibaoAllowance, TekunAllowance,
    PensionIncome, EcoCompensation, OtherTransfer, ProductionCost, NetIncome, PerCapitaIncome,
}

public enum Layout { National, Template }

/// <summary>
/// Header texts per field: the first is what Fupin writes for the layout, the rest are the variants
/// found in real files. Headers are compared after <see cref="NormalizeHeader"/>, so 全角/半角
/// brackets, spaces and a trailing required-marker * do not matter.
/// </summary>
public static class Columns
{
    // Before the tables below: building them normalizes headers.
    static readonly System.Buffers.SearchValues<char> HeaderSpecials =
        System.Buffers.SearchValues.Create(" \t\r\n\u00A0\u3000*【〔[】〕]\u2028\u2029\u000B\u000C\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F");

    sealed record Spec(Field Field, string National, string Template, bool HouseholdLevel, string[] Variants);

    static readonly Spec[] Specs =
    [
        new(Field.County, "县(市、区、旗)", "县", true, ["县", "县(市、区)", "县区", "区县"]),
        new(Field.Township, "乡(镇)", "乡镇", true, ["乡", "镇", "乡/镇", "乡镇(街道)"]),
        new(Field.Village, "行政村", "行政村", true, ["村"]),
        new(Field.VillageCode, "行政村代码", "行政村代码", true, ["村代码", "贫困村编号"]),
        new(Field.HouseholdNumber, "户编号", "户编号", true, ["户号"]),
        new(Field.HouseholdSize, "人数", "家庭人口数", true, ["家庭人口数", "当前家庭人口数", "年度家庭人口数", "户人数"]),
        new(Field.PersonNumber, "人编号", "人编号", false, ["人口编号", "个人编号"]),
        new(Field.Name, "姓名", "姓名", false, []),
        new(Field.IdNumber, "证件号码", "证件号码", false, ["身份证号码", "身份证号", "公民身份号码"]),
        new(Field.Relation, "与户主关系", "与户主关系", false, ["户主关系"]),
        new(Field.Gender, "性别", "性别", false, []),
        new(Field.BirthDate, "出生日期", "出生日期", false, []),
        new(Field.Ethnicity, "民族", "民族", false, []),
        new(Field.PoliticalStatus, "政治面貌", "政治面貌", false, []),
        new(Field.Education, "文化程度", "文化程度", false, []),
        new(Field.StudentStatus, "在校生状况", "在校生状况", false, []),
        new(Field.Health, "健康状况", "健康状况", false, []),
        new(Field.LabourSkill, "劳动技能", "劳动技能", false, []),
        new(Field.MigrantWorkPlace, "务工所在地", "务工所在地", false, ["务工地点"]),
        new(Field.MigrantWorkMonths, "务工时间(月)", "务工时间(月)", false, ["务工时间", "务工月数"]),
        new(Field.BasicMedical, "是否参加城乡居民基本医疗保险", "是否参加城乡居民基本医疗保险", false,
            ["是否参加新型农村合作医疗(城乡居民基本医疗保险)", "是否参加新型农村合作医疗", "城乡居民基本医疗保险"]),
        new(Field.EmployeeMedical, "是否参加城镇职工基本医疗保险", "是否参加城镇职工基本医疗保险", false, []),
        new(Field.CriticalIllness, "是否参加大病保险", "是否参加大病保险", false, ["参加大病医疗", "是否参加大病医疗", "大病保险"]),
        new(Field.Pension, "是否参加城乡居民基本养老保险", "是否参加城乡居民基本养老保险", false, ["城乡居民基本养老保险"]),
        new(Field.Dibao, "是否享受低保", "是否享受低保", false, ["是否享受农村居民最低生活保障"]),
        new(Field.Tekun, "是否特困供养人员", "是否特困供养人员", false, []),
        new(Field.MemberPhone, "人联系电话", "成员联系电话", false, ["成员联系电话", "家庭成员联系电话"]),
        new(Field.Attribute, "贫困户属性", "贫困户属性", true, []),
        new(Field.Status, "脱贫属性", "脱贫状态", true, ["脱贫状态", "贫困户状态"]),
        new(Field.Standard, "识别标准", "识别标准", true, []),
        new(Field.IdentificationYear, "首次识别时间", "识别年度", true, ["识别年度", "首次识别年度", "识别时间"]),
        new(Field.PlannedExitYear, "计划脱贫年度", "计划脱贫年度", true, []),
        new(Field.ExitYear, "脱贫年度", "脱贫年度", true, []),
        new(Field.MainCause, "主要致贫原因", "主要致贫原因", true, ["致贫原因1", "致贫原因"]),
        new(Field.OtherCauses, "其他致贫原因", "其他致贫原因", true, []),
        new(Field.HouseholdPhone, "户联系电话", "户联系电话", true, ["联系电话"]),
        new(Field.BankName, "开户银行", "开户银行", true, []),
        new(Field.BankAccount, "银行卡号", "银行卡号", true, ["银行账号", "一卡通账号"]),
        new(Field.ArableLand, "耕地面积(亩)", "耕地面积(亩)", true, ["耕地面积"]),
        new(Field.IrrigatedLand, "有效灌溉面积(亩)", "有效灌溉面积(亩)", true, ["有效灌溉面积"]),
        new(Field.ForestLand, "林地面积(亩)", "林地面积(亩)", true, ["林地面积"]),
        new(Field.ReturnedFarmland, "退耕还林面积(亩)", "退耕还林面积(亩)", true, ["退耕还林面积"]),
        new(Field.OrchardLand, "林果面积(亩)", "林果面积(亩)", true, ["林果面积"]),
        new(Field.PastureLand, "牧草地面积(亩)", "牧草地面积(亩)", true, ["牧草地面积"]),
        new(Field.WaterSurface, "水面面积(亩)", "水面面积(亩)", true, ["水面面积"]),
        new(Field.RoadType, "入户路类型", "入户路类型", true, []),
        new(Field.DistanceToRoadKm, "与村主干路距离(公里)", "与村主干路距离(公里)", true, ["与村主干路距离"]),
        new(Field.HousingArea, "住房面积(平方米)", "住房面积(平方米)", true, ["住房面积"]),
        new(Field.HousingGrade, "危房级别", "住房安全等级", true, ["住房安全等级"]),
        new(Field.SafeDrinkingWater, "是否解决安全饮用水", "是否解决安全饮用水", true, []),
        new(Field.HasPower, "是否通生活用电", "是否通生活用电", true, []),
        new(Field.Fuel, "主要燃料类型", "主要燃料类型", true, []),
        new(Field.HasSanitaryToilet, "是否有卫生厕所", "是否有卫生厕所", true, []),
        new(Field.InCooperative, "是否加入农民专业合作组织", "是否加入农民专业合作组织", true, ["是否加入农民专业合作社"]),
        new(Field.IncomeYear, "收入年度", "收入年度", true, []),
        new(Field.Wage, "工资性收入", "工资性收入(元)", true, []),
        new(Field.Production, "生产经营性收入", "生产经营性收入(元)", true, []),
        new(Field.AssetDividend, "资产收益扶贫分红收入", "资产收益扶贫分红收入(元)", true, ["资产收益分红收入"]),
        new(Field.OtherProperty, "其他财产性收入", "其他财产性收入(元)", true, []),
        new(Field.FamilyPlanning, "计划生育金", "计划生育金(元)", true, []),
        new(Field.DibaoAllowance, "最低生活保障金", "最低生活保障金(元)", true, ["低保金"]),
        new(Field.TekunAllowance, "特困人员救助供养金", "特困人员救助供养金(元)", true, ["特困供养金"]),
        new(Field.PensionIncome, "养老金或离退休金", "养老金或离退休金(元)", true, ["养老保险金"]),
        new(Field.EcoCompensation, "生态补偿金", "生态补偿金(元)", true, []),
        new(Field.OtherTransfer, "其他转移性收入", "其他转移性收入(元)", true, []),
        new(Field.ProductionCost, "生产经营性支出", "生产经营性支出(元)", true, []),
        new(Field.NetIncome, "纯收入(元)", "纯收入(元)", true, ["纯收入", "年纯收入"]),
        new(Field.PerCapitaIncome, "人均纯收入", "人均纯收入(元)", true, ["人均纯收入(元)"]),
    ];

    static readonly Dictionary<string, Field> ByHeader = BuildIndex();

    /// <summary>Household-level columns are repeated on every member row of the household.</summary>
    public static bool IsHouseholdLevel(Field f) => Specs[(int)f].HouseholdLevel;

    /// <summary>The header Fupin writes for a field in a layout.</summary>
    public static string Header(Field f, Layout layout) => layout == Layout.National ? Specs[(int)f].National : Specs[(int)f].Template;

    /// <summary>The columns Fupin exports, in order. The national layout names places; the template also carries the village code.</summary>
    public static IReadOnlyList<Field> Exported(Layout layout) => layout == Layout.National
        ? [.. Enum.GetValues<Field>().Where(f => f is not (Field.VillageCode or Field.EmployeeMedical))]
        : [.. Enum.GetValues<Field>().Where(f => f is not (Field.County or Field.EmployeeMedical))];

    /// <summary>Columns without which a file cannot be imported.</summary>
    public static IReadOnlyList<Field> Required { get; } = [Field.HouseholdNumber, Field.Name, Field.IdNumber, Field.Relation];

    public static Field? Match(string? header) =>
        ByHeader.TryGetValue(NormalizeHeader(header), out var f) ? f : null;

    /// <summary>Half-width, no spaces or line breaks, 〔【（ → (, no leading/trailing * (a required marker).</summary>
    public static string NormalizeHeader(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.AsSpan().ContainsAny(HeaderSpecials) && !text.AsSpan().ContainsAnyInRange('\uFF01', '\uFF5E')) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var h = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            if (char.IsWhiteSpace(h) || h == '\u3000' || h == '*') continue;
            sb.Append(h switch { '【' or '〔' or '[' => '(', '】' or '〕' or ']' => ')', _ => h });
        }
        return sb.ToString();
    }

    static Dictionary<string, Field> BuildIndex()
    {
        var index = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var s in Specs)
        {
            if (Specs[(int)s.Field] != s) throw new InvalidOperationException($"column specs out of order at {s.Field}");
            foreach (var h in s.Variants.Prepend(s.Template).Prepend(s.National)) index.TryAdd(NormalizeHeader(h), s.Field);
        }
        return index;
    }
}
