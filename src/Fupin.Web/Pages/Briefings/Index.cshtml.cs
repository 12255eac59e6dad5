using System.Globalization;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Common;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Briefings;

/// <summary>工作简报: the briefings of the user's regions and, for the county office and leaders, the form to issue one.</summary>
[Authorize(Policy = BoardPolicies.SeeBoard)]
public sealed class IndexModel(AppDbContext db, ListBriefings list, IssueBriefing issue, BoardCache boards, AccessScope scope, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BriefingRow> Briefings { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Regions { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool CanIssue => me.Can(BoardRoles.CanIssueBriefing);

    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public DateOnly? PeriodFrom { get; set; }
    [BindProperty] public DateOnly? PeriodTo { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Summary { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        PeriodFrom = new DateOnly(today.Year, today.Month, 1);
        PeriodTo = today;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanIssue) return Forbid();
        var region = RegionCode?.Trim() ?? "";
        if (!BoardApi.MaySee(scope, region) || await boards.GetAsync(region, ct) is not { } board) return NotFound();
        var result = await issue.HandleAsync(new IssueBriefingRequest(region, PeriodFrom, PeriodTo, Title, Summary, Editor.Of(HttpContext)), board, ct);
        if (result.IsOk) return Redirect("/briefings/" + result.Value.Id.ToString(CultureInfo.InvariantCulture));
        Errors = [.. result.Failure.Errors.Select(e => e.Message)];
        await LoadAsync(ct);
        return Page();
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Briefings = await list.HandleAsync(null, ct);
        if (!CanIssue) return;
        var top = await BoardApi.TopRegionAsync(db, scope, ct);
        if (top is null) return;
        RegionCode ??= top;
        var regions = await db.Regions.AsNoTracking().Where(r => r.Code == top || r.ParentCode == top && r.Level == RegionLevel.Township)
            .OrderBy(r => r.Code.Length).ThenBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        Regions = [.. regions.Select(r => (r.Code, r.Name))];
    }
}
