namespace Fupin.Assessment;

/// <summary>
/// A sample drawn by Fupin for the county exit re-check (错退 / 漏评 / 认可度), reproducible from its seed.
/// Its households are visited in the field and the results entered on <see cref="SampledHousehold"/>.
/// </summary>
public sealed class EvaluationSample
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public int Seed { get; set; }

    /// <summary>The draw's parameters as JSON (villages per township, households per frame …), for audit and re-draw.</summary>
    public required string Parameters { get; set; }
    public required string DrawnBy { get; set; }
    public DateTimeOffset DrawnAt { get; set; }

    /// <summary>Closed samples take no more results.</summary>
    public bool Closed { get; set; }
}

/// <summary>Which population a sampled household stands for.</summary>
public enum SampleFrame
{
    /// <summary>脱贫户: re-checked for wrong exits (错退).</summary>
    Exited = 1,

    /// <summary>未脱贫 registered households: asked for approval (认可度).</summary>
    Poor = 2,

    /// <summary>非建档立卡农户: checked for missed identification (漏评). Chosen in the field; the slot is drawn.</summary>
    NonRegistered = 3,
}

/// <summary>One household (or, for non-registered households, one slot in a village) of a sample, with its result once entered.</summary>
public sealed class SampledHousehold
{
    public long Id { get; set; }
    public long SampleId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public SampleFrame Frame { get; set; }

    /// <summary>The registered household; null for a non-registered slot.</summary>
    public long? HouseholdId { get; set; }

    /// <summary>Order of the slot within its village and frame (1, 2 …).</summary>
    public int Slot { get; set; }

    // Results, null until entered.
    public DateOnly? SurveyedOn { get; set; }
    public string? Surveyor { get; set; }

    /// <summary>Head's name of a non-registered household, as found in the field.</summary>
    public string? HeadName { get; set; }

    /// <summary>Persons in the household, the denominator of 错退率 and 漏评率.</summary>
    public int? Persons { get; set; }

    /// <summary>Exited frame: persons judged wrongly exited (income not stably above the line or 两不愁三保障 not met).</summary>
    public int? WrongExitPersons { get; set; }

    /// <summary>Non-registered frame: persons meeting the identification standard but not registered.</summary>
    public int? MissedPersons { get; set; }

    /// <summary>The overall 认可 answer, and the four dimensions asked (政策, 帮扶措施及成效, 脱贫退出, 干部帮扶).</summary>
    public bool? Approves { get; set; }
    public bool? ApprovesPolicy { get; set; }
    public bool? ApprovesMeasures { get; set; }
    public bool? ApprovesExit { get; set; }
    public bool? ApprovesCadres { get; set; }

    public string? Note { get; set; }
    public long Version { get; set; }

    public bool Surveyed => SurveyedOn is not null;
}
