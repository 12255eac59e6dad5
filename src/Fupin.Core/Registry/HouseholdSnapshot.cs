namespace Fupin.Registry;

/// <summary>
/// A household frozen as of a year ("the register as of 2017"), as the national system kept one
/// copy per year. The document is the household with its members and that year's income as JSON;
/// the key columns beside it let counts run without reading documents.
/// </summary>
public sealed class HouseholdSnapshot
{
    public long Id { get; set; }
    public int Year { get; set; }
    public long HouseholdId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public required string Number { get; set; }
    public PovertyStatus Status { get; set; }
    public HouseholdAttribute Attribute { get; set; }
    public int MemberCount { get; set; }
    public DateTimeOffset FrozenAt { get; set; }
    public required string Document { get; set; }
}
