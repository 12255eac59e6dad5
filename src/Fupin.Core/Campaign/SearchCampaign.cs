using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Campaign;

/// <summary>Filters combine with AND; <see cref="Region"/> keeps lines about that region or below it.</summary>
public sealed record SearchCampaignRequest
{
    public required string CountyCode { get; init; }
    public int? Year { get; init; }
    public string? Group { get; init; }
    public string? Department { get; init; }
    public CampaignLight? Light { get; init; }
    public string? Region { get; init; }
}

/// <summary>A task line with its latest report and its status on the business date.</summary>
public sealed record CampaignTaskRow(
    long Id, long HeadingId, string Group, string HeadingName, string Name, string Indicator, decimal Target, string Unit, string Department,
    string RegionCode, string RegionName, DateOnly StartsOn, DateOnly Deadline, string? Note, DateOnly? LatestMonth, string? ReportedBy,
    decimal Achieved, decimal Expected, int Percent, int ExpectedPercent, CampaignLight Light, string LightLabel, bool Done, bool PastDeadline);

public sealed record CampaignHeadingLines(long HeadingId, string Group, string Name, IReadOnlyList<CampaignTaskRow> Tasks);

public sealed record CampaignCounts(int Total, int Green, int Amber, int Red);

/// <param name="Headings">Every heading of the year in order (with its filtered lines; empty when none match).</param>
/// <param name="Departments">The departments owning lines of the year, for the filter.</param>
public sealed record CampaignLedger(string CountyCode, int Year, DateOnly AsOf, IReadOnlyList<CampaignHeadingLines> Headings, CampaignCounts Counts,
    IReadOnlyList<string> Groups, IReadOnlyList<string> Departments)
{
    public IEnumerable<CampaignTaskRow> Rows => Headings.SelectMany(h => h.Tasks);
}

/// <summary>
/// 攻坚台账: a county's task lines of a year grouped under its headings, each with its latest report and its status
/// (<see cref="CampaignStatus"/>) on the business date; the counts are of the lines shown.
/// </summary>
public sealed class SearchCampaign(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<CampaignLedger>> HandleAsync(SearchCampaignRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var year = request.Year ?? today.Year;
        if (year is < 2000 or > 2100) return Result.Invalid([new FieldError(nameof(request.Year), "campaign.year_invalid", "年度无效")]);
        if (request.Light is { } l && !Enum.IsDefined(l)) return Result.Invalid([new FieldError(nameof(request.Light), "campaign.status_invalid", "状态无效")]);
        var headings = await db.CampaignHeadings.AsNoTracking().Where(h => h.CountyCode == request.CountyCode && h.Year == year)
            .OrderBy(h => h.Order).ThenBy(h => h.Id).Select(h => new { h.Id, h.Group, h.Name }).ToListAsync(ct);
        var ids = headings.Select(h => h.Id).ToList();
        var all = db.CampaignTasks.AsNoTracking().Where(t => ids.Contains(t.HeadingId));
        var departments = await all.Select(t => t.Department).Distinct().ToListAsync(ct);
        var tasks = all;
        var group = CampaignRules.Text(request.Group);
        if (group is not null)
        {
            var inGroup = headings.Where(h => h.Group == group).Select(h => h.Id).ToList();
            tasks = tasks.Where(t => inGroup.Contains(t.HeadingId));
        }
        if (CampaignRules.Text(request.Department) is { } dept) tasks = tasks.Where(t => t.Department == dept);
#pragma warning disable CA1310 // EF translates StartsWith to a prefix match.
        if (CampaignRules.Text(request.Region) is { } region) tasks = tasks.Where(t => t.RegionCode.StartsWith(region));
#pragma warning restore CA1310
        var rows = await RowsAsync(db, request.CountyCode, tasks, today, ct);
        var byHeading = headings.Select(h => new { h.Id, h.Group, h.Name }).ToDictionary(h => h.Id);
        var judged = rows.Select(r => r with { Group = byHeading[r.HeadingId].Group, HeadingName = byHeading[r.HeadingId].Name })
            .Where(r => request.Light is null || r.Light == request.Light).ToList();
        var lines = headings.Where(h => group is null || h.Group == group)
            .Select(h => new CampaignHeadingLines(h.Id, h.Group, h.Name, [.. judged.Where(r => r.HeadingId == h.Id)])).ToList();
        var counts = new CampaignCounts(judged.Count, judged.Count(r => r.Light == CampaignLight.Green), judged.Count(r => r.Light == CampaignLight.Amber),
            judged.Count(r => r.Light == CampaignLight.Red));
        return new CampaignLedger(request.CountyCode, year, today, lines, counts, [.. headings.Select(h => h.Group).Distinct()],
            [.. departments.Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// Lines with their latest report (of a month not after <paramref name="asOf"/>) judged on <paramref name="asOf"/>, in
    /// ledger order. <paramref name="county"/>: the county the tasks are of, when one (the reports read on its node alone on Citus).
    /// </summary>
    public static async Task<List<CampaignTaskRow>> RowsAsync(AppDbContext db, string? county, IQueryable<CampaignTask> tasks, DateOnly asOf, CancellationToken ct)
    {
        var progress = db.CampaignProgress.InCounty(county);
        var raw = await tasks
            .Select(t => new
            {
                t.Id, t.HeadingId, t.Name, t.Indicator, t.Target, t.Unit, t.Department, t.RegionCode, t.StartsOn, t.Deadline, t.Note, t.Order,
                RegionName = db.Regions.IgnoreQueryFilters().Where(r => r.Code == t.RegionCode).Select(r => r.Name).FirstOrDefault(),
                Latest = progress.Where(p => p.CountyCode == t.CountyCode && p.TaskId == t.Id && p.Month <= asOf).OrderByDescending(p => p.Month)
                    .Select(p => new { p.Month, p.Achieved, p.ReportedBy }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return
        [
            .. raw.OrderBy(t => t.HeadingId).ThenBy(t => t.Order).ThenBy(t => t.Id).Select(t =>
            {
                var j = CampaignStatus.Judge(t.Target, t.StartsOn, t.Deadline, t.Latest?.Achieved, asOf);
                return new CampaignTaskRow(t.Id, t.HeadingId, "", "", t.Name, t.Indicator, t.Target, t.Unit, t.Department, t.RegionCode, t.RegionName ?? t.RegionCode,
                    t.StartsOn, t.Deadline, t.Note, t.Latest?.Month, t.Latest?.ReportedBy, j.Achieved, j.Expected, j.Percent, j.ExpectedPercent, j.Light,
                    CampaignStatus.Label(j.Light), j.Done, j.PastDeadline);
            }),
        ];
    }
}
