using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

/// <summary>
/// The region and date filters the fund reads share. A source belongs to a county; an allocation or a
/// payment is in a region when its project is. Only records dated on or before the as-of date exist.
/// </summary>
internal static class FundQueries
{
    // Member-initialised (not positional) so EF can follow x.Allocation.Id through the projection.
    public sealed class AllocationWithProject
    {
        public required FundAllocation Allocation { get; init; }
        public required Project Project { get; init; }
    }

    public sealed class PaymentWithProject
    {
        public required FundPayment Payment { get; init; }
        public required FundAllocation Allocation { get; init; }
        public required Project Project { get; init; }
    }

    public static string TownshipOf(string regionCode) => regionCode.Length >= 9 ? regionCode[..9] : regionCode;

#pragma warning disable CA1310 // EF translates StartsWith(string) to a prefix match; a culture overload would not translate.
    public static IQueryable<FundSource> Sources(AppDbContext db, string? region, DateOnly asOf)
    {
        var q = db.FundSources.Where(s => s.ReceivedOn <= asOf);
        if (region is null) return q;
        if (region.Length >= 6)
        {
            var county = region[..6];
            return q.Where(s => s.CountyCode == county);
        }
        return q.Where(s => s.CountyCode.StartsWith(region));
    }

    public static IQueryable<AllocationWithProject> Allocations(AppDbContext db, IQueryable<FundSource> sources, string? region, DateOnly asOf)
    {
        var county = Distribution.CountyOf(region);
        var q = from a in db.FundAllocations.AsNoTracking().InCounty(county)
                join s in sources on a.SourceId equals s.Id
                join p in db.Projects.AsNoTracking().InCounty(county) on a.ProjectId equals p.Id
                where a.AllocatedOn <= asOf
                select new AllocationWithProject { Allocation = a, Project = p };
        return region is null ? q : q.Where(x => x.Project.RegionCode.StartsWith(region));
    }

    public static IQueryable<PaymentWithProject> Payments(AppDbContext db, IQueryable<FundSource> sources, string? region, DateOnly asOf)
    {
        var county = Distribution.CountyOf(region);
        var q = from pay in db.FundPayments.AsNoTracking().InCounty(county)
                join a in db.FundAllocations.InCounty(county) on pay.AllocationId equals a.Id
                join s in sources on a.SourceId equals s.Id
                join p in db.Projects.AsNoTracking().InCounty(county) on pay.ProjectId equals p.Id
                where pay.PaidOn <= asOf && a.AllocatedOn <= asOf
                select new PaymentWithProject { Payment = pay, Allocation = a, Project = p };
        return region is null ? q : q.Where(x => x.Project.RegionCode.StartsWith(region));
    }
#pragma warning restore CA1310

