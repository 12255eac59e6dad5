namespace Fupin.Workshops;

public enum WorkshopStatus
{
    /// <summary>在建.</summary>
    Building = 1,

    /// <summary>运营中.</summary>
    Operating = 2,

    /// <summary>停产.</summary>
    Suspended = 3,
}

/// <summary>
/// An employment workshop (扶贫就业车间): the building (<see cref="ProjectId"/>) plus its operation — the
/// company running it, its products and jobs. Poor workers are registry members (<see cref="WorkshopWorker"/>).
/// </summary>
public sealed class Workshop
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public required string Name { get; set; }
    public long? ProjectId { get; set; }
    public WorkshopStatus Status { get; set; } = WorkshopStatus.Building;

    /// <summary>经营主体 (company or cooperative) and its contact.</summary>
    public string? Company { get; set; }
    public string? Contact { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>主要产品, free text (e.g. "艾绒、艾条", "假发", "服装加工").</summary>
    public string? Products { get; set; }
    public DateOnly? OpenedOn { get; set; }

    /// <summary>Planned jobs (设计岗位).</summary>
    public int JobsPlanned { get; set; }

    /// <summary>All workers at last report (poor or not).</summary>
    public int WorkersTotal { get; set; }
    public long Version { get; set; }
}

/// <summary>A registry member working at a workshop, from a date until a date (null: still working), with the monthly wage.</summary>
public sealed class WorkshopWorker
{
    public long Id { get; set; }
    public long WorkshopId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public long MemberId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }

    /// <summary>Agreed monthly wage, fen.</summary>
    public long MonthlyWageFen { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>A workshop's monthly report (月报): workers, wages paid and subsidies received in the month.</summary>
public sealed class WorkshopMonth
{
    public long Id { get; set; }
    public long WorkshopId { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>The first day of the month reported.</summary>
    public DateOnly Month { get; set; }
    public int Workers { get; set; }
    public int PoorWorkers { get; set; }

    /// <summary>Wages paid to all workers and to poor workers in the month, fen.</summary>
    public long WagesFen { get; set; }
    public long PoorWagesFen { get; set; }

    /// <summary>Subsidies received in the month (岗位补贴, 以奖代补 …), fen.</summary>
    public long SubsidyFen { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
