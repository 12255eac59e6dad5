namespace Fupin.Relocation;

/// <summary>安置方式.</summary>
public enum SettlementKind
{
    /// <summary>集中安置.</summary>
    Concentrated = 1,

    /// <summary>分散安置.</summary>
    Dispersed = 2,
}

/// <summary>The five facilities a settlement should have (五个有).</summary>
public enum SiteFacility
{
    /// <summary>社区服务中心.</summary>
    CommunityCenter = 1,

    /// <summary>学校.</summary>
    School = 2,

    /// <summary>幼儿园.</summary>
    Kindergarten = 3,

    /// <summary>卫生室.</summary>
    Clinic = 4,

    /// <summary>文化活动场所.</summary>
    CulturalVenue = 5,
}

/// <summary>
/// An 易地扶贫搬迁 settlement site (安置点), e.g. 如意社区 in 石门乡; built by a relocation project
/// (<see cref="ProjectId"/>). The house figures are reported by the township; families moved in is counted
/// from <see cref="RelocatedHousehold"/> rows.
/// </summary>
public sealed class SettlementSite
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>The village (12 digits) the site stands in, or its township (9 digits).</summary>
    public required string RegionCode { get; set; }
    public required string Name { get; set; }
    public SettlementKind Kind { get; set; }

    /// <summary>The construction project, when there is one in the project pool.</summary>
    public long? ProjectId { get; set; }

    /// <summary>Planned capacity, persons.</summary>
    public int CapacityPersons { get; set; }
    public int HousesPlanned { get; set; }
    public int HousesBuilt { get; set; }
    public int HousesHandedOver { get; set; }

    /// <summary>Facilities in place (五个有), as the township last reported them.</summary>
    public List<SiteFacility> Facilities { get; set; } = [];

    /// <summary>Nearby industry and jobs for the site (后续扶持), free text.</summary>
    public string? FollowUpNote { get; set; }
    public DateOnly? UpdatedOn { get; set; }
    public string? UpdatedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A registered household relocated to a site, with its follow-up support. "Stable work" (至少一人稳定就业,
/// one of 五个一) is counted from the members' work (workshop jobs, migrant work of 6 months or more) and
/// from <see cref="StableJobs"/> as recorded by the township for work Fupin does not hold otherwise.
/// </summary>
public sealed class RelocatedHousehold
{
    public long Id { get; set; }
    public long SiteId { get; set; }
    public required string CountyCode { get; set; }
    public long HouseholdId { get; set; }

    /// <summary>The village the household moved out of (迁出村).</summary>
    public required string FromVillageCode { get; set; }
    public int Persons { get; set; }

    /// <summary>Null while the family has not yet moved in (搬迁入住).</summary>
    public DateOnly? MovedInOn { get; set; }

    /// <summary>旧房拆除 (拆旧复垦) done.</summary>
    public bool OldHouseDemolished { get; set; }

    /// <summary>Members in stable work as recorded by the township (公益岗位, local firms …), beyond what Fupin derives.</summary>
    public int StableJobs { get; set; }

    /// <summary>产业扶持 the household receives, free text (e.g. "艾草种植 带资入企 分红"), null for none.</summary>
    public string? IndustrySupport { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public long Version { get; set; }
}
