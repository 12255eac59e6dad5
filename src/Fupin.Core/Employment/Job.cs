namespace Fupin.Employment;

/// <summary>就业类型 (workshop jobs are kept on the workshop, <see cref="Workshops.WorkshopWorker"/>).</summary>
public enum JobKind
{
    /// <summary>外出务工 (outside the county).</summary>
    Migrant = 1,

    /// <summary>就近就业 (in the county, not a workshop).</summary>
    Local = 2,

    /// <summary>公益岗位 (护林员, 保洁员, 护路员 …).</summary>
    PublicWelfare = 3,
}

/// <summary>A registry member's job in a year, with the months worked. Visible exactly when the household is.</summary>
public sealed class Job
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public long MemberId { get; set; }
    public int Year { get; set; }
    public JobKind Kind { get; set; }

    /// <summary>务工地点 (省市县 for migrant work).</summary>
    public string? Place { get; set; }
    public string? Employer { get; set; }

    /// <summary>岗位 (护林员 for a public-welfare post).</summary>
    public string? Post { get; set; }

    /// <summary>务工时间(月), 1–12.</summary>
    public int Months { get; set; }

    /// <summary>月收入, fen.</summary>
    public long MonthlyIncomeFen { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A member's development willingness (发展意愿) as recorded on a day by someone; the latest record on or
/// before a day holds. No record means not yet asked. Visible exactly when the household is.
/// </summary>
public sealed class Willingness
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public long MemberId { get; set; }
    public bool Willing { get; set; }
    public DateOnly RecordedOn { get; set; }
    public required string RecordedBy { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
