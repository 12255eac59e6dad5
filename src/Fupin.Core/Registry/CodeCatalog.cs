namespace Fupin.Registry;

/// <summary>
/// The code tables (代码表) with the years each entry is valid in. Enumerations changed between 2014
/// and 2020 (2016 lists had no 弱劳动力, a single 七～九年级 and so on), so every entry carries
/// its first and last valid year; <c>null</c> means open. Seeded into the CodeItems table by the
/// migrations' seed step and read from here by validation.
/// </summary>
public static class CodeCatalog
{
    public const int FirstYear = 2014;

    public static IReadOnlyList<CodeItem> All { get; } = Build();

    public static IEnumerable<CodeItem> Of(string kind, int year) =>
        All.Where(c => c.Kind == kind && c.IsValidIn(year));

    static readonly ILookup<(string Kind, string Label), CodeItem> ByLabel = All.ToLookup(c => (c.Kind, c.Label));

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, int), string> EnumLabels = [];

    public static bool IsValid(string kind, string label, int year)
    {
        foreach (var c in ByLabel[(kind, label)])
        {
            if (c.IsValidIn(year)) return true;
        }
        return false;
    }

    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum =>
        value is HealthConditions ? LabelOf(value) : EnumLabel<TEnum>.Labels.TryGetValue(value, out var label) ? label : value.ToString();

    /// <summary>Labels per value without boxing: the checker asks for them on every row.</summary>
    static class EnumLabel<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> Labels = Enum.GetValues<TEnum>().ToDictionary(v => v, v => LabelOf(v));
    }

    public static string LabelOf(Enum value)
    {
        if (value is HealthConditions h && System.Numerics.BitOperations.PopCount((uint)h) != 1) return HealthLabel(h);
        var type = value.GetType();
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return EnumLabels.GetOrAdd((type, number), key =>
        {
            var code = key.Item2.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            return All.FirstOrDefault(c => c.Kind == key.Item1.Name && c.Code == code)?.Label ?? value.ToString();
        });
    }

    public static string HealthLabel(HealthConditions h) =>
        h == HealthConditions.None ? "" : string.Join("、", Enum.GetValues<HealthConditions>().Where(f => f != HealthConditions.None && h.HasFlag(f)).Select(f => Label(f)));

    public static bool TryParse<TEnum>(string label, out TEnum value) where TEnum : struct, Enum
    {
        var kind = typeof(TEnum).Name;
        var item = All.FirstOrDefault(c => c.Kind == kind && c.Label == label.Trim());
        value = item is null ? default : (TEnum)Enum.ToObject(typeof(TEnum), int.Parse(item.Code, System.Globalization.CultureInfo.InvariantCulture));
        return item is not null;
    }

    public const string Relation = "Relation";
    public const string Ethnicity = "Ethnicity";
    public const string Education = "Education";
    public const string StudentStatus = "StudentStatus";
    public const string PoliticalStatus = "PoliticalStatus";

    static List<CodeItem> Build()
    {
        var list = new List<CodeItem>();
        void Enum<T>(params (T Value, string Label, int? From, int? To)[] items) where T : struct, System.Enum
        {
            foreach (var (v, label, from, to) in items)
                list.Add(new CodeItem(typeof(T).Name, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), label, from ?? FirstYear, to));
        }
        void Labels(string kind, IEnumerable<string> labels, int? from = null, int? to = null)
        {
            var i = list.Count(c => c.Kind == kind);
            foreach (var l in labels) list.Add(new CodeItem(kind, (++i).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), l, from ?? FirstYear, to));
        }

        Enum<Gender>((Gender.Male, "男", null, null), (Gender.Female, "女", null, null));
        Enum<HouseholdAttribute>(
            (HouseholdAttribute.General, "一般贫困户", null, null),
            (HouseholdAttribute.Dibao, "低保贫困户", null, null),
            (HouseholdAttribute.Tekun, "特困供养贫困户", null, null));
        Enum<PovertyStatus>(
            (PovertyStatus.NotExited, "未脱贫", null, null),
            (PovertyStatus.ExitedWithPolicy, "已脱贫(享受政策)", null, null),
            (PovertyStatus.Relapsed, "返贫", null, null),
            (PovertyStatus.ExitedWithoutPolicy, "已脱贫(不再享受政策)", null, null));
        Enum<IdentificationStandard>(
            (IdentificationStandard.National, "国家标准", null, null),
            (IdentificationStandard.Provincial, "省定标准", null, null),
            (IdentificationStandard.Municipal, "市定标准", null, null));
        Enum<PovertyCause>(
            (PovertyCause.Illness, "因病", null, null), (PovertyCause.Disability, "因残", null, null),
            (PovertyCause.Schooling, "因学", null, null), (PovertyCause.Disaster, "因灾", null, null),
            (PovertyCause.LackOfLand, "缺土地", null, null), (PovertyCause.LackOfWater, "缺水", null, null),
            (PovertyCause.LackOfSkills, "缺技术", null, null), (PovertyCause.LackOfLabour, "缺劳力", null, null),
            (PovertyCause.LackOfCapital, "缺资金", null, null), (PovertyCause.PoorTransport, "交通条件落后", null, null),
            (PovertyCause.LackOfDrive, "自身发展动力不足", null, null), (PovertyCause.Marriage, "因婚", null, null),
            (PovertyCause.Funeral, "因丧", null, null));
        Enum<LabourSkill>(
            (LabourSkill.Ordinary, "普通劳动力", null, null), (LabourSkill.Skilled, "技能劳动力", null, null),
            (LabourSkill.Weak, "弱劳动力或半劳动力", 2017, null), (LabourSkill.Lost, "丧失劳动力", null, null),
            (LabourSkill.None, "无劳动力", null, null));
        Enum<HealthConditions>(
            (HealthConditions.Healthy, "健康", null, null), (HealthConditions.Chronic, "长期慢性病", null, null),
            (HealthConditions.Serious, "患有大病", null, null), (HealthConditions.Disabled, "残疾", null, null));
        Enum<HousingGrade>((HousingGrade.A, "A级", null, null), (HousingGrade.B, "B级", null, null), (HousingGrade.C, "C级", null, null), (HousingGrade.D, "D级", null, null));
        Enum<RoadType>((RoadType.Earth, "泥土路", null, null), (RoadType.Gravel, "砂石路", null, null), (RoadType.Concrete, "水泥路", null, null), (RoadType.Asphalt, "沥青路", null, null));
        Enum<FuelType>((FuelType.Firewood, "柴草", null, null), (FuelType.Dung, "干畜粪", null, null), (FuelType.Coal, "煤炭", null, null), (FuelType.Clean, "清洁能源", null, null), (FuelType.Other, "其它", null, null));

        Labels(Relation, ["户主", "配偶", "之子", "之女", "之儿媳", "之女婿", "之孙子", "之孙女", "之外孙子", "之外孙女", "之父", "之母",
            "之岳父", "之岳母", "之公公", "之婆婆", "之祖父", "之祖母", "之外祖父", "之外祖母", "之兄弟姐妹", "之曾孙子", "之曾孙女",
            "之侄儿", "之侄女", "之兄弟媳妇", "之叔伯", "其他"]);
        Labels(Ethnicity, ["汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族",
            "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族",
            "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
            "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族",
            "赫哲族", "门巴族", "珞巴族", "基诺族", "其他"]);
        Labels(Education, ["文盲或半文盲", "小学", "初中", "高中"]);
        Labels(Education, ["大专及以上", "学龄前儿童"], to: 2016);
        Labels(Education, ["大专", "本科及以上"], from: 2017);
        Labels(StudentStatus, ["非在校生", "七～九年级", "高中一～三年级", "高职一～三年级", "大专及以上"], to: 2016);
        Labels(StudentStatus, ["学前教育", "小学", "中职一～三年级"]);
        Labels(StudentStatus, ["学龄前儿童", "七年级", "八年级", "九年级", "普通高中一～三年级", "高职高专一～三年级", "技师学院一～四年级",
            "本科一～五年级", "硕士研究生及以上"], from: 2017);
        Labels(PoliticalStatus, ["中共党员", "中共预备党员", "共青团员", "群众"]);
        return list;
    }
}

public sealed record CodeItem(string Kind, string Code, string Label, int FromYear, int? ToYear)
{
    public bool IsValidIn(int year) => year >= FromYear && (ToYear is null || year <= ToYear);
}
