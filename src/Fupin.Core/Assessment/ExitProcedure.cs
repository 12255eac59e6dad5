using Fupin.Registry;

namespace Fupin.Assessment;

/// <summary>The steps of a household exit, in the order they must happen (贫困户退出程序).</summary>
public enum ExitStep
{
    /// <summary>民主评议.</summary>
    Deliberation = 1,

    /// <summary>村两委和驻村工作队核实.</summary>
    Verification = 2,

    /// <summary>户认可 (the household signs its agreement).</summary>
    Consent = 3,

    /// <summary>村内公示: the date is the first day of the notice; it lasts <see cref="ExitProcedure.NoticeDays"/>.</summary>
    PublicNotice = 4,

    /// <summary>公告退出: not before the notice period has run out.</summary>
    Announcement = 5,

    /// <summary>销号: the household's status becomes 已脱贫 in the same transaction.</summary>
    Deregistration = 6,
}

public enum ExitProcedureStatus { InProgress = 1, Completed = 2, Cancelled = 3 }

/// <summary>
/// One household's exit procedure for a year. The household's status changes only when the last step
/// (销号) is recorded. A household failing the exit test at the start can go through only with a county
/// administrator's recorded override. Every change is audited under the household (<see cref="IAudited"/>).
/// </summary>
public sealed class ExitProcedure : IAudited
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }

    /// <summary>The exit year (the year whose line and income the test used).</summary>
    public int Year { get; set; }
    public ExitProcedureStatus Status { get; set; } = ExitProcedureStatus.InProgress;

    /// <summary>村内公示 period in days (7 by default; <see cref="ExitStandard.NoticeDays"/>).</summary>
    public int NoticeDays { get; set; } = 7;

    /// <summary>The household test when the procedure started (and when it was last re-run).</summary>
    public bool TestPassed { get; set; }
    public required string TestSummary { get; set; }

    /// <summary>A county administrator's decision to let a household failing the test proceed, with the reason.</summary>
    public string? OverrideBy { get; set; }
    public string? OverrideReason { get; set; }
    public DateTimeOffset? OverrideAt { get; set; }

    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public string? CancelReason { get; set; }

    public long Version { get; set; }

    public List<ExitProcedureStep> Steps { get; set; } = [];

    long IAudited.AuditHouseholdId => HouseholdId;
}

/// <summary>One completed step of an exit procedure: its date, who recorded it, what was decided.</summary>
public sealed class ExitProcedureStep : IAudited
{
    public long Id { get; set; }
    public long ProcedureId { get; set; }
    public long HouseholdId { get; set; }
    public ExitStep Step { get; set; }
    public DateOnly Date { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>What was decided (e.g. the deliberation's vote, the notice's place, objections received).</summary>
    public string? Note { get; set; }

    public long Version { get; set; }

    long IAudited.AuditHouseholdId => HouseholdId;
}
