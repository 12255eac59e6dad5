namespace Fupin.Registry;

/// <summary>A registered poor household (建档立卡贫困户).</summary>
public sealed class Household : IAudited
{
    public long Id { get; set; }

    /// <summary>The county code: the distribution column when the database is scaled out.</summary>
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }

    /// <summary>户编号, unique in the register.</summary>
    public required string Number { get; set; }

    public HouseholdAttribute Attribute { get; set; }
    public PovertyStatus Status { get; set; }
    public IdentificationStandard Standard { get; set; } = IdentificationStandard.National;
    public int IdentificationYear { get; set; }
    public int? PlannedExitYear { get; set; }
    public int? ExitYear { get; set; }
    public PovertyCause MainCause { get; set; }
    public List<PovertyCause> OtherCauses { get; set; } = [];

    // 生产生活条件 (areas in 亩, distance in km, housing in m²)
    public double ArableLand { get; set; }
    public double IrrigatedLand { get; set; }
    public double ForestLand { get; set; }
    public double ReturnedFarmland { get; set; }
    public double OrchardLand { get; set; }
    public double PastureLand { get; set; }
    public double WaterSurface { get; set; }
    public RoadType RoadType { get; set; }
    public double DistanceToRoadKm { get; set; }
    public double HousingArea { get; set; }
    public HousingGrade HousingGrade { get; set; } = HousingGrade.A;

    /// <summary>危房改造 completed (accepted) on this date: a C or D grade recorded before it no longer fails 住房安全.</summary>
    public DateOnly? HousingRenovatedOn { get; set; }
    public bool SafeDrinkingWater { get; set; }
    public bool HasPower { get; set; }
    public FuelType Fuel { get; set; }
    public bool HasSanitaryToilet { get; set; }
    public bool InCooperative { get; set; }

    /// <summary>Sensitive: shown masked.</summary>
    public string? Phone { get; set; }
    public string? BankName { get; set; }

    /// <summary>Sensitive: the account for direct payments (一卡通), shown masked.</summary>
    public string? BankAccount { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every save.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Member> Members { get; set; } = [];
    public List<IncomeRecord> Incomes { get; set; } = [];

    public bool IsPoor => Status is PovertyStatus.NotExited or PovertyStatus.Relapsed;

    long IAudited.AuditHouseholdId => Id;
}
