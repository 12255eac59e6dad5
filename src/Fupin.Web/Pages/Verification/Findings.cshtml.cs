using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Fupin.Verification;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Verification;

/// <summary>疑点清单: the findings of the user's scope, filtered and paged, with the export and the printable village list.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class FindingsModel(AppDbContext db, SearchFindings search) : PageModel
{
    public FindingQuery Query { get; private set; } = new();

    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public FindingPage? Results { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] FindingQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        Query = query;
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var (request, failure) = query.ToRequest();
        if (request is not null)
        {
            var found = await search.HandleAsync(request, ct);
            if (found.IsOk) Results = found.Value;
            else failure = found.Failure;
        }
        if (failure is not null)
        {
            Errors = failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>This list with another page.</summary>
    public string PageLink(int page) => QueryHelpers.AddQueryString("/verification/findings",
        Query.Values().Append(new("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null)).Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public string ExportLink => QueryHelpers.AddQueryString("/verification/findings/export", Query.Values().Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    /// <summary>The printable list of the selected village (its pending findings unless another stage is asked).</summary>
    public string? PrintLink => Query.Region?.Trim() is { Length: 12 } village
        ? QueryHelpers.AddQueryString("/verification/findings/print", new Dictionary<string, string?>(StringComparer.Ordinal)
            { ["village"] = village, ["rule"] = Query.Rule, ["stage"] = string.IsNullOrWhiteSpace(Query.Stage) ? null : Query.Stage }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)))
        : null;

    public static readonly (string Value, string Label)[] Stages =
    [
        ("", "全部（不含已消除）"), ("pending", "待办（待核实、核实中）"), ("closed", "已办结"), ("gone", "已消除"), ("all", "全部（含已消除）"),
    ];
}
