using Fupin.Employment;

namespace Fupin.Industries;

/// <summary>The part of a household's income record a linkage payment feeds (see <see cref="Registry.IncomeRecord"/>).</summary>
public enum IncomePart
{
    /// <summary>工资性收入.</summary>
    Wage = 1,

    /// <summary>生产经营性收入.</summary>
    Production = 2,

    /// <summary>财产性收入·资产收益分红.</summary>
    AssetDividend = 3,

    /// <summary>财产性收入·其他 (土地流转租金).</summary>
    OtherProperty = 4,
}

/// <summary>The Chinese names of the industry and employment codes, and which income part each linkage feeds.</summary>
public static class IndustryLabels
{
    public static string Label(EntityKind k) => k switch
    {
        EntityKind.LeadingEnterprise => "龙头企业",
        EntityKind.Cooperative => "农民专业合作社",
        EntityKind.FamilyFarm => "家庭农场",
        EntityKind.Base => "种养基地",
        EntityKind.Workshop => "扶贫就业车间",
        EntityKind.Other => "其他经营主体",
        _ => k.ToString(),
    };

    public static string Label(LinkageKind k) => k switch
    {
        LinkageKind.Equity => "股份合作",
        LinkageKind.FundShares => "资金折股量化",
        LinkageKind.Order => "订单帮扶",
        LinkageKind.Trusteeship => "生产托管/土地托管",
        LinkageKind.LandTransfer => "土地流转",
        LinkageKind.Employment => "务工就业",
        LinkageKind.AssetIncome => "资产收益",
        LinkageKind.CapitalInEnterprise => "带资入企",
        _ => k.ToString(),
    };

    public static string Label(PlanItemKind k) => k switch
    {
        PlanItemKind.Target => "发展目标",
        PlanItemKind.Base => "集中种植基地",
        PlanItemKind.ProcessingPark => "加工园区",
        PlanItemKind.Incentive => "奖补政策",
        _ => k.ToString(),
    };

    public static string Label(JobKind k) => k switch
    {
        JobKind.Migrant => "外出务工",
        JobKind.Local => "就近就业",
        JobKind.PublicWelfare => "公益岗位",
        _ => k.ToString(),
    };

    public static string Label(IncomePart p) => p switch
    {
        IncomePart.Wage => "工资性收入",
        IncomePart.Production => "生产经营性收入",
        IncomePart.AssetDividend => "财产性收入（资产收益分红）",
        IncomePart.OtherProperty => "财产性收入（租金等）",
        _ => p.ToString(),
    };

    /// <summary>
    /// Dividends and asset income are property income (分红); land rent is other property income; wages are wage
    /// income; guaranteed purchase and trusteeship pay for the household's own produce, so production income.
    /// </summary>
    public static IncomePart PartFed(LinkageKind k) => k switch
    {
        LinkageKind.Equity or LinkageKind.FundShares or LinkageKind.AssetIncome or LinkageKind.CapitalInEnterprise => IncomePart.AssetDividend,
        LinkageKind.LandTransfer => IncomePart.OtherProperty,
        LinkageKind.Employment => IncomePart.Wage,
        LinkageKind.Order or LinkageKind.Trusteeship => IncomePart.Production,
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, null),
    };

    /// <summary>The levels an entity may carry (龙头企业/示范社 级别).</summary>
    public static IReadOnlyList<string> Levels { get; } = ["国家级", "省级", "市级", "县级"];
}
