using System.Globalization;
using Fupin.Campaign;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Supervision;

namespace Fupin.Board;

public enum LateItemKind
{
    /// <summary>逾期整改事项: past its deadline and not closed.</summary>
    Rectification = 1,

    /// <summary>滞后项目: the schedule status 滞后 on the business date.</summary>
    Project = 2,

    /// <summary>红灯任务: a campaign ledger line red on the business date.</summary>
    CampaignTask = 3,
}

/// <summary>
/// One late item with its owner. <see cref="DaysLate"/>: days past the deadline for a rectification item or a campaign line
/// past its deadline; for a project the days it will miss its deadline by at the planned pace (its shortfall), or the days
/// past it; for a campaign line not yet due, 0. <see cref="Detail"/> says how far behind it is.
/// </summary>
public sealed record LateItem(LateItemKind Kind, string KindLabel, string Title, string Owner, DateOnly? Deadline, int DaysLate, string Detail, string? Link);

public sealed record LateItems(string RegionCode, DateOnly AsOf, IReadOnlyList<LateItem> Items)
{
    public int Count => Items.Count;

    public int CountOf(LateItemKind kind) => Items.Count(i => i.Kind == kind);
}

/// <summary>
/// What is late in a region (and below it) on the business date, for the board and briefings: overdue rectification
/// items (number and problem, responsible unit and person, deadline, days late), late projects (name, owner unit,
/// planned date, shortfall) and red campaign ledger lines of the business year's headings (task, department, deadline, progress against expected).
/// Read through the caller's context, so the user's scope applies to rectifications and projects. Ordered by kind, then
/// most days late first.
/// </summary>
public sealed class GetLateItems(AppDbContext db, TimeProvider clock)
{
    public static string Label(LateItemKind kind) => kind switch
    {
        LateItemKind.Rectification => "逾期整改",
        LateItemKind.Project => "滞后项目",
        LateItemKind.CampaignTask => "红灯任务",
        _ => "",
    };

    public async Task<Result<LateItems>> HandleAsync(string regionCode, CancellationToken ct)
    {
        var today = clock.Today();
        var inv = CultureInfo.InvariantCulture;
        var items = new List<LateItem>();

        var rect = await new SearchRectifications(db, clock).HandleAsync(new SearchRectificationsRequest { Region = regionCode, OverdueOnly = true, AllRows = true }, ct);
        if (!rect.IsOk) return rect.Failure;
        items.AddRange(rect.Value.Rows.OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.Number, StringComparer.Ordinal).Select(r => new LateItem(
            LateItemKind.Rectification, Label(LateItemKind.Rectification), r.Number + " " + r.Problem,
            r.ResponsiblePerson is { Length: > 0 } person ? r.ResponsibleUnit + " " + person : r.ResponsibleUnit,
            r.Deadline, r.DaysOverdue, $"{r.StatusLabel}，{r.TownshipName}{r.VillageName}".TrimEnd('，'), "/rectifications/" + r.Id.ToString(inv))));

        var projects = new SearchProjects(db, clock);
        var (query, failure) = projects.Filter(new SearchProjectsRequest { Region = regionCode });
        if (failure is not null) return failure;
        var late = (await projects.RowsAsync(query!, ct)).Where(p => p.Status == ScheduleStatus.Late).ToList();
        items.AddRange(late.Select(p =>
        {
            var days = p.Deadline is { } d && d < today ? Math.Max(today.DayNumber - d.DayNumber, p.ShortfallDays) : p.ShortfallDays;
            return new LateItem(LateItemKind.Project, Label(LateItemKind.Project), p.Name, p.ResponsibleUnit + (p.ResponsiblePerson is { Length: > 0 } person ? " " + person : ""),
                p.Deadline, days, $"完成 {p.Percent.ToString(inv)}%，按计划工期预计延误 {p.ShortfallDays.ToString(inv)} 天", "/projects/" + p.Id.ToString(inv));
        }).OrderByDescending(i => i.DaysLate).ThenBy(i => i.Title, StringComparer.Ordinal));

#pragma warning disable CA1310 // EF translates StartsWith to a prefix match.
        var county = Distribution.CountyOf(regionCode);
        var tasks = db.CampaignTasks.InCounty(county)
            .Where(t => t.RegionCode.StartsWith(regionCode) && db.CampaignHeadings.Any(h => h.CountyCode == t.CountyCode && h.Id == t.HeadingId && h.Year == today.Year));
#pragma warning restore CA1310
        var red = (await SearchCampaign.RowsAsync(db, county, tasks, today, ct)).Where(t => t.Light == CampaignLight.Red).ToList();
        items.AddRange(red.Select(t => new LateItem(LateItemKind.CampaignTask, Label(LateItemKind.CampaignTask), t.Name + "（" + t.Indicator + "）", t.Department, t.Deadline,
            t.PastDeadline ? today.DayNumber - t.Deadline.DayNumber : 0,
            $"累计完成 {CampaignRules.Number(t.Achieved)}/{CampaignRules.Number(t.Target)}{t.Unit}（{t.Percent.ToString(inv)}%），应完成 {CampaignRules.Number(t.Expected)}{t.Unit}（{t.ExpectedPercent.ToString(inv)}%）",
            "/campaign/tasks/" + t.Id.ToString(inv))).OrderByDescending(i => i.DaysLate).ThenBy(i => i.Title, StringComparer.Ordinal));
        return new LateItems(regionCode, today, items);
    }
}
