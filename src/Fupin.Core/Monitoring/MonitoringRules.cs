using System.Globalization;
using Fupin.Registry;

namespace Fupin.Monitoring;

/// <summary>A proposing rule of 防返贫监测: stable code, Chinese name, and why (docs/monitoring.md).</summary>
public sealed record MonitoringRule(string Code, string Title, string Rationale);

/// <summary>A member as the rules see them.</summary>
public sealed record MemberFacts(DateOnly BirthDate, LabourSkill Labour, HealthConditions Health);

/// <summary>The household's latest income record: 纯收入 (fen) and the household size of that year.</summary>
public sealed record IncomeFacts(int Year, long NetIncome, int HouseholdSize)
{
    /// <summary>人均纯收入 in fen, rounded toward zero as <see cref="IncomeRecord.PerCapitaNetIncome"/> does.</summary>
    public long PerCapita => HouseholdSize <= 0 ? 0 : NetIncome / HouseholdSize;
}

/// <summary>A risk event not yet tied to a monitoring object.</summary>
public sealed record EventFacts(long Id, RiskType Risk, DateOnly OccurredOn, long? SpendingFen);

/// <summary>What the rules need of one registered household.</summary>
public sealed record HouseholdFacts(
    long HouseholdId, PovertyStatus Status, IReadOnlyList<MemberFacts> Members, IncomeFacts? LatestIncome, IReadOnlyList<EventFacts> Events);

/// <summary>A rule's verdict on a household: the object to propose, and the events it rests on.</summary>
public sealed record RuleMatch(string RuleCode, MonitoringType Type, IReadOnlyList<RiskType> Risks, string Reason, IReadOnlyList<long> EventIds);

/// <summary>
/// The rules that propose monitoring objects from the register, in the order they are tried: the
/// first that matches a household proposes it (one object per household). Only exited households
/// (已脱贫, with or without policy) are looked at: a household that has not exited, or has relapsed, is
/// still poor and helped as such, not monitored. Money is compared in fen, 1.5 × as ×3/×2 in integers.
/// </summary>
public static class MonitoringRules
{
    public const string RiskEvent = "monitor.risk_event";
    public const string RigidSpending = "monitor.rigid_spending";
    public const string DisabilityNoLabour = "monitor.disability_no_labour";
    public const string IncomeBelow = "monitor.income_below_1_5";

    /// <summary>Default amount above which one recent event's spending makes a 突发严重困难户: ¥10,000 (a county setting).</summary>
    public const long DefaultSuddenHardshipFen = 1_000_000;

    public const int RiskEventMonths = 3;
    public const int RigidSpendingMonths = 12;

    /// <summary>Months after inclusion by which a household with labour must have a development-type measure.</summary>
    public const int DevelopmentMeasureMonths = 6;

    public const string FlagText = "有劳动能力但6个月未落实开发式帮扶措施";

    public static IReadOnlyList<MonitoringRule> All { get; } =
    [
        new(RiskEvent, "近3个月报告风险事件",
            "已脱贫户近3个月内报告了风险事件（患病、灾害、意外事故等），且事件尚未归入监测对象。单次刚性支出超过设定金额（默认1万元）的拟纳入突发严重困难户（2021年起增设的类别），否则拟纳入脱贫不稳定户。"),
        new(RigidSpending, "刚性支出超过上年度收入",
            "已脱贫户近12个月风险事件的刚性支出（医疗、重建等，未归入监测对象的）合计超过该户最近一年的家庭纯收入，拟纳入脱贫不稳定户（2020年防返贫监测指导意见：因病因残因灾等刚性支出明显超过上年度收入）。"),
        new(DisabilityNoLabour, "无劳动能力且收入低于1.5倍标准",
            "已脱贫户全体成员均为丧失劳动力、无劳动力或残疾，且最近一年人均纯收入低于当年扶贫标准的1.5倍，拟纳入脱贫不稳定户，风险记为因缺劳动力（有残疾成员的加因残）；这类户只能靠兜底保障，不列入“6个月未落实开发式措施”预警。"),
        new(IncomeBelow, "人均纯收入低于1.5倍扶贫标准",
            "已脱贫户最近一年人均纯收入低于该年扶贫部门退出标准的1.5倍（2020年防返贫监测指导意见：以人均可支配收入低于国家扶贫标准1.5倍左右为底线），拟纳入脱贫不稳定户；恰好等于1.5倍的不纳入。"),
    ];

    public static MonitoringRule? Find(string? code) => All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    public static string Title(string? code) => code is null ? "人工录入" : Find(code)?.Title ?? code;

    public static bool IsExited(PovertyStatus status) => status is PovertyStatus.ExitedWithPolicy or PovertyStatus.ExitedWithoutPolicy;

    /// <summary>Labour for the 6-month flag: aged 16–60 on the day with 普通 or 技能劳动力.</summary>
    public static bool HasLabour(DateOnly birthDate, LabourSkill labour, DateOnly on) =>
        labour is LabourSkill.Ordinary or LabourSkill.Skilled && Member.Age(birthDate, on) is >= 16 and <= 60;

    /// <summary>Cannot work: 丧失劳动力, 无劳动力, or disabled.</summary>
    public static bool CannotWork(MemberFacts m) => m.Labour is LabourSkill.Lost or LabourSkill.None || m.Health.HasFlag(HealthConditions.Disabled);