    /// <summary>The region's name, or why it cannot be asked about: a malformed or unknown code (400) or one out of the user's scope (404).</summary>
    public static async Task<(string? Name, Failure? Failure)> RegionAsync(AppDbContext db, string region, CancellationToken ct)
    {
        if (region.Length is not (2 or 4 or 6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            return (null, Result.Invalid([new FieldError("Region", "region.invalid", $"区域代码“{region}”格式有误")]));
        if (!db.Scope.Overlaps(region)) return (null, Result.NotFound("区域不存在"));
        var name = await db.Regions.IgnoreQueryFilters().Where(r => r.Code == region).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return name is null ? (null, Result.Invalid([new FieldError("Region", "region.unknown", $"区域“{region}”不存在")])) : (name, null);
    }

    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return new(StringComparer.Ordinal);
        var list = codes.ToList();
        return await db.Regions.IgnoreQueryFilters().Where(r => list.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
    }
}

/// <summary>One allocation as the fund pages list it, with 拨付 and 支出 as of the day.</summary>
public sealed record FundAllocationRow(long Id, long SourceId, string SourceName, FundKind SourceKind, int SourceYear, long ProjectId, string ProjectCode, string ProjectName,
    string RegionCode, string TownshipName, DateOnly AllocatedOn, string? DocumentNo, long AmountFen, long DisbursedFen, long SpentFen, string By)
{
    /// <summary>What may still be disbursed (下达 − 拨付).</summary>
    public long UndisbursedFen => AmountFen - DisbursedFen;
}

public sealed record FundPaymentRow(long Id, long AllocationId, long SourceId, string SourceName, long ProjectId, string ProjectCode, string ProjectName,
    PaymentKind Kind, string KindLabel, long AmountFen, DateOnly PaidOn, string? Payee, string? VoucherNo, string By);

internal static class FundRows
{
    public static async Task<List<FundAllocationRow>> AllocationsAsync(AppDbContext db, IQueryable<FundQueries.AllocationWithProject> query, DateOnly asOf, int limit, CancellationToken ct)
    {
        var rows = await (from x in query
                          join s in db.FundSources on x.Allocation.SourceId equals s.Id
                          orderby x.Allocation.AllocatedOn descending, x.Allocation.Id descending
                          select new
                          {
                              x.Allocation.Id, x.Allocation.SourceId, SourceName = s.Name, SourceKind = s.Kind, SourceYear = s.Year, x.Allocation.ProjectId,
                              ProjectCode = x.Project.Code, ProjectName = x.Project.Name, x.Project.RegionCode, x.Allocation.AllocatedOn, x.Allocation.DocumentNo,
                              x.Allocation.AmountFen, x.Allocation.By,
                          }).Take(limit).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var paid = await db.FundPayments.AsNoTracking().Where(p => ids.Contains(p.AllocationId) && p.PaidOn <= asOf)
            .GroupBy(p => new { p.AllocationId, p.Kind }).Select(g => new { g.Key.AllocationId, g.Key.Kind, Sum = g.Sum(p => p.AmountFen) })
            .ToListAsync(ct);
        var names = await FundQueries.NamesAsync(db, [.. rows.Select(r => FundQueries.TownshipOf(r.RegionCode)).Distinct(StringComparer.Ordinal)], ct);
        long Paid(long id, PaymentKind kind) => paid.Where(p => p.AllocationId == id && p.Kind == kind).Sum(p => p.Sum);
        return [.. rows.Select(r => new FundAllocationRow(r.Id, r.SourceId, r.SourceName, r.SourceKind, r.SourceYear, r.ProjectId, r.ProjectCode, r.ProjectName,
            r.RegionCode, names.GetValueOrDefault(FundQueries.TownshipOf(r.RegionCode), ""), r.AllocatedOn, r.DocumentNo, r.AmountFen,
            Paid(r.Id, PaymentKind.Disbursement), Paid(r.Id, PaymentKind.Expenditure), r.By))];
    }

    public static async Task<List<FundPaymentRow>> PaymentsAsync(AppDbContext db, IQueryable<FundQueries.PaymentWithProject> query, int limit, CancellationToken ct)
    {
        var rows = await (from x in query
                          join s in db.FundSources on x.Payment.SourceId equals s.Id
                          orderby x.Payment.PaidOn descending, x.Payment.Id descending
                          select new
                          {
                              x.Payment.Id, x.Payment.AllocationId, x.Payment.SourceId, SourceName = s.Name, x.Payment.ProjectId, ProjectCode = x.Project.Code,
                              ProjectName = x.Project.Name, x.Payment.Kind, x.Payment.AmountFen, x.Payment.PaidOn, x.Payment.Payee, x.Payment.VoucherNo, x.Payment.By,
                          }).Take(limit).ToListAsync(ct);
        return [.. rows.Select(r => new FundPaymentRow(r.Id, r.AllocationId, r.SourceId, r.SourceName, r.ProjectId, r.ProjectCode, r.ProjectName,
            r.Kind, ProjectLabels.Label(r.Kind), r.AmountFen, r.PaidOn, r.Payee, r.VoucherNo, r.By))];
    }
}
