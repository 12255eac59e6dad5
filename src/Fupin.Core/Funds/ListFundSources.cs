using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

public sealed record ListFundSourcesRequest(string? Region = null, int? Year = null, FundKind? Kind = null);

/// <summary>
/// Fund sources (of the region's county, a year, a kind) with 到位, 下达, 拨付 and 支出 as of today, summed
/// in the database; newest year first, then by kind and date.
/// </summary>
public sealed class ListFundSources(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<FundSourceRow>>> HandleAsync(ListFundSourcesRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        if (region is not null)
        {
            var (_, failure) = await FundQueries.RegionAsync(db, region, ct);
            if (failure is not null) return failure;
        }
        var sources = FundQueries.Sources(db, region, today);
        if (request.Year is { } year) sources = sources.Where(s => s.Year == year);
        if (request.Kind is { } kind) sources = sources.Where(s => s.Kind == kind);
        var rows = await sources.AsNoTracking()
            .Select(s => new { s.Id, s.CountyCode, s.Year, s.Kind, s.Name, s.DocumentNo, s.ReceivedOn, s.AmountFen, s.AllocatedFen })
            .ToListAsync(ct);
        var allocated = await db.FundAllocations.AsNoTracking().Where(a => a.AllocatedOn <= today && sources.Any(s => s.Id == a.SourceId))
            .GroupBy(a => a.SourceId).Select(g => new { g.Key, Sum = g.Sum(a => a.AmountFen) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var paid = await db.FundPayments.AsNoTracking().Where(p => p.PaidOn <= today && sources.Any(s => s.Id == p.SourceId))
            .GroupBy(p => new { p.SourceId, p.Kind }).Select(g => new { g.Key.SourceId, g.Key.Kind, Sum = g.Sum(p => p.AmountFen) }).ToListAsync(ct);
        long Paid(long id, PaymentKind k) => paid.Where(p => p.SourceId == id && p.Kind == k).Sum(p => p.Sum);
        return rows.OrderByDescending(s => s.Year).ThenBy(s => s.Kind).ThenBy(s => s.ReceivedOn).ThenBy(s => s.Id)
            .Select(s => new FundSourceRow(s.Id, s.CountyCode, s.Year, s.Kind, Projects.ProjectLabels.Label(s.Kind), s.Name, s.DocumentNo, s.ReceivedOn,
                new FundFigures(s.AmountFen, allocated.GetValueOrDefault(s.Id), Paid(s.Id, PaymentKind.Disbursement), Paid(s.Id, PaymentKind.Expenditure)),
                s.AmountFen - s.AllocatedFen))
            .ToList();
    }
}
