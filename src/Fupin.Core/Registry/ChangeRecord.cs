namespace Fupin.Registry;

/// <summary>
/// One changed field of a registry entity: who, when, what, old and new value, why. Written by
/// <see cref="Data.AppDbContext"/> for every audited entity in the same transaction as the change;
/// this is the audit log.
/// </summary>
public sealed class ChangeRecord
{
    /// <summary>The county the change belongs to (Citus's distribution column), or <see cref="NoCounty"/>.</summary>
    public const string NoCounty = "*";

    /// <summary>The county of a region code of a county or below; <see cref="NoCounty"/> for a city, a province or none.</summary>
    public static string CountyOf(string? regionCode) => regionCode is { Length: >= 6 } ? regionCode[..6] : NoCounty;

    public long Id { get; set; }

    /// <summary>
    /// The county of what changed. A writer that knows it sets it; one that leaves it empty gets the county of
    /// <see cref="HouseholdId"/>'s household when the record is saved, or <see cref="NoCounty"/> when it names none
    /// (accounts, regions, a province's department list).
    /// </summary>
    public string CountyCode { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public required string User { get; set; }
    public required string Entity { get; set; }
    public long EntityId { get; set; }
    public long? HouseholdId { get; set; }
    public required string Action { get; set; }
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
}

/// <summary>An entity whose changes go to the change history, filed under a household.</summary>
public interface IAudited
{
    long AuditHouseholdId { get; }
    long Version { get; set; }
}
