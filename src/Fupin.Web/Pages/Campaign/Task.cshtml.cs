using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Campaign;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Campaign;

/// <summary>A task line: its status, the monthly reports, a chart of achieved vs expected, and the report form for its department.</summary>
[Authorize(Policy = BoardPolicies.SeeCampaign)]
public sealed class TaskModel(AppDbContext db, GetCampaignTask get, ReportCampaignProgress report, CurrentUser me) : PageModel
{
    public CampaignTaskDetails Details { get; private set; } = null!;
    public string? Department { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public DateOnly? Month { get; set; }
    [BindProperty] public decimal? Achieved { get; set; }
    [BindProperty] public string? Note { get; set; }

    /// <summary>The county office reports on any line; a department on its own.</summary>
    public bool CanReport => me.Role == Role.CountyAdmin || me.Role == Role.Department && Department is not null && Department == Details.Task.Department;

    public async Task<IActionResult> OnGetAsync(long id, bool saved, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!me.Can(BoardRoles.CanReportCampaign)) return Forbid();
        var county = Details.Task.RegionCode[..6];
        var result = await report.HandleAsync(new ReportCampaignProgressRequest(id, county, Month, Achieved, Note, Editor.Of(HttpContext), me.Id, me.Role!.Value), ct);
        if (result.IsOk) return Redirect("/campaign/tasks/" + id.ToString(CultureInfo.InvariantCulture) + "?saved=true");
        if (CampaignApi.IsNotOwnLine(result.Failure)) return Forbid();
        Errors = [.. result.Failure.Errors.Select(e => e.Message)];
        return Page();
    }

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (CampaignApi.CountyOf(me, null) is not { } county) return false;
        var found = await get.HandleAsync(id, county, ct);
        if (!found.IsOk) return false;
        Details = found.Value;
        Department = await IndexModel.DepartmentAsync(db, me, ct);
        return true;
    }

    public string ChartJson => JsonSerializer.Serialize(new
    {
        months = Details.Chart.Select(p => p.Month),
        achieved = Details.Chart.Select(p => p.Achieved),
        expected = Details.Chart.Select(p => p.Expected),
        target = Details.Task.Target,
        unit = Details.Task.Unit,
    });
}
