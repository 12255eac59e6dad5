namespace Fupin.Registry;

/// <summary>
/// A household's income for one year (上年度收入), money in fen. Property and transfer income are
/// kept by their parts; per-capita net income is always computed, never typed in.
/// </summary>
public sealed class IncomeRecord : IAudited
{
    public long Id { get; set; }
    public long HouseholdId { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }

    /// <summary>家庭人口数 used for the per-capita figure of that year.</summary>
    public int HouseholdSize { get; set; }

    public long Wage { get; set; }
    public long Production { get; set; }

    // 财产性收入
    public long AssetDividend { get; set; }
    public long OtherProperty { get; set; }

    // 转移性收入
    public long FamilyPlanning { get; set; }
    public long DibaoAllowance { get; set; }
    public long TekunAllowance { get; set; }
    public long PensionIncome { get; set; }
    public long EcoCompensation { get; set; }
    public long OtherTransfer { get; set; }

    /// <summary>生产经营性支出.</summary>
    public long ProductionCost { get; set; }

    public long Version { get; set; }

    public long Property => AssetDividend + OtherProperty;
    public long Transfer => FamilyPlanning + DibaoAllowance + TekunAllowance + PensionIncome + EcoCompensation + OtherTransfer;

    /// <summary>纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出.</summary>
    public long NetIncome => Wage + Production + Property + Transfer - ProductionCost;

    /// <summary>人均纯收入 in fen (rounded toward zero); 0 for an empty household.</summary>
    public long PerCapitaNetIncome => HouseholdSize <= 0 ? 0 : NetIncome / HouseholdSize;

    long IAudited.AuditHouseholdId => HouseholdId;
}
