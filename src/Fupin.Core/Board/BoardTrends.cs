using System.Globalization;
using Fupin.Assessment;
using Fupin.Data;
using Fupin.Funds;
using Fupin.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>A month of the business year up to the business date: its label (2018-03) and the day its value is taken on.</summary>
public sealed record BoardMonth(string Label, int Month, DateOnly End);

/// <summary>
/// The monthly trends of the board's figures, each from the data's own dates (one COUNT per month, in the database):
/// nothing is back-filled, and a figure whose data carries no dates has no trend.
/// </summary>
public static class BoardTrends
{
    /// <summary>January of the business year through the business month; the last month ends on the business date.</summary>
    public static IReadOnlyList<BoardMonth> Months(DateOnly today) =>
        [.. Enumerable.Range(1, today.Month).Select(m =>
        {
            var end = m == today.Month ? today : new DateOnly(today.Year, m, 1).AddMonths(1).AddDays(-1);
            return new BoardMonth(today.Year.ToString("0000", CultureInfo.InvariantCulture) + "-" + m.ToString("00", CultureInfo.InvariantCulture), m, end);
        })];

    /// <summary>Exit procedures of the region completed (销号) in the year, cumulated by completion date; none: no trend.</summary>
    public static async Task<IReadOnlyList<BoardPoint>> ExitsAsync(AppDbContext db, string region, IReadOnlyList<BoardMonth> months, CancellationToken ct)
    {
        var start = new DateOnly(months[0].End.Year, 1, 1);
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var done = db.ExitProcedures.AsNoTracking().InCounty(Distribution.CountyOf(region))
            .Where(p => p.VillageCode.StartsWith(region) && p.Status == ExitProcedureStatus.Completed && p.CompletedOn >= start);
#pragma warning restore CA1310
        if (!await done.AnyAsync(ct)) return [];
        var points = new List<BoardPoint>();
        foreach (var m in months) points.Add(new BoardPoint(m.Label, await done.CountAsync(p => p.CompletedOn <= m.End, ct)));
        return points;
    }

    /// <summary>Items found by each month's end and not closed by then; of those, the ones past their deadline on that day.</summary>
    public static async Task<(IReadOnlyList<BoardPoint> Open, IReadOnlyList<BoardPoint> Overdue)> RectificationsAsync(
        AppDbContext db, string region, IReadOnlyList<BoardMonth> months, CancellationToken ct)
    {
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var items = db.Rectifications.AsNoTracking().InCounty(Distribution.CountyOf(region)).Where(r => r.RegionCode.StartsWith(region));
#pragma warning restore CA1310
        if (!await items.AnyAsync(ct)) return ([], []);
        var open = new List<BoardPoint>();
        var overdue = new List<BoardPoint>();
        foreach (var m in months)
        {
            var end = m.End;
            var openThen = items.Where(r => r.FoundOn <= end && (r.Status != RectificationStatus.Closed || r.ClosedOn > end));
            open.Add(new BoardPoint(m.Label, await openThen.CountAsync(ct)));
            overdue.Add(new BoardPoint(m.Label, await openThen.CountAsync(r => r.Deadline < end, ct)));
        }
        return (open, overdue);
    }

    /// <summary>Poor workers at work in the workshops at each month's end (distinct members per workshop, as the list counts them).</summary>
    public static async Task<IReadOnlyList<BoardPoint>> WorkshopWorkersAsync(AppDbContext db, string county, IReadOnlyList<long> workshopIds, IReadOnlyList<BoardMonth> months, CancellationToken ct)
    {
        if (workshopIds.Count == 0) return [];
        var workers = db.WorkshopWorkers.AsNoTracking().InCounty(county).Where(w => workshopIds.Contains(w.WorkshopId));
        var points = new List<BoardPoint>();
        foreach (var m in months)
        {
            var end = m.End;
            var count = await workers.Where(w => w.StartedOn <= end && (w.EndedOn == null || w.EndedOn > end))
                .Select(w => new { w.WorkshopId, w.MemberId }).Distinct().CountAsync(ct);
            points.Add(new BoardPoint(m.Label, count));
        }
        return points;
    }

    /// <summary>Relocated households of the sites moved in by each month's end.</summary>
    public static async Task<IReadOnlyList<BoardPoint>> MovedInAsync(AppDbContext db, string county, IReadOnlyList<long> siteIds, IReadOnlyList<BoardMonth> months, CancellationToken ct)
    {
        if (siteIds.Count == 0) return [];
        var rows = db.RelocatedHouseholds.AsNoTracking().InCounty(county).Where(r => siteIds.Contains(r.SiteId));
        var points = new List<BoardPoint>();
        foreach (var m in months)
        {
            var end = m.End;
            points.Add(new BoardPoint(m.Label, await rows.CountAsync(r => r.MovedInOn != null && r.MovedInOn <= end, ct)));
        }
        return points;
    }

    /// <summary>拨付率 month by month from the funds overview's cumulative totals (已拨付 ÷ 已下达).</summary>
    public static IReadOnlyList<BoardPoint> FundMonths(IReadOnlyList<FundMonthRow> rows, IReadOnlyList<BoardMonth> months)
    {
        var byMonth = rows.ToDictionary(r => r.Month);
        if (byMonth.Count == 0) return [];
        return [.. months.Select(m => new BoardPoint(m.Label,
            byMonth.GetValueOrDefault(m.Month) is { AllocatedFen: { } a, DisbursedFen: { } d } && a > 0 ? Math.Round(d * 100m / a, 1) : (decimal?)null))];
    }
}
