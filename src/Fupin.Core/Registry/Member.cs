namespace Fupin.Registry;

/// <summary>A member of a registered household (家庭成员).</summary>
public sealed class Member : IAudited
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public Household? Household { get; set; }
    public required string CountyCode { get; set; }

    /// <summary>人编号.</summary>
    public string? Number { get; set; }
    public required string Name { get; set; }

    /// <summary>Sensitive. Null where the register has none (some newborns, some imports).</summary>
    public ResidentId? IdNumber { get; set; }

    /// <summary>与户主关系 (code table Relation).</summary>
    public required string Relation { get; set; }
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public string Ethnicity { get; set; } = "汉族";
    public string PoliticalStatus { get; set; } = "群众";

    /// <summary>文化程度; exactly one of Education and StudentStatus is set.</summary>
    public string? Education { get; set; }

    /// <summary>在校生状况; exactly one of Education and StudentStatus is set.</summary>
    public string? StudentStatus { get; set; }

    /// <summary>
    /// A lawful reason a child of compulsory-school age is not in school (e.g. 残疾儿童送教上门, 因病休学),
    /// recorded by the village; the 义务教育 indicator accepts it.
    /// </summary>
    public string? OutOfSchoolReason { get; set; }

    /// <summary>Sensitive (health).</summary>
    public HealthConditions Health { get; set; } = HealthConditions.Healthy;
    public LabourSkill LabourSkill { get; set; }
    public string? MigrantWorkPlace { get; set; }
    public int? MigrantWorkMonths { get; set; }

    public bool HasBasicMedical { get; set; }
    public bool HasCriticalIllness { get; set; }
    public bool HasPension { get; set; }
    public bool IsDibao { get; set; }
    public bool IsTekun { get; set; }

    /// <summary>Sensitive.</summary>
    public string? Phone { get; set; }

    public long Version { get; set; }

    public bool IsHead => Relation == "户主";

    public int AgeOn(DateOnly date) => Age(BirthDate, date);

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="date"/>.</summary>
    public static int Age(DateOnly birth, DateOnly date)
    {
        var age = date.Year - birth.Year;
        return birth.AddYears(age) > date ? age - 1 : age;
    }

    long IAudited.AuditHouseholdId => HouseholdId;
}
