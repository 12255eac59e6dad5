using Fupin.Funds;
using Fupin.Relocation;
using Fupin.Workshops;

namespace Fupin.Projects;

/// <summary>The Chinese names of the project, fund, relocation and workshop codes, as the county's ledgers use them.</summary>
public static class ProjectLabels
{
    public static string Label(ProjectCategory c) => c switch
    {
        ProjectCategory.Industry => "产业",
        ProjectCategory.Workshop => "扶贫就业车间",
        ProjectCategory.Relocation => "易地搬迁安置点",
        ProjectCategory.Transport => "基础设施·交通",
        ProjectCategory.Water => "基础设施·水利",
        ProjectCategory.Power => "基础设施·电网",
        ProjectCategory.Network => "基础设施·网络",
        ProjectCategory.LivingEnvironment => "基础设施·人居环境",
        ProjectCategory.Education => "教育",
        ProjectCategory.Health => "健康",
        ProjectCategory.Finance => "金融",
        ProjectCategory.Other => "其他",
        _ => c.ToString(),
    };

    public static string Label(ProjectStage s) => s switch
    {
        ProjectStage.Applied => "村申报",
        ProjectStage.TownshipReviewed => "乡镇审核",
        ProjectStage.CountyApproved => "县级审定",
        ProjectStage.Publicized => "公示",
        ProjectStage.Pooled => "入库",
        ProjectStage.Implementing => "实施",
        ProjectStage.Accepted => "验收",
        ProjectStage.HandedOver => "资产移交/管护",
        _ => s.ToString(),
    };

    public static string Label(ScheduleStatus s) => s switch
    {
        ScheduleStatus.NotPlanned => "未排期",
        ScheduleStatus.OnTime => "正常",
        ScheduleStatus.AtRisk => "预警",
        ScheduleStatus.Late => "滞后",
        ScheduleStatus.Done => "已完成",
        _ => s.ToString(),
    };

    public static string Label(ProjectAction a) => a switch
    {
        ProjectAction.Advanced => "通过",
        ProjectAction.Returned => "退回",
        ProjectAction.Resubmitted => "重新申报",
        _ => a.ToString(),
    };

    public static string Label(BenefitKind k) => k switch
    {
        BenefitKind.Dividend => "分红/资产收益",
        BenefitKind.Employment => "务工就业",
        BenefitKind.Production => "产业奖补",
        BenefitKind.Resettlement => "搬迁安置",
        BenefitKind.Infrastructure => "基础设施受益",
        BenefitKind.Other => "其他",
        _ => k.ToString(),
    };

    public static string Label(FundKind k) => k switch
    {
        FundKind.CentralSpecial => "中央财政专项扶贫资金",
        FundKind.ProvincialSpecial => "省级财政专项扶贫资金",
        FundKind.CitySpecial => "市级财政专项扶贫资金",
        FundKind.CountySpecial => "县级财政专项扶贫资金",
        FundKind.IntegratedAgricultural => "统筹整合涉农资金",
        FundKind.Social => "社会帮扶资金",
        FundKind.Finance => "金融扶贫资金",
        _ => k.ToString(),
    };

    public static string Label(PaymentKind k) => k switch
    {
        PaymentKind.Disbursement => "拨付",
        PaymentKind.Expenditure => "支出",
        _ => k.ToString(),
    };

    public static string Label(SettlementKind k) => k switch
    {
        SettlementKind.Concentrated => "集中安置",
        SettlementKind.Dispersed => "分散安置",
        _ => k.ToString(),
    };

    public static string Label(SiteFacility f) => f switch
    {
        SiteFacility.CommunityCenter => "社区服务中心",
        SiteFacility.School => "学校",
        SiteFacility.Kindergarten => "幼儿园",
        SiteFacility.Clinic => "卫生室",
        SiteFacility.CulturalVenue => "文化活动场所",
        _ => f.ToString(),
    };

    public static string Label(WorkshopStatus s) => s switch
    {
        WorkshopStatus.Building => "在建",
        WorkshopStatus.Operating => "运营中",
        WorkshopStatus.Suspended => "停产",
        _ => s.ToString(),
    };

    /// <summary>Fen as yuan with two decimals and thousands separators, e.g. 1,234,567.80.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Fen as 万元 with two decimals, the unit of the county's fund tables.</summary>
    public static string Wan(long fen) => (fen / 1_000_000m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A rate as a percentage with one decimal, "—" when the base is zero.</summary>
    public static string Rate(long part, long whole) => whole == 0 ? "—" : (100m * part / whole).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
