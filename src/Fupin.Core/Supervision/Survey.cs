namespace Fupin.Supervision;

/// <summary>
/// A satisfaction survey (满意度/认可度调查) of a county and year: a questionnaire (<see cref="ChecklistTemplate"/>
/// of kind Survey), a sample of registered households drawn by Fupin from <see cref="Seed"/>, and the answers
/// entered by surveyors. The county rate of the latest survey of a year feeds the exit assessment's 群众认可度.
/// </summary>
public sealed class SatisfactionSurvey
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public long TemplateId { get; set; }
    public int Seed { get; set; }

    /// <summary>The draw's parameters as JSON, for audit and re-draw.</summary>
    public required string Parameters { get; set; }
    public required string DrawnBy { get; set; }
    public DateTimeOffset DrawnAt { get; set; }

    /// <summary>Closed surveys take no more answers.</summary>
    public bool Closed { get; set; }
}

/// <summary>One household of a survey's sample, with the result once surveyed.</summary>
public sealed class SurveyedHousehold
{
    public long Id { get; set; }
    public long SurveyId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public int Slot { get; set; }
    public DateOnly? SurveyedOn { get; set; }
    public string? Surveyor { get; set; }

    /// <summary>认可: decided by the answer to the template's approval question; null until surveyed.</summary>
    public bool? Approves { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }
}

/// <summary>One answer of a surveyed household.</summary>
public sealed class SurveyAnswer
{
    public long Id { get; set; }
    public long SurveyedHouseholdId { get; set; }

    /// <summary>The surveyed household's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }
    public required string QuestionCode { get; set; }
    public required string Value { get; set; }
}
