namespace Fupin.Industries;

/// <summary>利益联结方式. Each feeds one part of the household's income (see <see cref="IndustryLabels.PartFed"/>).</summary>
public enum LinkageKind
{
    /// <summary>股份合作 (dividends).</summary>
    Equity = 1,

    /// <summary>资金折股量化 (dividends on project funds quantified as shares).</summary>
    FundShares = 2,

    /// <summary>订单帮扶 (guaranteed purchase).</summary>
    Order = 3,

    /// <summary>生产托管/土地托管.</summary>
    Trusteeship = 4,

    /// <summary>土地流转 (land rent).</summary>
    LandTransfer = 5,

    /// <summary>务工就业 (wages).</summary>
    Employment = 6,

    /// <summary>资产收益 (solar, workshop rent …).</summary>
    AssetIncome = 7,

    /// <summary>带资入企.</summary>
    CapitalInEnterprise = 8,
}

/// <summary>
/// A benefit-linkage contract (利益联结) between an entity and households or persons (<see cref="LinkageParty"/>),
/// with its period and the model it belongs to. A contract counts toward coverage in a year when its period
/// overlaps the year.
/// </summary>
public sealed class LinkageContract
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public long EntityId { get; set; }

    /// <summary>The entity's region, copied so the contract is scoped without a join.</summary>
    public required string RegionCode { get; set; }

    /// <summary>合同编号, unique in the county.</summary>
    public required string Number { get; set; }
    public LinkageKind Kind { get; set; }

    /// <summary>The industry the contract belongs to; defaults to the entity's.</summary>
    public long? IndustryId { get; set; }

    /// <summary>带贫模式, e.g. "公司+合作社+基地+贫困户".</summary>
    public string? Model { get; set; }
    public DateOnly StartOn { get; set; }

    /// <summary>Last day of the contract; null while open-ended.</summary>
    public DateOnly? EndOn { get; set; }

    /// <summary>The amount agreed per party and year, fen (a party may carry its own).</summary>
    public long AgreedPerYearFen { get; set; }
    public string? Terms { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }

    public bool ActiveIn(int year) => StartOn.Year <= year && (EndOn is null || EndOn.Value.Year >= year);
}

/// <summary>
/// A household (<see cref="MemberId"/> null) or one person of it bound by a contract. A household party
/// covers all its members; a person party covers that person. Visible exactly when the household is.
/// </summary>
public sealed class LinkageParty
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }
    public long? MemberId { get; set; }

    /// <summary>The amount agreed for this party per year, fen; null: the contract's.</summary>
    public long? AgreedPerYearFen { get; set; }

    /// <summary>入股金额 (股份合作, 资金折股量化, 带资入企), fen.</summary>
    public long? SharesFen { get; set; }

    /// <summary>流转/托管面积, 亩.</summary>
    public double? LandMu { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// A payment to a party (分红, 租金, 工资, 收购款 …). Recording it adds the amount to the household's income
/// record of <see cref="Year"/> in the part its contract kind feeds; cancelling it takes it out again.
/// </summary>
public sealed class LinkagePayment
{
    public long Id { get; set; }
    public long ContractId { get; set; }
    public long PartyId { get; set; }
    public required string CountyCode { get; set; }
    public required string VillageCode { get; set; }
    public long HouseholdId { get; set; }

    /// <summary>The income year the payment belongs to (normally the year paid).</summary>
    public int Year { get; set; }
    public DateOnly PaidOn { get; set; }
    public long AmountFen { get; set; }
    public string? Note { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
