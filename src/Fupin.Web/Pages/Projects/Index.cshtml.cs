using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Projects;

/// <summary>项目库: counts by category, stage and schedule status, the filtered list, the ledger export.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchProjects search, CurrentUser me) : PageModel
{
    public ProjectQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public ProjectPage? Results { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanApply => me.Can(ProjectRoles.CanApply);

    public async Task<IActionResult> OnGetAsync([FromQuery] ProjectQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        Regions = [.. (await ChecksApi.RegionsAsync(db, ct)).Where(r => r.Level <= RegionLevel.Township)];
        var found = await search.HandleAsync(query.ToRequest(), ct);
        if (found.IsOk) Results = found.Value;
        else
        {
            Errors = found.Failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    public static string Link(string path, Dictionary<string, string?> values) =>
        QueryHelpers.AddQueryString(path, values.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public string PageLink(int page) => Link("/projects", new(Query.Values(), StringComparer.Ordinal) { ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null });

    /// <summary>The list with this facet set to <paramref name="value"/> (or cleared when it already is), the other filters kept.</summary>
    public string FacetLink(string key, string value)
    {
        var values = new Dictionary<string, string?>(Query.Values(), StringComparer.Ordinal);
        values[key] = string.Equals(values.GetValueOrDefault(key), value, StringComparison.Ordinal) ? null : value;
        return Link("/projects", values);
    }

    public bool IsSelected(string key, string value) => string.Equals(Query.Values().GetValueOrDefault(key), value, StringComparison.Ordinal);

    public string ExportLink => Link("/projects/export", Query.Values());
}
