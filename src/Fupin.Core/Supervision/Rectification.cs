namespace Fupin.Supervision;

/// <summary>
/// A rectification item (整改事项): a problem found by any <see cref="RectificationSource"/>, with the unit and
/// person responsible, a deadline, the evidence required, and the flow 待整改 → 整改中 → 待验收 → 已销号. Overdue
/// items escalate (督办, then 催办 to the level above). Closing needs evidence and a reviewer who is not the owner.
/// </summary>
public sealed class Rectification
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>Where the problem is (county, township or village): who sees the item.</summary>
    public required string RegionCode { get; set; }

    /// <summary>整改编号, unique in the county: ZG + year + '-' + four digits.</summary>
    public required string Number { get; set; }
    public RectificationSource Source { get; set; }

    /// <summary>The feedback document or batch (文号, 批次), for items not found by Fupin's own inspections.</summary>
    public string? SourceDocument { get; set; }

    /// <summary>The visit whose failed check found it (暗访).</summary>
    public long? VisitId { get; set; }

    /// <summary>The question that failed, in the visit's template.</summary>
    public string? QuestionCode { get; set; }

    /// <summary>The verification finding (疑点) it came from (排查核对).</summary>
    public long? FindingId { get; set; }
    public long? HouseholdId { get; set; }

    /// <summary>问题描述.</summary>
    public required string Problem { get; set; }

    /// <summary>整改要求.</summary>
    public string? Requirement { get; set; }

    /// <summary>责任单位.</summary>
    public required string ResponsibleUnit { get; set; }

    /// <summary>责任人 (a name; <see cref="OwnerUserId"/> when the person has an account).</summary>
    public string? ResponsiblePerson { get; set; }
    public long? OwnerUserId { get; set; }
    public DateOnly FoundOn { get; set; }
    public DateOnly Deadline { get; set; }

    /// <summary>What must be shown to close it (佐证材料要求).</summary>
    public required string RequiredEvidence { get; set; }

    /// <summary>整改措施 and what was done, as written by the owner.</summary>
    public string? Measures { get; set; }
    public RectificationStatus Status { get; set; } = RectificationStatus.Pending;

    /// <summary>The escalation reached (recorded by the daily escalation with its day and the region it went to).</summary>
    public EscalationLevel Escalation { get; set; }
    public DateOnly? EscalatedOn { get; set; }
    public string? EscalatedTo { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateOnly? SubmittedOn { get; set; }
    public string? ClosedBy { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public long Version { get; set; }
}

public enum RectificationSource
{
    /// <summary>暗访.</summary>
    Inspection = 1,

    /// <summary>巡视反馈.</summary>
    PatrolFeedback = 2,

    /// <summary>年度考核.</summary>
    AnnualReview = 3,

    /// <summary>第三方评估.</summary>
    ThirdPartyEvaluation = 4,

    /// <summary>审计.</summary>
    Audit = 5,

    /// <summary>排查核对 (a verification finding).</summary>
    Verification = 6,

    /// <summary>其他 (媒体曝光, 信访 …).</summary>
    Other = 7,
}

public enum RectificationStatus
{
    /// <summary>待整改.</summary>
    Pending = 1,

    /// <summary>整改中.</summary>
    InProgress = 2,

    /// <summary>待验收: submitted with evidence, waiting for a reviewer.</summary>
    AwaitingReview = 3,

    /// <summary>已销号.</summary>
    Closed = 4,
}

public enum EscalationLevel
{
    None = 0,

    /// <summary>督办: overdue, chased by the county office.</summary>
    Supervised = 1,

    /// <summary>催办: still overdue, pressed on the level above the responsible region.</summary>
    Urged = 2,
}

/// <summary>One step in an item's history: created, assigned, started, progress, submitted, returned, closed, escalated.</summary>
public sealed class RectificationEvent
{
    public long Id { get; set; }
    public long RectificationId { get; set; }
    public RectificationEventKind Kind { get; set; }
    public DateOnly On { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Note { get; set; }
}

public enum RectificationEventKind
{
    Created = 1,
    Assigned = 2,
    Started = 3,
    Progress = 4,
    Submitted = 5,
    Returned = 6,
    Closed = 7,
    Supervised = 8,
    Urged = 9,
    DeadlineChanged = 10,
}

/// <summary>A file proving the rectification (佐证材料): photo, scan, spreadsheet, checked like project documents.</summary>
public sealed class RectificationEvidence
{
    public long Id { get; set; }
    public long RectificationId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public string? Note { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
