using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

public sealed record CampaignReportRow(long Id, DateOnly Month, decimal Achieved, decimal ExpectedAtMonthEnd, string? Note, string ReportedBy, DateTimeOffset ReportedAt);

/// <summary>One month of the chart: the reported cumulative amount (null when not reported) against the expected one at the month's end.</summary>
public sealed record CampaignChartPoint(string Month, decimal? Achieved, decimal Expected);

public sealed record CampaignTaskDetails(CampaignTaskRow Task, IReadOnlyList<CampaignReportRow> Reports, IReadOnlyList<CampaignChartPoint> Chart,
    IReadOnlyList<DateOnly> ReportableMonths);

/// <summary>A task line with its monthly reports and, for each month from its start to the business month, achieved vs expected.</summary>
public sealed class GetCampaignTask(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<CampaignTaskDetails>> HandleAsync(long id, string countyCode, CancellationToken ct)
    {
        var today = clock.Today();
        var row = (await SearchCampaign.RowsAsync(db, countyCode, db.CampaignTasks.AsNoTracking().Where(t => t.Id == id && t.CountyCode == countyCode), today, ct)).SingleOrDefault();
        if (row is null) return Result.NotFound("任务不存在");
        var heading = await db.CampaignHeadings.AsNoTracking().Where(h => h.Id == row.HeadingId).Select(h => new { h.Group, h.Name }).SingleAsync(ct);
        row = row with { Group = heading.Group, HeadingName = heading.Name };
        var reports = await db.CampaignProgress.AsNoTracking().Where(p => p.TaskId == id).OrderBy(p => p.Month)
            .Select(p => new { p.Id, p.Month, p.Achieved, p.Note, p.ReportedBy, p.ReportedAt }).ToListAsync(ct);
        var rows = reports.Select(p => new CampaignReportRow(p.Id, p.Month, p.Achieved, ExpectedAt(row, MonthEnd(p.Month)), p.Note, p.ReportedBy, p.ReportedAt)).ToList();
        var months = new List<DateOnly>();
        var last = CampaignStatus.MonthOf(today);
        var end = CampaignStatus.MonthOf(row.Deadline) < last ? CampaignStatus.MonthOf(row.Deadline) : last;
        for (var m = CampaignStatus.MonthOf(row.StartsOn); m <= end; m = m.AddMonths(1)) months.Add(m);
        var byMonth = reports.ToDictionary(p => p.Month, p => p.Achieved);
        var chart = months.Select(m => new CampaignChartPoint(CampaignRules.Month(m), byMonth.TryGetValue(m, out var a) ? a : null,
            ExpectedAt(row, MonthEnd(m) < today ? MonthEnd(m) : today))).ToList();
        var reportable = new List<DateOnly>();
        for (var m = CampaignStatus.MonthOf(row.StartsOn); m <= last; m = m.AddMonths(1)) reportable.Add(m);
        reportable.Reverse();
        return new CampaignTaskDetails(row, rows, chart, reportable);
    }

    static DateOnly MonthEnd(DateOnly month) => month.AddMonths(1).AddDays(-1);

    static decimal ExpectedAt(CampaignTaskRow t, DateOnly on) => CampaignStatus.Expected(t.Target, t.StartsOn, t.Deadline, on);
}
