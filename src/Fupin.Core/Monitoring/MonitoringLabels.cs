using Fupin.Accounts;
using Fupin.Data;
using Fupin.Registry;

namespace Fupin.Monitoring;

/// <summary>The Chinese names of the monitoring codes, as the 防返贫监测 forms use them.</summary>
public static class MonitoringLabels
{
    public static string Label(MonitoringType type) => type switch
    {
        MonitoringType.UnstableExited => "脱贫不稳定户",
        MonitoringType.Marginal => "边缘易致贫户",
        MonitoringType.SuddenHardship => "突发严重困难户",
        _ => type.ToString(),
    };

    public static string Label(RiskType risk) => risk switch
    {
        RiskType.Illness => "因病",
        RiskType.Disability => "因残",
        RiskType.DisasterFlood => "因灾（洪涝）",
        RiskType.DisasterDrought => "因灾（干旱）",
        RiskType.DisasterGeological => "因灾（地质灾害）",
        RiskType.DisasterOther => "因灾（其他）",
        RiskType.LackOfLabour => "因缺劳动力",
        RiskType.Accident => "因意外事故",
        RiskType.IndustryFailure => "因产业失败",
        RiskType.EmploymentUnstable => "因务工就业不稳",
        RiskType.Schooling => "因学",
        RiskType.Other => "其他",
        _ => risk.ToString(),
    };

    public static string Label(MonitoringStatus status) => status switch
    {
        MonitoringStatus.Proposed => "拟纳入",
        MonitoringStatus.Monitored => "监测中",
        MonitoringStatus.Rejected => "不予纳入",
        MonitoringStatus.Cleared => "风险已消除",
        _ => status.ToString(),
    };

    public static string Label(MeasureKind kind) => kind switch
    {
        MeasureKind.Industry => "产业帮扶",
        MeasureKind.Employment => "就业帮扶",
        MeasureKind.SkillsTraining => "技能培训",
        MeasureKind.MicroCredit => "小额信贷",
        MeasureKind.PublicWelfareJob => "公益岗位",
        MeasureKind.Dibao => "纳入低保",
        MeasureKind.Tekun => "纳入特困供养",
        MeasureKind.MedicalAid => "医疗救助",
        MeasureKind.TemporaryAid => "临时救助",
        MeasureKind.OtherSafetyNet => "其他兜底保障",
        _ => kind.ToString(),
    };

    /// <summary>开发式 or 兜底式, as the measure list shows it.</summary>
    public static string KindGroup(MeasureKind kind) => MonitoringMeasure.IsDevelopment(kind) ? "开发式" : "兜底保障";

    public static string Risks(IEnumerable<RiskType> risks) => string.Join("、", risks.Order().Select(Label));

    public static bool IsOpen(MonitoringStatus status) => status is MonitoringStatus.Proposed or MonitoringStatus.Monitored;
}

/// <summary>Who does what in 防返贫监测.</summary>
public static class MonitoringRoles
{
    /// <summary>Propose, decide, clear, record events and measures: the county office, townships and villages, in their regions.</summary>
    public static bool CanWork(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    public const string NotAllowedCode = "monitoring.not_allowed";
    public const string NotAllowedMessage = "您的角色只能查看防返贫监测信息，不能办理";
}

/// <summary>Every change to a monitoring object goes to the change history (entity MonitoringObject), saved with the change.</summary>
internal static class MonitoringLog
{
    public const string Entity = nameof(MonitoringObject);

    public static void Add(AppDbContext db, string user, MonitoringObject o, string action, string field, string? oldValue, string? newValue, string reason)
    {
        db.Changes.Add(new ChangeRecord
        {
            CountyCode = o.CountyCode,
            At = db.Clock.GetUtcNow(),
            User = Clip(user, 64),
            Entity = Entity,
            EntityId = o.Id,
            HouseholdId = o.HouseholdId,
            Action = action,
            Field = field,
            OldValue = oldValue is null ? null : Clip(oldValue, 2000),
            NewValue = newValue is null ? null : Clip(newValue, 2000),
            Reason = Clip(reason, 500),
        });
    }

    public static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
