namespace Fupin.Registry;

// Numeric values are the national system's codes (see docs/data-dictionary.md); labels live in CodeCatalog.

public enum Gender { Male = 1, Female = 2 }

/// <summary>贫困户属性 (national list P, reduced to the three attributes of a poor household).</summary>
public enum HouseholdAttribute { General = 1, Dibao = 4, Tekun = 6 }

/// <summary>脱贫状态 (national list T).</summary>
public enum PovertyStatus { NotExited = 0, ExitedWithPolicy = 1, Relapsed = 3, ExitedWithoutPolicy = 4 }

/// <summary>识别标准 (national list I).</summary>
public enum IdentificationStandard { National = 1, Provincial = 2, Municipal = 3 }

/// <summary>致贫原因 (national list C).</summary>
public enum PovertyCause
{
    Illness = 1,
    Disability = 2,
    Schooling = 3,
    Disaster = 4,
    LackOfLand = 5,
    LackOfWater = 6,
    LackOfSkills = 7,
    LackOfLabour = 8,
    LackOfCapital = 9,
    PoorTransport = 10,
    LackOfDrive = 11,
    Marriage = 12,
    Funeral = 13,
}

/// <summary>劳动技能 (national list L).</summary>
public enum LabourSkill { Ordinary = 1, Skilled = 2, Weak = 3, Lost = 4, None = 5 }

/// <summary>健康状况 (national list H), a multi-select since 2018.</summary>
[Flags]
public enum HealthConditions { None = 0, Healthy = 1, Chronic = 2, Serious = 4, Disabled = 8 }

/// <summary>住房安全等级 (危房级别; A and B are safe).</summary>
public enum HousingGrade { A = 1, B = 2, C = 3, D = 4 }

/// <summary>入户路类型.</summary>
public enum RoadType { Earth = 1, Gravel = 2, Concrete = 3, Asphalt = 4 }

/// <summary>主要燃料类型.</summary>
public enum FuelType { Firewood = 1, Dung = 2, Coal = 3, Clean = 4, Other = 5 }

public enum RegionLevel { Province = 1, City = 2, County = 3, Township = 4, Village = 5 }
