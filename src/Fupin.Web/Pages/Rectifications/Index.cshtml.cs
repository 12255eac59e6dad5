using Fupin.Data;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Rectifications;

/// <summary>整改台账: counts by status, overdue and escalated; the filtered list with 催办 and 督办 first; the export.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchRectifications search, CurrentUser me) : PageModel
{
    public RectificationQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public RectificationPage? Results { get; private set; }
    public string? Error { get; private set; }
    public bool CanManage => me.Can(SupervisionRoles.CanManageRectifications);

    /// <summary>Only the items not closed (the board's 未销号 link).</summary>
    public bool OpenOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] RectificationQuery query, CancellationToken ct, [FromQuery(Name = "open")] bool? open = null)
    {
        OpenOnly = open == true;
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        // Drill-down: the villages of the chosen township (or of the chosen village's township), not all of the county's.
        var township = query.Region?.Trim() is { Length: >= 9 } chosen ? chosen[..9] : null;
        Regions = [.. (await ChecksApi.RegionsAsync(db, ct)).Where(r => r.Level != RegionLevel.Village || (township is not null && r.Code.StartsWith(township, StringComparison.Ordinal))
            || !db.Scope.All && db.Scope.RegionPrefixes.All(p => p.Length >= 9))];
        var found = await search.HandleAsync(query.ToRequest() with { OpenOnly = OpenOnly }, ct);
        if (found.IsOk) Results = found.Value;
        else Error = string.Join("；", found.Failure.Errors.Select(e => e.Message));
        return Page();
    }

    public string PageLink(int page) => WithOpen("/rectifications" + Query.QueryString(page));

    string WithOpen(string url) => OpenOnly ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "open=true" : url;

    public string ExportLink => "/rectifications/export" + Query.QueryString();

    /// <summary>The ledger filtered by one more (or another) value, from the counts on top.</summary>
    public string FilterLink(string key, string value)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["region"] = Query.Region, [key] = value };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/rectifications", values.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }
}