    /// <summary>Whether the per-capita income is below 1.5 × the line (fen): <c>pc × 2 &lt; line × 3</c>.</summary>
    public static bool BelowOneAndHalf(long perCapitaFen, long lineFen) => perCapitaFen * 2 < lineFen * 3;

    /// <summary>
    /// The first rule that proposes the household, or null. <paramref name="linesFen"/> are the exit
    /// thresholds by year; an income year without a line is not judged by the income rules.
    /// <paramref name="events"/> of the household are its events not yet tied to an object.
    /// </summary>
    public static RuleMatch? Evaluate(HouseholdFacts h, IReadOnlyDictionary<int, long> linesFen, DateOnly asOf, long suddenHardshipFen, ISet<string>? skipRules = null)
    {
        if (!IsExited(h.Status)) return null;
        var c = CultureInfo.InvariantCulture;
        bool Allowed(string code) => skipRules is null || !skipRules.Contains(code);

        var recent = h.Events.Where(e => e.OccurredOn <= asOf && e.OccurredOn > asOf.AddMonths(-RiskEventMonths)).OrderBy(e => e.OccurredOn).ThenBy(e => e.Id).ToList();
        if (recent.Count > 0 && Allowed(RiskEvent))
        {
            var big = recent.Where(e => e.SpendingFen > suddenHardshipFen).ToList();
            var type = big.Count > 0 ? MonitoringType.SuddenHardship : MonitoringType.UnstableExited;
            var list = string.Join("；", recent.Select(e => $"{e.OccurredOn:yyyy-MM-dd}{MonitoringLabels.Label(e.Risk)}" + (e.SpendingFen is { } s ? $"，刚性支出{Yuan(s)}元" : "")));
            var reason = big.Count > 0
                ? $"近{RiskEventMonths}个月报告风险事件{recent.Count}起（{list}），单次支出超过{Yuan(suddenHardshipFen)}元"
                : $"近{RiskEventMonths}个月报告风险事件{recent.Count}起（{list}）";
            return new RuleMatch(RiskEvent, type, Risks(h, recent, asOf), reason, [.. recent.Select(e => e.Id)]);
        }

        if (h.LatestIncome is not { } income) return null;
        var year = income.Year.ToString(c);

        var yearEvents = h.Events.Where(e => e.OccurredOn <= asOf && e.OccurredOn > asOf.AddMonths(-RigidSpendingMonths) && e.SpendingFen > 0).ToList();
        var spending = yearEvents.Sum(e => e.SpendingFen ?? 0);
        if (yearEvents.Count > 0 && spending > income.NetIncome && Allowed(RigidSpending))
        {
            return new RuleMatch(RigidSpending, MonitoringType.UnstableExited, Risks(h, yearEvents, asOf),
                $"近{RigidSpendingMonths}个月刚性支出{Yuan(spending)}元（{yearEvents.Count}起事件），超过{year}年家庭纯收入{Yuan(income.NetIncome)}元",
                [.. yearEvents.Select(e => e.Id)]);
        }

        if (!linesFen.TryGetValue(income.Year, out var line)) return null;
        if (!BelowOneAndHalf(income.PerCapita, line)) return null;
        var incomeText = $"{year}年人均纯收入{Yuan(income.PerCapita)}元，低于当年扶贫标准{Yuan(line)}元的1.5倍（{Yuan(line * 3 / 2)}元）";

        if (h.Members.Count > 0 && h.Members.All(CannotWork) && Allowed(DisabilityNoLabour))
        {
            List<RiskType> risks = [RiskType.LackOfLabour, .. Risks(h, [], asOf)];
            return new RuleMatch(DisabilityNoLabour, MonitoringType.UnstableExited, [.. risks.Where(r => r != RiskType.Other).Distinct().Order()],
                $"家庭成员{h.Members.Count}人均无劳动能力或残疾；{incomeText}", []);
        }

        if (Allowed(IncomeBelow))
            return new RuleMatch(IncomeBelow, MonitoringType.UnstableExited, Risks(h, [], asOf), incomeText, []);
        return null;
    }

    /// <summary>
    /// Risks from the events, from members' health (患有大病 or 长期慢性病 → 因病, 残疾 → 因残) and from
    /// the lack of anyone who can work (→ 因缺劳动力); 其他 when none of these.
    /// </summary>
    public static List<RiskType> Risks(HouseholdFacts h, IEnumerable<EventFacts> events, DateOnly asOf)
    {
        var risks = new HashSet<RiskType>(events.Select(e => e.Risk));
        if (h.Members.Any(m => (m.Health & (HealthConditions.Serious | HealthConditions.Chronic)) != 0)) risks.Add(RiskType.Illness);
        if (h.Members.Any(m => m.Health.HasFlag(HealthConditions.Disabled))) risks.Add(RiskType.Disability);
        if (h.Members.Count > 0 && !h.Members.Any(m => HasLabour(m.BirthDate, m.Labour, asOf) && !m.Health.HasFlag(HealthConditions.Disabled)))
            risks.Add(RiskType.LackOfLabour);
        if (risks.Count == 0) risks.Add(RiskType.Other);
        return [.. risks.Order()];
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("#,0.##", CultureInfo.InvariantCulture);
}
