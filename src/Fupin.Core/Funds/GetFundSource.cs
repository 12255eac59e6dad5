using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

public sealed record FundSourceDetails(FundSourceRow Source, string CountyName, string CreatedBy, DateTimeOffset CreatedAt, DateOnly AsOf,
    IReadOnlyList<FundAllocationRow> Allocations, IReadOnlyList<FundPaymentRow> Payments);

/// <summary>One fund source with its figures as of today, every allocation of it and every payment against them.</summary>
public sealed class GetFundSource(AppDbContext db, TimeProvider clock)
{
    public const int MaxRows = 2000;

    public async Task<Result<FundSourceDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var today = clock.Today();
        var s = await db.FundSources.AsNoTracking().Where(x => x.Id == id && x.ReceivedOn <= today).SingleOrDefaultAsync(ct);
        if (s is null) return Result.NotFound("资金来源不存在");
        var sources = db.FundSources.Where(x => x.Id == id);
        var allocations = await FundRows.AllocationsAsync(db, FundQueries.Allocations(db, sources, null, today), today, MaxRows, ct);
        var payments = await FundRows.PaymentsAsync(db, FundQueries.Payments(db, sources, null, today), MaxRows, ct);
        var figures = new FundFigures(s.AmountFen, allocations.Sum(a => a.AmountFen),
            payments.Where(p => p.Kind == PaymentKind.Disbursement).Sum(p => p.AmountFen), payments.Where(p => p.Kind == PaymentKind.Expenditure).Sum(p => p.AmountFen));
        var county = (await FundQueries.NamesAsync(db, [s.CountyCode], ct)).GetValueOrDefault(s.CountyCode, s.CountyCode);
        var row = new FundSourceRow(s.Id, s.CountyCode, s.Year, s.Kind, Projects.ProjectLabels.Label(s.Kind), s.Name, s.DocumentNo, s.ReceivedOn, figures, s.AmountFen - s.AllocatedFen);
        return new FundSourceDetails(row, county, s.CreatedBy, s.CreatedAt, today, allocations, payments);
    }
}
