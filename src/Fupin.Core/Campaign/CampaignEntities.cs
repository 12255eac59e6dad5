namespace Fupin.Campaign;

/// <summary>
/// A heading of the campaign ledger (台账) for a county and year: a group (e.g. 四场硬仗) and a name under it (e.g.
/// 产业扶贫). Names are the county's setting — seeded for Henan 2018, edited by the county office — never code.
/// </summary>
public sealed class CampaignHeading
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public required string Group { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
}

/// <summary>A task line of the ledger: what is to be reached (indicator, target, unit), by whom (owner department) and when.</summary>
public sealed class CampaignTask
{
    public long Id { get; set; }
    public long HeadingId { get; set; }
    public required string CountyCode { get; set; }
    public required string Name { get; set; }
    public required string Indicator { get; set; }
    public decimal Target { get; set; }
    public required string Unit { get; set; }

    /// <summary>责任单位, matched against a department user's <see cref="Accounts.User.Department"/>.</summary>
    public required string Department { get; set; }

    /// <summary>The region the task is about (the county by default).</summary>
    public required string RegionCode { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly Deadline { get; set; }
    public int Order { get; set; }
    public string? Note { get; set; }
}

/// <summary>A monthly progress report of a task: the cumulative amount reached by the end of <see cref="Month"/>.</summary>
public sealed class CampaignProgress
{
    public long Id { get; set; }
    public long TaskId { get; set; }

    /// <summary>The task's county (the distribution column on Citus).</summary>
    public required string CountyCode { get; set; }

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly Month { get; set; }
    public decimal Achieved { get; set; }
    public string? Note { get; set; }
    public required string ReportedBy { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
}
