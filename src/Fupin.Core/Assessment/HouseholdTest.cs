using System.Globalization;
using Fupin.Registry;

namespace Fupin.Assessment;

/// <summary>The six indicators of the household test, in the order they are reported (收入 then 两不愁三保障 and water).</summary>
public enum Indicator { Income, FoodAndClothing, Education, Medical, Housing, Water }

/// <summary>达标 / 不达标 / 未核实 (the data needed to judge is missing: neither met nor failed, and not a pass).</summary>
public enum IndicatorState { Met, NotMet, Unverified }

/// <summary>One indicator of one household, with the evidence a cadre can check it against.</summary>
public sealed record IndicatorResult(Indicator Indicator, IndicatorState State, string Evidence);

/// <param name="PerCapitaNetIncomeFen">人均纯收入 in fen (rounded toward zero), null without an income record of the year.</param>
/// <param name="Unstable">Income passes but lies below margin × line (不稳定).</param>
/// <param name="MeetsExitStandard">Income 达标 and every guarantee 达标; an indicator 未核实 does not pass.</param>
/// <param name="MeetsExceptUnverified">No indicator 不达标 (some may be 未核实): what verification could still turn into an exit.</param>
public sealed record HouseholdTestResult(
    IReadOnlyList<IndicatorResult> Indicators, long? PerCapitaNetIncomeFen, bool Unstable,
    bool MeetsExitStandard, bool MeetsExceptUnverified, string Summary)
{
    public IndicatorResult this[Indicator indicator] => Indicators[(int)indicator];

    /// <summary>Indicators 不达标 (deprived, in Alkire–Foster terms).</summary>
    public int Deprivations => Indicators.Count(i => i.State == IndicatorState.NotMet);
}

/// <summary>
/// The household exit test for one year: per-capita net income against the year's line, and
/// 不愁吃穿, 义务教育, 基本医疗, 住房安全 and 饮水安全 — each indicator with its state and evidence, never one
/// yes/no. Pure: it reads the household, its members and the income record given, nothing else.
/// AssessHouseholds loads only the columns read here (housing grade and renovation, drinking water; a member's name,
/// relation, birth date, education, student status, out-of-school reason and insurance): reading another means adding it there.
/// </summary>
public static class HouseholdTest
{
    public const decimal DefaultMargin = 1.1m;

    /// <summary>Compulsory-education ages (义务教育法 第十一条: enrolment at 6, nine years).</summary>
    public const int SchoolAgeFrom = 6;
    public const int SchoolAgeTo = 15;

    public static string Label(Indicator indicator) => indicator switch
    {
        Indicator.Income => "收入",
        Indicator.FoodAndClothing => "不愁吃穿",
        Indicator.Education => "义务教育",
        Indicator.Medical => "基本医疗",
        Indicator.Housing => "住房安全",
        Indicator.Water => "饮水安全",
        _ => indicator.ToString(),
    };

    public static string Label(IndicatorState state) => state switch
    {
        IndicatorState.Met => "达标",
        IndicatorState.NotMet => "不达标",
        _ => "未核实",
    };

