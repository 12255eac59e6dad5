namespace Fupin.Supervision;

/// <summary>
/// A questionnaire: an inspection checklist (<see cref="ChecklistKind.Inspection"/>) or a satisfaction survey
/// (<see cref="ChecklistKind.Survey"/>). Kept per county and edited by the county office and inspectors; a
/// template in use by a plan or survey is not changed but copied (its answers refer to question codes).
/// </summary>
public sealed class ChecklistTemplate
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public ChecklistKind Kind { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long Version { get; set; }
}

public enum ChecklistKind
{
    /// <summary>暗访检查表.</summary>
    Inspection = 1,

    /// <summary>满意度/认可度调查问卷.</summary>
    Survey = 2,
}

/// <summary>What a question is asked of.</summary>
public enum ChecklistSubject
{
    Household = 1,
    Village = 2,
    Workshop = 3,
    SettlementSite = 4,
}

/// <summary>How a question is answered.</summary>
public enum AnswerKind
{
    /// <summary>是/否.</summary>
    YesNo = 1,

    /// <summary>One of <see cref="ChecklistQuestion.Options"/>.</summary>
    Choice = 2,

    /// <summary>A whole number (persons, months …).</summary>
    Number = 3,

    /// <summary>Free text.</summary>
    Text = 4,
}

/// <summary>
/// One question of a template. <see cref="FailValues"/> are the answers that fail the check (an inspection
/// finding) or, in a survey, that do not approve; <see cref="CountsForApproval"/> marks the survey question
/// whose answer decides whether the household approves (认可).
/// </summary>
public sealed class ChecklistQuestion
{
    public long Id { get; set; }
    public long TemplateId { get; set; }

    /// <summary>The template's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Stable within the template (answers refer to it): letters, digits, '-' and '_'.</summary>
    public required string Code { get; set; }

    /// <summary>The heading it is listed under (车间, 行业政策, 搬迁, 满意度, 两不愁三保障 …).</summary>
    public required string Section { get; set; }
    public required string Text { get; set; }
    public ChecklistSubject Subject { get; set; }
    public AnswerKind Answer { get; set; }

    /// <summary>Choices separated by '|' (for <see cref="AnswerKind.Choice"/>).</summary>
    public string? Options { get; set; }

    /// <summary>Answers that fail, separated by '|' (e.g. "否").</summary>
    public string? FailValues { get; set; }

    /// <summary>The text a failed answer puts in the rectification item's problem (null: the question's text).</summary>
    public string? FindingText { get; set; }
    public bool Required { get; set; }
    public bool CountsForApproval { get; set; }
}
