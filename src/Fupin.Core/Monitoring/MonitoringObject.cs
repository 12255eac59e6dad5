using Fupin.Registry;

namespace Fupin.Monitoring;

/// <summary>监测对象类别 (防返贫监测).</summary>
public enum MonitoringType
{
    /// <summary>脱贫不稳定户: an exited household at risk of falling back.</summary>
    UnstableExited = 1,

    /// <summary>边缘易致贫户: a non-registered household close to the line.</summary>
    Marginal = 2,

    /// <summary>突发严重困难户 (added in 2021): a household hit by a sudden severe hardship.</summary>
    SuddenHardship = 3,
}

/// <summary>风险类型; the 因灾 sub-types are separate values.</summary>
public enum RiskType
{
    Illness = 1,
    Disability = 2,
    DisasterFlood = 3,
    DisasterDrought = 4,
    DisasterGeological = 5,
    DisasterOther = 6,
    LackOfLabour = 7,
    Accident = 8,
    IndustryFailure = 9,
    EmploymentUnstable = 10,
    Schooling = 11,
    Other = 12,
}

public enum MonitoringStatus
{
    /// <summary>拟纳入: proposed by a rule or by hand, waiting for the village and township to confirm.</summary>
    Proposed = 1,

    /// <summary>已纳入监测.</summary>
    Monitored = 2,

    /// <summary>不予纳入: looked at and not taken in, with the reason.</summary>
    Rejected = 3,

    /// <summary>风险已消除.</summary>
    Cleared = 4,
}

/// <summary>
/// A monitoring object (监测对象) of relapse prevention: a registered household, or a non-registered rural
/// household named here (边缘户 are not in the register). Proposed by a rule (<see cref="RuleCode"/>) or by hand.
/// </summary>
public sealed class MonitoringObject
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }

    /// <summary>The registered household, or null for a non-registered household.</summary>
    public long? HouseholdId { get; set; }

    /// <summary>Head's name (from the register, or as entered for a non-registered household).</summary>
    public required string HeadName { get; set; }

    /// <summary>Sensitive: the head's ID for a non-registered household (registered ones have it on the member).</summary>
    public ResidentId? HeadIdNumber { get; set; }
    public int Persons { get; set; }

    public MonitoringType Type { get; set; }
    public List<RiskType> Risks { get; set; } = [];

    /// <summary>The proposing rule's code (e.g. monitor.income_below_1_5), null when proposed by hand.</summary>
    public string? RuleCode { get; set; }

    /// <summary>Why: the rule's evidence or the proposer's words.</summary>
    public required string Reason { get; set; }

    public MonitoringStatus Status { get; set; } = MonitoringStatus.Proposed;
    public DateOnly ProposedOn { get; set; }
    public required string ProposedBy { get; set; }
    public DateOnly? IncludedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>Why rejected, or how the risk was cleared.</summary>
    public string? ClosedNote { get; set; }
    public string? ClosedBy { get; set; }

    public long Version { get; set; }
}

/// <summary>A risk event reported for a household (illness, disaster, accident …), with the rigid spending it caused.</summary>
public sealed class RiskEvent
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long? HouseholdId { get; set; }
    public long? MonitoringObjectId { get; set; }
    public RiskType Risk { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string Description { get; set; }

    /// <summary>刚性支出 caused (medical bills after insurance, rebuilding …), fen.</summary>
    public long? SpendingFen { get; set; }
    public required string ReportedBy { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}

/// <summary>帮扶措施 kinds: development-type (开发式) ones build income; safety-net (兜底) ones only protect it.</summary>
public enum MeasureKind
{
    Industry = 1,
    Employment = 2,
    SkillsTraining = 3,
    MicroCredit = 4,
    PublicWelfareJob = 5,
    Dibao = 11,
    Tekun = 12,
    MedicalAid = 13,
    TemporaryAid = 14,
    OtherSafetyNet = 15,
}

/// <summary>An assistance measure (帮扶措施) given to a monitoring object.</summary>
public sealed class MonitoringMeasure
{
    public long Id { get; set; }
    public long MonitoringObjectId { get; set; }
    public MeasureKind Kind { get; set; }
    public DateOnly StartedOn { get; set; }
    public required string Description { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public static bool IsDevelopment(MeasureKind kind) => kind < MeasureKind.Dibao;
}
