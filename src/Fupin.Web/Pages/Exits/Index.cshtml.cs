using System.Globalization;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Exits;

/// <summary>贫困户退出程序: the funnel per step for a region and year, and the procedures, filtered and paged, with the export.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchExitProcedures search, TimeProvider clock) : PageModel
{
    public ExitQuery Query { get; private set; } = new();
    public int Year { get; private set; }
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public ExitFunnel? Funnel { get; private set; }
    public ExitProcedurePage? Results { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] ExitQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Year = query.Year ?? clock.Today().Year;
        Query = query with { Year = Year };
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var region = string.IsNullOrWhiteSpace(query.Region) ? await ChecksApi.DefaultRegionAsync(db, ct) : query.Region.Trim();
        var errors = new List<FieldError>();
        if (region is not null)
        {
            var funnel = await search.FunnelAsync(new ExitFunnelRequest(region, Year), ct);
            if (funnel.IsOk) Funnel = funnel.Value;
            else errors.AddRange(funnel.Failure.Errors);
        }
        var found = await search.HandleAsync(Query.ToRequest(), ct);
        if (found.IsOk) Results = found.Value;
        else errors.AddRange(found.Failure.Errors.Where(e => errors.All(x => x.Code != e.Code)));
        Errors = errors;
        if (errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>The procedures whose next step due is <paramref name="step"/>, with the other filters kept.</summary>
    public string StepLink(ExitStep step)
    {
        var values = Query.Values();
        values["step"] = step.ToString();
        values["status"] = null;
        return QueryHelpers.AddQueryString("/exits", values.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
    }

    public string PageLink(int page) => QueryHelpers.AddQueryString("/exits",
        Query.Values().Append(new("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null)).Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public string ExportLink => QueryHelpers.AddQueryString("/exits/export", Query.Values().Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public IEnumerable<int> Years => Enumerable.Range(2016, clock.Today().Year - 2016 + 1).Reverse();

    /// <summary>The share of the cohort that has reached a step, as a whole percentage for the bar.</summary>
    public int Share(int count) => Funnel is { Planned: > 0 } f ? (int)Math.Round(100.0 * count / f.Planned) : 0;
}
