namespace Fupin.Industries;

/// <summary>
/// A local industry (特色产业) of a county, a code table the county keeps: seeded for 南召 with 花卉苗木, 艾草,
/// 食用菌, 中药材, 林下种植, 柞蚕养殖; the county adds its own. Codes stay unique per county.
/// </summary>
public sealed class LocalIndustry
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>A short code the county chooses (e.g. "AC" for 艾草), unique in the county.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The unit output is counted in (斤, 袋, 万株, 把 …), free text.</summary>
    public string? OutputUnit { get; set; }
    public int SortOrder { get; set; }

    /// <summary>A retired industry stays for history but is not offered for new records.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>经营主体类型.</summary>
public enum EntityKind
{
    /// <summary>龙头企业.</summary>
    LeadingEnterprise = 1,

    /// <summary>农民专业合作社.</summary>
    Cooperative = 2,

    /// <summary>家庭农场.</summary>
    FamilyFarm = 3,

    /// <summary>种养基地.</summary>
    Base = 4,

    /// <summary>扶贫就业车间 (linked to the workshop record).</summary>
    Workshop = 5,

    /// <summary>其他 (种养大户, 电商 …).</summary>
    Other = 9,
}

/// <summary>
/// A business entity (新型农业经营主体 and others) that carries poor households: where it is, its industry,
/// its size and contact. Visible like projects: in the user's regions and above; it holds no personal data.
/// </summary>
public sealed class BusinessEntity
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>Village or township where it sits.</summary>
    public required string RegionCode { get; set; }
    public required string Name { get; set; }
    public EntityKind Kind { get; set; }

    /// <summary>龙头企业级别 or 合作社示范级别: 国家级, 省级, 市级, 县级; null when none.</summary>
    public string? Level { get; set; }
    public long? IndustryId { get; set; }

    /// <summary>统一社会信用代码, optional.</summary>
    public string? CreditCode { get; set; }
    public string? LegalPerson { get; set; }
    public string? Contact { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>The workshop record when <see cref="Kind"/> is <see cref="EntityKind.Workshop"/>.</summary>
    public long? WorkshopId { get; set; }

    // 规模
    public int Employees { get; set; }

    /// <summary>基地/经营面积, 亩.</summary>
    public double AreaMu { get; set; }

    /// <summary>年产值, fen.</summary>
    public long AnnualOutputFen { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}
