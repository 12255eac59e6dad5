using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Monitoring;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Monitoring;

/// <summary>防返贫监测: counts by type, status and risk, the filtered list with the flagged ones marked, the rule run and the export.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, SearchMonitoringObjects search, ProposeMonitoringObjects propose, CurrentUser me) : PageModel
{
    public MonitoringQuery Query { get; private set; } = new();
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public MonitoringPage? Results { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanWork => me.Can(MonitoringRoles.CanWork);

    /// <summary>After a rule run: how many were proposed, and how many matched but already had an open object.</summary>
    public (int Proposed, int AlreadyOpen)? Ran { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] MonitoringQuery query, [FromQuery(Name = "proposed")] int? proposed, [FromQuery(Name = "open")] int? open, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        if (proposed is { } p) Ran = (p, open ?? 0);
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var found = await search.HandleAsync(query.ToRequest(), ct);
        if (found.IsOk) Results = found.Value;
        else
        {
            Errors = found.Failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync([FromForm(Name = "region")] string? region, CancellationToken ct)
    {
        if (!CanWork) return Forbid();
        if (VerificationOutOfScope(region)) return NotFound();
        var result = await propose.HandleAsync(new ProposeMonitoringObjectsRequest(region, Editor.Of(HttpContext)), null, ct);
        if (!result.IsOk) return NotFound();
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["region"] = string.IsNullOrWhiteSpace(region) ? null : region.Trim(),
            ["status"] = nameof(MonitoringStatus.Proposed),
            ["proposed"] = result.Value.Proposed.ToString(CultureInfo.InvariantCulture),
            ["open"] = result.Value.AlreadyOpen.ToString(CultureInfo.InvariantCulture),
        };
        return Redirect(QueryHelpers.AddQueryString("/monitoring", values.Where(v => v.Value is not null)));
    }

    bool VerificationOutOfScope(string? region) => Verification.VerificationApi.OutOfScope(region, db.Scope);

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    public string Link(Dictionary<string, string?> values) =>
        QueryHelpers.AddQueryString("/monitoring", values.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public string PageLink(int page) => Link(new(Query.Values(), StringComparer.Ordinal) { ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null });

    /// <summary>The list with only the region kept and one other filter set.</summary>
    public string FilterLink(string key, string value) => Link(new(StringComparer.Ordinal) { ["region"] = Query.Region, [key] = value });

    public string ExportLink => QueryHelpers.AddQueryString("/monitoring/export", Query.Values().Where(p => !string.IsNullOrWhiteSpace(p.Value)));
}
