using System.Globalization;
using Fupin.Campaign;
using Fupin.Data;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Campaign;

/// <summary>A heading row of the settings form; <see cref="Remove"/> removes it (refused while it has lines).</summary>
public sealed class HeadingForm
{
    public long? Id { get; set; }
    public string? Group { get; set; }
    public string? Name { get; set; }
    public int Order { get; set; }
    public bool Remove { get; set; }
}

public sealed class TaskForm
{
    public long? Id { get; set; }
    public long HeadingId { get; set; }
    public string? Name { get; set; }
    public string? Indicator { get; set; }
    public decimal? Target { get; set; }
    public string? Unit { get; set; }
    public string? Department { get; set; }
    public string? RegionCode { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? Note { get; set; }
}

/// <summary>标题和任务设置 (the county office): the year's headings (rename, add, reorder, remove unused) and the task lines.</summary>
[Authorize(Policy = BoardPolicies.ManageCampaign)]
public sealed class SettingsModel(AppDbContext db, SaveCampaignHeadings saveHeadings, SaveCampaignTask saveTask, SearchCampaign search, CurrentUser me, TimeProvider clock)
    : PageModel
{
    public const int BlankRows = 2;

    public int Year { get; private set; }
    public string County { get; private set; } = "";
    public IReadOnlyList<CampaignHeadingRow> Headings { get; private set; } = [];
    public IReadOnlyList<CampaignTaskRow> Tasks { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Regions { get; private set; } = [];
    public IReadOnlyList<string> HeadingErrors { get; private set; } = [];
    public IReadOnlyList<string> TaskErrors { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty] public List<HeadingForm> Rows { get; set; } = [];
    [BindProperty] public TaskForm Line { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long? edit, string? saved, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (edit is { } id && Tasks.FirstOrDefault(t => t.Id == id) is { } t)
            Line = new TaskForm
            {
                Id = t.Id, HeadingId = t.HeadingId, Name = t.Name, Indicator = t.Indicator, Target = t.Target, Unit = t.Unit, Department = t.Department,
                RegionCode = t.RegionCode, StartsOn = t.StartsOn, Deadline = t.Deadline, Note = t.Note,
            };
        else Line = new TaskForm { StartsOn = new DateOnly(Year, 1, 1), Deadline = new DateOnly(Year, 12, 31), RegionCode = County };
        Message = saved switch { "headings" => "台账标题已保存。", "task" => "任务已保存。", _ => null };
        return Page();
    }

    public async Task<IActionResult> OnPostHeadingsAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var list = Rows.Where(r => !r.Remove && (r.Id is not null || !string.IsNullOrWhiteSpace(r.Group) || !string.IsNullOrWhiteSpace(r.Name)))
            .Select((r, i) => (r, i)).OrderBy(x => x.r.Order).ThenBy(x => x.i)
            .Select(x => new CampaignHeadingInput(x.r.Id, x.r.Group, x.r.Name)).ToList();
        var result = await saveHeadings.HandleAsync(new SaveCampaignHeadingsRequest(County, Year, list, Editor.Of(HttpContext)), ct);
        if (result.IsOk) return Redirect("/campaign/settings?saved=headings");
        HeadingErrors = [.. result.Failure.Errors.Select(e => e.Message)];
        return Page();
    }

    public async Task<IActionResult> OnPostTaskAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var f = Line;
        var result = await saveTask.HandleAsync(new SaveCampaignTaskRequest
        {
            Id = f.Id, CountyCode = County, HeadingId = f.HeadingId, Name = f.Name, Indicator = f.Indicator, Target = f.Target, Unit = f.Unit,
            Department = f.Department, RegionCode = f.RegionCode, StartsOn = f.StartsOn, Deadline = f.Deadline, Note = f.Note, User = Editor.Of(HttpContext),
        }, ct);
        if (result.IsOk) return Redirect("/campaign/settings?saved=task#tasks");
        if (result.Failure.Kind == Fupin.Common.FailureKind.NotFound) return NotFound();
        TaskErrors = [.. result.Failure.Errors.Select(e => e.Message)];
        return Page();
    }

    async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (CampaignApi.CountyOf(me, null) is not { } county) return false;
        County = county;
        Year = clock.Today().Year;
        Headings = await SaveCampaignHeadings.ListAsync(db, county, Year, ct);
        if (Rows.Count == 0)
            Rows = [.. Headings.Select(h => new HeadingForm { Id = h.Id, Group = h.Group, Name = h.Name, Order = h.Order }),
                .. Enumerable.Range(1, BlankRows).Select(i => new HeadingForm { Order = (Headings.Count + i) * 10 })];
        var ledger = await search.HandleAsync(new SearchCampaignRequest { CountyCode = county, Year = Year }, ct);
        Tasks = ledger.IsOk ? [.. ledger.Value.Rows] : [];
        var countyName = await db.Regions.IgnoreQueryFilters().Where(r => r.Code == county).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? county;
        Regions = [(county, countyName + "（全县）"), .. (await db.Regions.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ParentCode == county && r.Level == RegionLevel.Township).OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct))
            .Select(r => (r.Code, r.Name))];
        return true;
    }

    public int TaskCount(long headingId) => Headings.FirstOrDefault(h => h.Id == headingId)?.Tasks ?? 0;

    public static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