    /// <param name="income">The household's income record of the assessed year, or null when there is none.</param>
    /// <param name="visit">The latest home visit of the assessed year up to <paramref name="asOf"/>, or null when there is none.</param>
    /// <param name="lineYuan">The poverty line of the year, yuan per person per year.</param>
    /// <param name="margin">Income passing but below margin × line is flagged unstable.</param>
    /// <param name="asOf">The date ages are taken on.</param>
    public static HouseholdTestResult Run(Household household, IncomeRecord? income, HouseholdVisit? visit, int lineYuan, decimal margin, DateOnly asOf)
    {
        var (incomeResult, perCapita, unstable) = Income(household, income, lineYuan, margin);
        IndicatorResult[] indicators =
        [
            incomeResult,
            FoodAndClothing(visit),
            Education(household, asOf),
            Medical(household),
            Housing(household, asOf),
            Water(household),
        ];
        var meets = indicators.All(i => i.State == IndicatorState.Met);
        var meetsExceptUnverified = indicators.All(i => i.State != IndicatorState.NotMet);
        var failed = indicators.Where(i => i.State == IndicatorState.NotMet).Select(i => Label(i.Indicator)).ToList();
        var unverified = indicators.Where(i => i.State == IndicatorState.Unverified).Select(i => Label(i.Indicator)).ToList();
        var summary = meets
            ? unstable ? "达到退出标准（收入不稳定）" : "达到退出标准"
            : failed.Count > 0
                ? $"未达到退出标准：{string.Join("、", failed)}不达标" + (unverified.Count > 0 ? $"；{string.Join("、", unverified)}未核实" : "")
                : $"尚不能判定达到退出标准：{string.Join("、", unverified)}未核实（未核实不视为达标）";
        return new HouseholdTestResult(indicators, perCapita, unstable, meets, meetsExceptUnverified, summary);
    }

