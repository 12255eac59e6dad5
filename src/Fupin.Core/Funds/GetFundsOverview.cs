using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Funds;

/// <param name="Region">A county, township or village code (or a province or city prefix); null: the user's whole scope.</param>
/// <param name="Year">The funds' year (<see cref="FundSource.Year"/>); null: this year.</param>
public sealed record FundsOverviewRequest(string? Region = null, int? Year = null);

public sealed record FundKindRow(FundKind Kind, string Label, int Sources, FundFigures Figures);

/// <param name="RemainingFen">What may still be allocated: 到位 − all allocations recorded (the figure <see cref="AllocateFunds"/> checks).</param>
public sealed record FundSourceRow(long Id, string CountyCode, int Year, FundKind Kind, string KindLabel, string Name, string? DocumentNo, DateOnly ReceivedOn,
    FundFigures Figures, long RemainingFen);

public sealed record FundTownshipRow(string Code, string Name, int Projects, FundFigures Figures);

public sealed record FundProjectRow(long Id, string Code, string Name, ProjectCategory Category, string CategoryLabel, ProjectStage Stage, string StageLabel,
    string RegionCode, string TownshipName, long BudgetFen, FundFigures Figures);

/// <summary>Cumulative 下达, 拨付 and 支出 (fen) at the end of a month of the year (or today, in the current month); null for a month not yet begun.</summary>
public sealed record FundMonthRow(int Month, long? AllocatedFen, long? DisbursedFen, long? SpentFen);

/// <param name="CountyWide">
/// True when the region is a county or wider. For a township or village the sources (到位) are still the
/// county's while 下达/拨付/支出 count only the projects in the region, so there is no 下达率 of the region.
/// </param>
public sealed record FundsOverview(string? Region, string RegionName, bool CountyWide, int Year, DateOnly AsOf, FundFigures Totals,
    IReadOnlyList<FundKindRow> ByKind, IReadOnlyList<FundSourceRow> BySource, IReadOnlyList<FundTownshipRow> ByTownship,
    IReadOnlyList<FundProjectRow> ByProject, IReadOnlyList<FundMonthRow> Months, IReadOnlyList<int> Years);

/// <summary>
/// The fund tables of a region and year as of today: by source kind and by source (到位, 下达, 拨付,
/// 支出 and the three rates), by township (the project's region code cut to 9 digits), by project, and
/// month by month the cumulative totals. Only what is dated on or before today counts (the demo's
/// records after the business date do not exist yet); allocations include those dated in the year
/// before (提前下达). Totals come from the records themselves, not from the running totals on the rows.
/// </summary>
public sealed class GetFundsOverview(AppDbContext db, TimeProvider clock)
{
    internal sealed record AllocationFact(long Id, long SourceId, long ProjectId, long AmountFen, DateOnly AllocatedOn, string RegionCode);

    internal sealed record PaymentFact(long AllocationId, PaymentKind Kind, long AmountFen, DateOnly PaidOn);

