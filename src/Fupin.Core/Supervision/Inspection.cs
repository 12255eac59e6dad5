namespace Fupin.Supervision;

/// <summary>
/// An unannounced inspection (暗访, 四不两直): townships chosen by an inspector or leader, a random stratified
/// sample of villages, households, workshops and settlement sites drawn by Fupin from <see cref="Seed"/>, and
/// the checklist the inspectors fill on the day. While <see cref="InspectionStatus.Sealed"/> the plan does not
/// exist for anyone but inspectors and leaders (the query filter), so townships cannot prepare for it.
/// </summary>
public sealed class InspectionPlan
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string Name { get; set; }

    /// <summary>The day the inspectors go out.</summary>
    public DateOnly PlannedOn { get; set; }

    /// <summary>The chosen townships, comma separated in code order (the strata of the draw).</summary>
    public required string TownshipCodes { get; set; }

    /// <summary>The seed of the draw: the same seed over the same registry draws the same sample.</summary>
    public int Seed { get; set; }

    /// <summary>The draw's parameters as JSON (<see cref="InspectionSampleSize"/>), for audit and re-draw.</summary>
    public required string Parameters { get; set; }

    /// <summary>The checklist template the visits are filled with.</summary>
    public long TemplateId { get; set; }

    public InspectionStatus Status { get; set; } = InspectionStatus.Sealed;
    public required string CreatedBy { get; set; }
    public long? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? OpenedBy { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
}

/// <summary>How many of each stratum to draw per chosen township (villages) and per sampled village (households).</summary>
/// <param name="PoorVillages">贫困村 per township.</param>
/// <param name="OtherVillages">非贫困村 per township.</param>
/// <param name="NotExitedPerVillage">未脱贫 (and 返贫) households per sampled village.</param>
/// <param name="ExitedPerVillage">已脱贫 households per sampled village.</param>
/// <param name="NonRegisteredPerVillage">非建档立卡 households per sampled village: slots, the household chosen on the spot.</param>
/// <param name="RelocatedPerTownship">易地搬迁 households per township, drawn from those who moved out of its villages or into its sites.</param>
/// <param name="Workshops">扶贫车间 per township.</param>
/// <param name="SettlementSites">安置点 per township.</param>
public sealed record InspectionSampleSize(
    int PoorVillages = 2,
    int OtherVillages = 1,
    int NotExitedPerVillage = 3,
    int ExitedPerVillage = 2,
    int NonRegisteredPerVillage = 1,
    int RelocatedPerTownship = 3,
    int Workshops = 1,
    int SettlementSites = 1);

public enum InspectionStatus
{
    /// <summary>密封: drawn, visible only to inspectors and leaders.</summary>
    Sealed = 1,

    /// <summary>已启封: opened by an inspector on the day; visits are recorded; visible in the regions it covers.</summary>
    Open = 2,

    /// <summary>已结束: no more visits.</summary>
    Closed = 3,
}

/// <summary>What a sampled item is.</summary>
public enum InspectionTargetKind
{
    Village = 1,
    Household = 2,
    Workshop = 3,
    SettlementSite = 4,
}

/// <summary>The stratum an item was drawn from.</summary>
public enum InspectionStratum
{
    /// <summary>贫困村.</summary>
    PoorVillage = 1,

    /// <summary>非贫困村.</summary>
    OtherVillage = 2,

    /// <summary>未脱贫户 (未脱贫 and 返贫).</summary>
    NotExited = 3,

    /// <summary>已脱贫户.</summary>
    Exited = 4,

    /// <summary>非建档立卡户: a slot in a sampled village, the household chosen on the spot.</summary>
    NonRegistered = 5,

    /// <summary>易地搬迁户.</summary>
    Relocated = 6,

    /// <summary>扶贫就业车间.</summary>
    Workshop = 7,

    /// <summary>易地搬迁安置点.</summary>
    SettlementSite = 8,
}

/// <summary>One sampled village, household (or non-registered slot), workshop or settlement site of a plan.</summary>
public sealed class InspectionTarget
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>The township the item was drawn for (its stratum).</summary>
    public required string TownshipCode { get; set; }

    /// <summary>Where the item is: the village of a village, household or workshop; the site's region.</summary>
    public required string RegionCode { get; set; }

    public InspectionTargetKind Kind { get; set; }
    public InspectionStratum Stratum { get; set; }
    public long? HouseholdId { get; set; }
    public long? WorkshopId { get; set; }
    public long? SiteId { get; set; }

    /// <summary>Order within its township and stratum (1, 2 …), the order of the printed list.</summary>
    public int Slot { get; set; }
}

/// <summary>
/// One filled checklist of a target (a visit). <see cref="ClientKey"/> is made by the phone when the form is
/// saved, so a visit sent twice (the network dropped after the server had it) is stored once.
/// </summary>
public sealed class InspectionVisit
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public long TargetId { get; set; }
    public required string CountyCode { get; set; }
    public required string RegionCode { get; set; }
    public Guid ClientKey { get; set; }
    public DateOnly VisitedOn { get; set; }
    public required string Inspector { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>For a non-registered slot: the head's name found on the spot.</summary>
    public string? HeadName { get; set; }

    /// <summary>Optional position from the phone (WGS-84 degrees).</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Note { get; set; }

    /// <summary>Answers that failed their check (each became a rectification item).</summary>
    public int FailedCount { get; set; }
}

/// <summary>One answer of a visit: the question's code in its template, the value, and whether it failed.</summary>
public sealed class InspectionAnswer
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public required string QuestionCode { get; set; }
    public required string Value { get; set; }
    public bool Failed { get; set; }
    public string? Note { get; set; }
}

/// <summary>A photo taken on a visit: JPEG or PNG, size checked, metadata (EXIF, GPS, comments) stripped before storing.</summary>
public sealed class InspectionPhoto
{
    public long Id { get; set; }
    public long VisitId { get; set; }

    /// <summary>The question the photo documents, or null for the visit as a whole.</summary>
    public string? QuestionCode { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