    /// <summary>Yuan with two decimals from fen, e.g. 353500 → "3535.00".</summary>
    public static string Yuan(long fen) =>
        (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    static (IndicatorResult Result, long? PerCapita, bool Unstable) Income(Household household, IncomeRecord? income, int lineYuan, decimal margin)
    {
        if (income is null)
            return (new(Indicator.Income, IndicatorState.Unverified, "无该年度收入记录，收入无从判断"), null, false);
        var size = income.HouseholdSize > 0 ? income.HouseholdSize : household.Members.Count;
        if (size <= 0)
            return (new(Indicator.Income, IndicatorState.Unverified, "家庭人口数为0，人均纯收入无从计算"), null, false);

        // Compared as totals so no rounding can move a household across the line: net ≥ line × size.
        var net = income.NetIncome;
        var lineFen = lineYuan * 100L;
        var perCapita = net / size;
        var formula = $"纯收入 {Yuan(net)} 元 = 工资性 {Yuan(income.Wage)} + 生产经营性 {Yuan(income.Production)} + 财产性 {Yuan(income.Property)} + " +
            $"转移性 {Yuan(income.Transfer)} − 生产经营性支出 {Yuan(income.ProductionCost)}；÷ {size.ToString(CultureInfo.InvariantCulture)} 人 = 人均 {Yuan(perCapita)} 元";
        var line = $"贫困线 {lineYuan.ToString(CultureInfo.InvariantCulture)} 元";
        if (net < lineFen * size)
            return (new(Indicator.Income, IndicatorState.NotMet, $"{formula}，低于{line}"), perCapita, false);
        var unstable = net < margin * lineFen * size;
        var evidence = unstable
            ? $"{formula}，达到{line}，但低于 {margin.ToString(CultureInfo.InvariantCulture)} 倍贫困线 {Yuan((long)Math.Floor(margin * lineFen))} 元：不稳定"
            : $"{formula}，达到{line}";
        return (new(Indicator.Income, IndicatorState.Met, evidence), perCapita, unstable);
    }

    static IndicatorResult FoodAndClothing(HouseholdVisit? visit)
    {
        if (visit is null)
            return new(Indicator.FoodAndClothing, IndicatorState.Unverified, "本年度无入户走访记录，不愁吃、不愁穿无从判断");
        var on = $"{visit.VisitedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {visit.Visitor} 入户走访";
        if (visit.FoodSecure && visit.ClothingSecure)
            return new(Indicator.FoodAndClothing, IndicatorState.Met, $"{on}：不愁吃、不愁穿");
        var lacking = string.Join("、", new[] { visit.FoodSecure ? null : "吃", visit.ClothingSecure ? null : "穿" }.OfType<string>());
        return new(Indicator.FoodAndClothing, IndicatorState.NotMet, $"{on}：{lacking}有困难" + (visit.Note is { Length: > 0 } n ? $"（{n}）" : ""));
    }

    static IndicatorResult Education(Household household, DateOnly asOf)
    {
        var schoolAge = household.Members.Where(m => m.AgeOn(asOf) is >= SchoolAgeFrom and <= SchoolAgeTo).ToList();
        if (schoolAge.Count == 0)
            return new(Indicator.Education, IndicatorState.Met, "无6～15周岁义务教育阶段成员");
        var outOfSchool = schoolAge.Where(m => !InSchoolOrCompleted(m, asOf)).ToList();
        var failing = outOfSchool.Where(m => string.IsNullOrWhiteSpace(m.OutOfSchoolReason)).ToList();
        var excused = outOfSchool.Except(failing).Select(m => $"{m.Name}（{m.OutOfSchoolReason}）").ToList();
        var excusedText = excused.Count > 0 ? $"；有法定原因未在校：{string.Join("、", excused)}" : "";
        if (failing.Count == 0)
            return new(Indicator.Education, IndicatorState.Met, $"6～15周岁成员 {schoolAge.Count.ToString(CultureInfo.InvariantCulture)} 人均在校或已完成义务教育{excusedText}");
        var names = string.Join("、", failing.Select(m => $"{m.Name}（{m.AgeOn(asOf).ToString(CultureInfo.InvariantCulture)}岁，{m.StudentStatus ?? m.Education ?? "未填"}）"));
        return new(Indicator.Education, IndicatorState.NotMet, $"6～15周岁成员未在校且无法定原因：{names}{excusedText}");
    }

    /// <summary>
    /// In school per 在校生状况 (anything but 非在校生; 学龄前儿童 and 学前教育 only at 6, as enrolment
    /// may wait until 7), or compulsory education completed (文化程度 初中 or above).
    /// </summary>
    internal static bool InSchoolOrCompleted(Member m, DateOnly asOf)
    {
        var status = m.StudentStatus ?? m.Education;
        if (status is "学龄前儿童" or "学前教育") return m.AgeOn(asOf) <= SchoolAgeFrom;
        if (m.StudentStatus is not null) return m.StudentStatus != "非在校生";
        return m.Education is "初中" or "高中" or "大专" or "本科及以上" or "大专及以上";
    }

    static IndicatorResult Medical(Household household)
    {
        var uninsured = household.Members.Where(m => !m.HasBasicMedical).ToList();
        var noCritical = household.Members.Where(m => !m.HasCriticalIllness).ToList();
        var critical = noCritical.Count == 0
            ? "全部成员有大病保险"
            : $"未参加大病保险：{string.Join("、", noCritical.Select(m => m.Name))}（大病保险不计入本项判定）";
        if (uninsured.Count > 0)
            return new(Indicator.Medical, IndicatorState.NotMet, $"未参加城乡居民基本医疗保险：{string.Join("、", uninsured.Select(m => m.Name))}；{critical}");
        return new(Indicator.Medical, IndicatorState.Met, $"全部 {household.Members.Count.ToString(CultureInfo.InvariantCulture)} 名成员参加城乡居民基本医疗保险；{critical}");
    }

    /// <summary>A C or D grade fails unless the house was renovated (危房改造 accepted) on or before the as-of date.</summary>
    static IndicatorResult Housing(Household household, DateOnly asOf)
    {
        var grade = CodeCatalog.Label(household.HousingGrade);
        if (household.HousingGrade is not (HousingGrade.C or HousingGrade.D))
            return new(Indicator.Housing, IndicatorState.Met, $"住房安全等级{grade}");
        if (household.HousingRenovatedOn is { } on && on <= asOf)
            return new(Indicator.Housing, IndicatorState.Met, $"原{grade}危房，{on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 危房改造验收");
        return new(Indicator.Housing, IndicatorState.NotMet, $"住房为{grade}危房，未完成改造");
    }

    static IndicatorResult Water(Household household) => household.SafeDrinkingWater
        ? new(Indicator.Water, IndicatorState.Met, "饮水安全")
        : new(Indicator.Water, IndicatorState.NotMet, "饮水不安全");
}
