namespace Fupin.Funds;

/// <summary>资金来源类别.</summary>
public enum FundKind
{
    /// <summary>中央财政专项扶贫资金.</summary>
    CentralSpecial = 1,

    /// <summary>省级财政专项扶贫资金.</summary>
    ProvincialSpecial = 2,

    /// <summary>市级财政专项扶贫资金.</summary>
    CitySpecial = 3,

    /// <summary>县级财政专项扶贫资金.</summary>
    CountySpecial = 4,

    /// <summary>统筹整合涉农资金.</summary>
    IntegratedAgricultural = 5,

    /// <summary>社会帮扶资金 (东西部协作, 定点帮扶, 企业, 社会捐赠).</summary>
    Social = 6,

    /// <summary>金融扶贫资金 (扶贫小额信贷, 贴息 …).</summary>
    Finance = 7,
}

/// <summary>
/// A fund source of one year (e.g. "2018年中央财政专项扶贫资金（第一批）", 文号 豫财农〔2018〕12号) with its
/// amount. <see cref="AllocatedFen"/> is maintained by allocation in the same transaction and never
/// exceeds <see cref="AmountFen"/>; the concurrency token makes two simultaneous allocations safe.
/// </summary>
public sealed class FundSource
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public FundKind Kind { get; set; }
    public required string Name { get; set; }

    /// <summary>下达文号, optional.</summary>
    public string? DocumentNo { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public long AmountFen { get; set; }

    /// <summary>Σ allocations to projects, fen.</summary>
    public long AllocatedFen { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// 资金下达: money of one source given to one project. Its disbursed and spent totals are maintained by
/// the payment use case; 拨付 never exceeds the allocation and 支出 never exceeds 拨付.
/// </summary>
public sealed class FundAllocation
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public long SourceId { get; set; }
    public long ProjectId { get; set; }
    public long AmountFen { get; set; }
    public DateOnly AllocatedOn { get; set; }
    public string? DocumentNo { get; set; }
    public long DisbursedFen { get; set; }
    public long SpentFen { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
    public long Version { get; set; }
}

public enum PaymentKind
{
    /// <summary>拨付: the treasury pays the money out to the implementing unit.</summary>
    Disbursement = 1,

    /// <summary>支出: the implementing unit pays contractors, suppliers or households.</summary>
    Expenditure = 2,
}

/// <summary>A disbursement (拨付) or expenditure (支出) against one allocation, dated, with voucher and payee.</summary>
public sealed class FundPayment
{
    public long Id { get; set; }
    public required string CountyCode { get; set; }
    public long AllocationId { get; set; }

    /// <summary>Denormalised from the allocation for the rate queries by project and by source.</summary>
    public long ProjectId { get; set; }
    public long SourceId { get; set; }
    public PaymentKind Kind { get; set; }
    public long AmountFen { get; set; }
    public DateOnly PaidOn { get; set; }
    public string? Payee { get; set; }

    /// <summary>凭证号, optional.</summary>
    public string? VoucherNo { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
