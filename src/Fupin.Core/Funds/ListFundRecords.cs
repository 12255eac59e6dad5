using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

/// <summary>Filters of the allocation and payment lists; all optional, combined with and.</summary>
public sealed record ListFundRecordsRequest
{
    public long? ProjectId { get; init; }
    public long? SourceId { get; init; }

    /// <summary>The project's region (county, township or village code).</summary>
    public string? Region { get; init; }

    /// <summary>The source's year.</summary>
    public int? Year { get; init; }
    public PaymentKind? Kind { get; init; }
    public int Limit { get; init; } = ListFundRecords.DefaultLimit;
}

/// <summary>The project of a <c>?project=</c> filter with its figures as of today and whether it may receive money.</summary>
public sealed record FundProjectSummary(long Id, string Code, string Name, ProjectCategory Category, string CategoryLabel, ProjectStage Stage, string StageLabel,
    string RegionCode, string TownshipName, long BudgetFen, FundFigures Figures, bool CanReceive);

/// <param name="Truncated">More rows matched than <see cref="ListFundRecordsRequest.Limit"/>: the newest are listed.</param>
public sealed record FundRecords(FundProjectSummary? Project, IReadOnlyList<FundAllocationRow> Allocations, IReadOnlyList<FundPaymentRow> Payments, bool Truncated, DateOnly AsOf);

/// <summary>
/// Allocations and payments by project, source, region, year and kind, newest first, as of today. A
/// project or source the user cannot see answers not found; so does a region out of scope.
/// </summary>
public sealed class ListFundRecords(AppDbContext db, TimeProvider clock)
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;

    public async Task<Result<FundRecords>> HandleAsync(ListFundRecordsRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        if (region is not null)
        {
            var (_, failure) = await FundQueries.RegionAsync(db, region, ct);
            if (failure is not null) return failure;
        }
        if (request.Limit is < 1 or > MaxLimit)
            return Result.Invalid([new FieldError(nameof(request.Limit), "funds.limit_invalid", $"每次最多列出{MaxLimit}条")]);

        FundProjectSummary? summary = null;
        if (request.ProjectId is { } projectId)
        {
            var p = await db.Projects.AsNoTracking().Where(x => x.Id == projectId)
                .Select(x => new { x.Id, x.Code, x.Name, x.Category, x.Stage, x.RegionCode, x.BudgetFen }).SingleOrDefaultAsync(ct);
            if (p is null) return Result.NotFound("项目不存在");
            var township = FundQueries.TownshipOf(p.RegionCode);
            var names = await FundQueries.NamesAsync(db, [township], ct);
            summary = new FundProjectSummary(p.Id, p.Code, p.Name, p.Category, ProjectLabels.Label(p.Category), p.Stage, ProjectLabels.Label(p.Stage),
                p.RegionCode, names.GetValueOrDefault(township, township), p.BudgetFen, FundFigures.Zero, p.Stage >= ProjectStage.Pooled);
        }
        if (request.SourceId is { } sourceId && !await db.FundSources.AnyAsync(s => s.Id == sourceId && s.ReceivedOn <= today, ct))
            return Result.NotFound("资金来源不存在");

        var sources = FundQueries.Sources(db, region, today);
        if (request.Year is { } year) sources = sources.Where(s => s.Year == year);
        if (request.SourceId is { } sid) sources = sources.Where(s => s.Id == sid);
        var allocationQuery = FundQueries.Allocations(db, sources, region, today);
        var paymentQuery = FundQueries.Payments(db, sources, region, today);
        if (request.ProjectId is { } pid)
        {
            allocationQuery = allocationQuery.Where(x => x.Allocation.ProjectId == pid);
            paymentQuery = paymentQuery.Where(x => x.Payment.ProjectId == pid);
        }
        if (request.Kind is { } kind) paymentQuery = paymentQuery.Where(x => x.Payment.Kind == kind);

        var allocations = await FundRows.AllocationsAsync(db, allocationQuery, today, request.Limit + 1, ct);
        var payments = await FundRows.PaymentsAsync(db, paymentQuery, request.Limit + 1, ct);
        var truncated = allocations.Count > request.Limit || payments.Count > request.Limit;
        if (allocations.Count > request.Limit) allocations.RemoveAt(allocations.Count - 1);
        if (payments.Count > request.Limit) payments.RemoveAt(payments.Count - 1);
        if (summary is not null)
        {
            // The project's own figures over all its allocations (any source, any year), as of today.
            var all = await FundRows.AllocationsAsync(db, FundQueries.Allocations(db, FundQueries.Sources(db, null, today), null, today)
                .Where(x => x.Allocation.ProjectId == summary.Id), today, MaxLimit, ct);
            summary = summary with { Figures = new FundFigures(0, all.Sum(a => a.AmountFen), all.Sum(a => a.DisbursedFen), all.Sum(a => a.SpentFen)) };
        }
        return new FundRecords(summary, allocations, payments, truncated, today);
    }
}