    public async Task<Result<FundsOverview>> HandleAsync(FundsOverviewRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var year = request.Year ?? today.Year;
        var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        var regionName = "全部";
        if (region is not null)
        {
            var (name, failure) = await FundQueries.RegionAsync(db, region, ct);
            if (failure is not null) return failure;
            regionName = name!;
        }
        if (year < 2000 || year > today.Year + 1)
            return Result.Invalid([new FieldError(nameof(request.Year), "funds.year_invalid", $"资金年度应在2000年至{today.Year + 1}年之间")]);

        var sourceQuery = FundQueries.Sources(db, region, today).Where(s => s.Year == year);
        var sources = await sourceQuery.AsNoTracking()
            .Select(s => new { s.Id, s.CountyCode, s.Year, s.Kind, s.Name, s.DocumentNo, s.ReceivedOn, s.AmountFen, s.AllocatedFen })
            .ToListAsync(ct);
        var allocations = await FundQueries.Allocations(db, sourceQuery, region, today)
            .Select(x => new AllocationFact(x.Allocation.Id, x.Allocation.SourceId, x.Allocation.ProjectId, x.Allocation.AmountFen, x.Allocation.AllocatedOn, x.Project.RegionCode))
            .ToListAsync(ct);
        var payments = await FundQueries.Payments(db, sourceQuery, region, today)
            .Select(x => new PaymentFact(x.Payment.AllocationId, x.Payment.Kind, x.Payment.AmountFen, x.Payment.PaidOn))
            .ToListAsync(ct);

        var paid = payments.GroupBy(p => p.AllocationId).ToDictionary(g => g.Key, g => (
            Disbursed: g.Where(p => p.Kind == PaymentKind.Disbursement).Sum(p => p.AmountFen),
            Spent: g.Where(p => p.Kind == PaymentKind.Expenditure).Sum(p => p.AmountFen)));
        FundFigures Of(AllocationFact a) => paid.TryGetValue(a.Id, out var p) ? new(0, a.AmountFen, p.Disbursed, p.Spent) : new(0, a.AmountFen, 0, 0);
        FundFigures SumOf(IEnumerable<AllocationFact> rows) => FundFigures.Sum(rows.Select(Of));

        var bySourceAlloc = allocations.ToLookup(a => a.SourceId);
        var sourceRows = sources
            .OrderBy(s => s.Kind).ThenBy(s => s.ReceivedOn).ThenBy(s => s.Id)
            .Select(s => new FundSourceRow(s.Id, s.CountyCode, s.Year, s.Kind, ProjectLabels.Label(s.Kind), s.Name, s.DocumentNo, s.ReceivedOn,
                SumOf(bySourceAlloc[s.Id]) with { AmountFen = s.AmountFen }, s.AmountFen - s.AllocatedFen))
            .ToList();
        var kindRows = sourceRows.GroupBy(s => s.Kind).OrderBy(g => g.Key)
            .Select(g => new FundKindRow(g.Key, ProjectLabels.Label(g.Key), g.Count(), FundFigures.Sum(g.Select(s => s.Figures))))
            .ToList();

        var projectIds = allocations.Select(a => a.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().InCounty(Distribution.CountyOf(region)).Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name, p.Category, p.Stage, p.RegionCode, p.BudgetFen })
            .ToListAsync(ct);
        var townshipCodes = allocations.Select(a => FundQueries.TownshipOf(a.RegionCode)).Distinct(StringComparer.Ordinal).ToList();
        var names = await FundQueries.NamesAsync(db, townshipCodes, ct);
        var byProjectAlloc = allocations.ToLookup(a => a.ProjectId);
        var projectRows = projects
            .Select(p => new FundProjectRow(p.Id, p.Code, p.Name, p.Category, ProjectLabels.Label(p.Category), p.Stage, ProjectLabels.Label(p.Stage),
                p.RegionCode, names.GetValueOrDefault(FundQueries.TownshipOf(p.RegionCode), FundQueries.TownshipOf(p.RegionCode)), p.BudgetFen, SumOf(byProjectAlloc[p.Id])))
            .OrderBy(p => p.RegionCode, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var townshipRows = allocations.GroupBy(a => FundQueries.TownshipOf(a.RegionCode), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FundTownshipRow(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Select(a => a.ProjectId).Distinct().Count(), SumOf(g)))
            .ToList();

        var months = new List<FundMonthRow>(12);
        for (var m = 1; m <= 12; m++)
        {
            var first = new DateOnly(year, m, 1);
            if (first > today) { months.Add(new FundMonthRow(m, null, null, null)); continue; }
            var end = first.AddMonths(1).AddDays(-1);
            var cut = end < today ? end : today;
            months.Add(new FundMonthRow(m,
                allocations.Where(a => a.AllocatedOn <= cut).Sum(a => a.AmountFen),
                payments.Where(p => p.Kind == PaymentKind.Disbursement && p.PaidOn <= cut).Sum(p => p.AmountFen),
                payments.Where(p => p.Kind == PaymentKind.Expenditure && p.PaidOn <= cut).Sum(p => p.AmountFen)));
        }

        var years = await FundQueries.Sources(db, region, today).Select(s => s.Year).Distinct().ToListAsync(ct);
        if (!years.Contains(year)) years.Add(year);
        var totals = FundFigures.Sum(sourceRows.Select(s => s.Figures));
        return new FundsOverview(region, regionName, region is null || region.Length <= 6, year, today, totals,
            kindRows, sourceRows, townshipRows, projectRows, months, [.. years.OrderDescending()]);
    }
}
