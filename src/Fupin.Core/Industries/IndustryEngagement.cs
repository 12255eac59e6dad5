namespace Fupin.Industries;

/// <summary>
/// A household's own industry in a year (自主发展产业): how many of its people work in it, the land, the output
/// and the income. It covers the household's members for that year. Visible exactly when the household is.
/// </summary>
public sealed class IndustryEngagement
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public long IndustryId { get; set; }
    public int Year { get; set; }
    public int Persons { get; set; }

    /// <summary>种植/养殖面积, 亩.</summary>
    public double AreaMu { get; set; }

    /// <summary>产量, in the industry's <see cref="LocalIndustry.OutputUnit"/>.</summary>
    public double Output { get; set; }

    /// <summary>经营收入, fen.</summary>
    public long IncomeFen { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>产业发展规划条目类型.</summary>
public enum PlanItemKind
{
    /// <summary>目标 (规模、产值、带贫户数).</summary>
    Target = 1,

    /// <summary>集中种植/养殖基地.</summary>
    Base = 2,

    /// <summary>加工园区/龙头企业.</summary>
    ProcessingPark = 3,

    /// <summary>奖补政策.</summary>
    Incentive = 4,
}

/// <summary>
/// One line of an industry's development plan (e.g. 艾草产业化: bases, the processing park, incentives): what,
/// where, the target and what has been reached, so a meeting can see the plan against the fact.
/// </summary>
public sealed class IndustryPlanItem
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public long IndustryId { get; set; }
    public PlanItemKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>Township or village, when the line has a place.</summary>
    public string? RegionCode { get; set; }
    public string? Unit { get; set; }
    public double? Target { get; set; }
    public double? Actual { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? Detail { get; set; }
    public int SortOrder { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}
