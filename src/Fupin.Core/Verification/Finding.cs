namespace Fupin.Verification;

/// <summary>疑点的核实状态.</summary>
public enum FindingStatus
{
    /// <summary>待核实.</summary>
    Open = 0,

    /// <summary>核实中.</summary>
    Verifying = 1,

    /// <summary>属实（已整改）.</summary>
    Confirmed = 2,

    /// <summary>不属实（已说明）.</summary>
    Explained = 3,

    /// <summary>误报.</summary>
    FalseAlarm = 4,
}

/// <summary>
/// A suspicious item (疑点): one comparison rule × one member or household. The same rule and
/// subject found by a later run is the same finding; a run that no longer finds it marks its cause
/// gone (<see cref="GoneInRunId"/>), a later run that finds it again clears the mark.
/// </summary>
public sealed class Finding
{
    public long Id { get; set; }
    public required string Rule { get; set; }

    /// <summary>The member's id for a person rule, the household's id for a household rule.</summary>
    public long SubjectId { get; set; }
    public long HouseholdId { get; set; }
    public long? MemberId { get; set; }

    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }

    /// <summary>Who works it: the village by default, or its township.</summary>
    public required string AssignedTo { get; set; }

    /// <summary>What the list says (e.g. 注销原因：死亡，注销日期：2018-03-02；公安局 2018-09-30 名单).</summary>
    public required string Evidence { get; set; }

    public FindingStatus Status { get; set; }
    public string? Note { get; set; }

    public long FirstRunId { get; set; }
    public long LastSeenRunId { get; set; }
    public long? GoneInRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One step in a finding's history: a run found it, lost it or found it again, or a user moved it on.</summary>
public sealed class FindingEvent
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string User { get; set; }

    /// <summary>发现, 已消除, 再次发现, 状态变更, 分派, 备注, 上传证据.</summary>
    public required string Action { get; set; }
    public FindingStatus? From { get; set; }
    public FindingStatus? To { get; set; }
    public string? Note { get; set; }
}

/// <summary>An evidence file from the field (photo or PDF), kept in the database with the finding.</summary>
public sealed class FindingEvidence
{
    public long Id { get; set; }
    public long FindingId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>One comparison of a region against the latest lists.</summary>
public sealed class VerificationRun
{
    public long Id { get; set; }
    public required string RegionCode { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>The lists compared, by id (comma-separated).</summary>
    public required string ListIds { get; set; }

    /// <summary>Rules skipped because no list of the type they need was loaded (comma-separated codes).</summary>
    public string? SkippedRules { get; set; }
    public int Members { get; set; }
    public int Found { get; set; }
    public int New { get; set; }
    public int Reopened { get; set; }
    public int Gone { get; set; }
}
