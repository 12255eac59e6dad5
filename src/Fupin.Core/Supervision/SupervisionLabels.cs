namespace Fupin.Supervision;

/// <summary>Chinese labels of the supervision enums.</summary>
public static class SupervisionLabels
{
    public static string Label(InspectionStatus s) => s switch
    {
        InspectionStatus.Sealed => "密封",
        InspectionStatus.Open => "已启封",
        InspectionStatus.Closed => "已结束",
        _ => s.ToString(),
    };

    public static string Label(InspectionTargetKind k) => k switch
    {
        InspectionTargetKind.Village => "村",
        InspectionTargetKind.Household => "农户",
        InspectionTargetKind.Workshop => "扶贫车间",
        InspectionTargetKind.SettlementSite => "安置点",
        _ => k.ToString(),
    };

    public static string Label(InspectionStratum s) => s switch
    {
        InspectionStratum.PoorVillage => "贫困村",
        InspectionStratum.OtherVillage => "非贫困村",
        InspectionStratum.NotExited => "未脱贫户",
        InspectionStratum.Exited => "已脱贫户",
        InspectionStratum.NonRegistered => "非建档立卡户",
        InspectionStratum.Relocated => "易地搬迁户",
        InspectionStratum.Workshop => "扶贫车间",
        InspectionStratum.SettlementSite => "安置点",
        _ => s.ToString(),
    };

    public static string Label(ChecklistKind k) => k switch
    {
        ChecklistKind.Inspection => "暗访检查表",
        ChecklistKind.Survey => "满意度调查问卷",
        _ => k.ToString(),
    };

    public static string Label(ChecklistSubject s) => s switch
    {
        ChecklistSubject.Household => "农户",
        ChecklistSubject.Village => "村",
        ChecklistSubject.Workshop => "扶贫车间",
        ChecklistSubject.SettlementSite => "安置点",
        _ => s.ToString(),
    };

    public static string Label(AnswerKind k) => k switch
    {
        AnswerKind.YesNo => "是/否",
        AnswerKind.Choice => "单选",
        AnswerKind.Number => "数字",
        AnswerKind.Text => "文字",
        _ => k.ToString(),
    };

    public static string Label(RectificationSource s) => s switch
    {
        RectificationSource.Inspection => "暗访",
        RectificationSource.PatrolFeedback => "巡视反馈",
        RectificationSource.AnnualReview => "年度考核",
        RectificationSource.ThirdPartyEvaluation => "第三方评估",
        RectificationSource.Audit => "审计",
        RectificationSource.Verification => "排查核对",
        RectificationSource.Other => "其他",
        _ => s.ToString(),
    };

    public static string Label(RectificationStatus s) => s switch
    {
        RectificationStatus.Pending => "待整改",
        RectificationStatus.InProgress => "整改中",
        RectificationStatus.AwaitingReview => "待验收",
        RectificationStatus.Closed => "已销号",
        _ => s.ToString(),
    };

    public static string Label(EscalationLevel l) => l switch
    {
        EscalationLevel.None => "",
        EscalationLevel.Supervised => "督办",
        EscalationLevel.Urged => "催办",
        _ => l.ToString(),
    };

    public static string Label(RectificationEventKind k) => k switch
    {
        RectificationEventKind.Created => "立项",
        RectificationEventKind.Assigned => "交办",
        RectificationEventKind.Started => "开始整改",
        RectificationEventKind.Progress => "进展",
        RectificationEventKind.Submitted => "提请验收",
        RectificationEventKind.Returned => "退回",
        RectificationEventKind.Closed => "销号",
        RectificationEventKind.Supervised => "督办",
        RectificationEventKind.Urged => "催办",
        RectificationEventKind.DeadlineChanged => "调整时限",
        _ => k.ToString(),
    };
}
