using System.Globalization;
using Fupin.Accounts;
using Fupin.Registry;

namespace Fupin.Assessment;

/// <summary>
/// The household exit procedure (贫困户退出程序): step labels, who may do what, and the date rules
/// shared by the use cases, the pages and the API.
/// </summary>
public static class ExitWorkflow
{
    public const int MaxNote = 1000;
    public const int MaxReason = 500;
    public const int MinOverrideReason = 10;

    /// <summary>The steps in the order they must be recorded.</summary>
    public static IReadOnlyList<ExitStep> Steps { get; } = Enum.GetValues<ExitStep>();

    public static string Label(ExitStep step) => step switch
    {
        ExitStep.Deliberation => "民主评议",
        ExitStep.Verification => "村两委和驻村工作队核实",
        ExitStep.Consent => "户认可",
        ExitStep.PublicNotice => "村内公示",
        ExitStep.Announcement => "公告退出",
        ExitStep.Deregistration => "销号",
        _ => step.ToString(),
    };

    /// <summary>What the note of a step holds, as the form asks for it.</summary>
    public static string NoteHint(ExitStep step) => step switch
    {
        ExitStep.Deliberation => "评议结果（必填）：参加人数、同意退出人数等",
        ExitStep.Verification => "核实情况：收入和“两不愁三保障”核实结果",
        ExitStep.Consent => "户主签字确认情况",
        ExitStep.PublicNotice => "公示地点、公示期内收到的异议",
        ExitStep.Announcement => "公告文号或公告方式",
        ExitStep.Deregistration => "销号说明",
        _ => "",
    };

    public static string Label(ExitProcedureStatus status) => status switch
    {
        ExitProcedureStatus.InProgress => "进行中",
        ExitProcedureStatus.Completed => "已完成（已销号）",
        ExitProcedureStatus.Cancelled => "已终止",
        _ => status.ToString(),
    };

    /// <summary>Who starts a procedure and records 民主评议, 核实, 户认可 and 公示: the county office, townships and villages.</summary>
    public static bool CanWork(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>公告退出 and 销号 are the township's and the county's.</summary>
    public static bool CanRecord(ExitStep step, Role role) =>
        step is ExitStep.Announcement or ExitStep.Deregistration ? role is Role.CountyAdmin or Role.TownshipOfficer : CanWork(role);

    /// <summary>Only a county administrator lets a household that fails the test go on.</summary>
    public static bool CanOverride(Role role) => role is Role.CountyAdmin;

    /// <summary>Stopping a procedure is for those who also announce exits.</summary>
    public static bool CanCancel(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer;

    /// <summary>A household that may enter the procedure: registered and still poor (未脱贫 or 返贫).</summary>
    public static bool CanStartFor(PovertyStatus status) => status is PovertyStatus.NotExited or PovertyStatus.Relapsed;

    /// <summary>The step due after <paramref name="done"/> steps have been recorded (null when all six are).</summary>
    public static ExitStep? Next(int done) => done < Steps.Count ? Steps[done] : null;

    /// <summary>The first day 公告退出 may be dated: the notice's first day plus its length.</summary>
    public static DateOnly EarliestAnnouncement(DateOnly noticeStart, int noticeDays) => noticeStart.AddDays(noticeDays);

    /// <summary>The province of a county code, for its <see cref="ExitStandard"/>.</summary>
    public static string Province(string countyCode) => countyCode[..2];

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Why the test blocks the procedure: the indicators 不达标 and 未核实, by name.</summary>
    public static string TestFailedMessage(int year, HouseholdTestResult test)
    {
        var failed = test.Indicators.Where(i => i.State == IndicatorState.NotMet).Select(i => HouseholdTest.Label(i.Indicator)).ToList();
        var unverified = test.Indicators.Where(i => i.State == IndicatorState.Unverified).Select(i => HouseholdTest.Label(i.Indicator)).ToList();
        var parts = new List<string>();
        if (failed.Count > 0) parts.Add($"{string.Join("、", failed)}不达标");
        if (unverified.Count > 0) parts.Add($"{string.Join("、", unverified)}未核实");
        return $"该户{year.ToString(CultureInfo.InvariantCulture)}年退出评估未通过（{string.Join("；", parts)}），不能继续退出程序；" +
            "请先核实补齐，或由县级管理员登记例外并说明理由";
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    public static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    public const string ConflictMessage = "该退出程序已被他人办理，请刷新后重新操作";
}
