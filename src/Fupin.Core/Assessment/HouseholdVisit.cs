namespace Fupin.Assessment;

/// <summary>
/// A home visit (入户走访) that records whether the household has enough to eat and to wear (不愁吃、不愁穿):
/// the evidence behind the 不愁吃穿 indicator. The latest visit of the assessed year decides it.
/// </summary>
public sealed class HouseholdVisit
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public DateOnly VisitedOn { get; set; }

    /// <summary>Who visited (name and unit as written on the visit record).</summary>
    public required string Visitor { get; set; }

    /// <summary>不愁吃: staple food enough all year, meat, eggs or beans regularly.</summary>
    public bool FoodSecure { get; set; }

    /// <summary>不愁穿: clothes and bedding for every season.</summary>
    public bool ClothingSecure { get; set; }

    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
