namespace Fupin.Registry;

/// <summary>
/// One changed field of a registry entity: who, when, what, old and new value, why. Written by
/// <see cref="Data.AppDbContext"/> for every audited entity in the same transaction as the change;
/// this is the audit log.
/// </summary>
public sealed class ChangeRecord
{
    public long Id { get; set; }
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
