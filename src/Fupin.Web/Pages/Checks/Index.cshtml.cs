using System.Globalization;
using Fupin.Checks;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Checks;

/// <summary>数据质量检查: the import's rules over the stored households of a region in the user's scope.</summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "rule")] public string? Rule { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public string? SelectedRegion { get; private set; }
    public RegistryCheckReport? Report { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public int CurrentPage { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public IEnumerable<RegistryProblem> Shown => Report is null ? [] : Report.Problems.Skip((CurrentPage - 1) * PageSize).Take(PageSize);

    /// <summary>The form alone until a region is asked for; then the check runs.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        SelectedRegion = string.IsNullOrWhiteSpace(Region) ? await ChecksApi.DefaultRegionAsync(db, ct) : Region.Trim();
        if (string.IsNullOrWhiteSpace(Region)) return Page();

        var result = await new CheckRegistry(db, clock).HandleAsync(new CheckRegistryRequest(Region, Rule), null, ct);
        if (!result.IsOk)
        {
            if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
            Errors = result.Failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Report = result.Value;
        PageCount = Math.Max(1, (Report.Problems.Count + PageSize - 1) / PageSize);
        CurrentPage = Math.Clamp(PageNumber ?? 1, 1, PageCount);
        return Page();
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>This check with the rule or page changed (a new rule starts at page 1).</summary>
    public string Link(string? rule, int? page = null) => QueryHelpers.AddQueryString("/checks",
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["region"] = Report?.Region ?? Region,
            ["rule"] = rule,
            ["page"] = page is > 1 ? page.Value.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public static string SeverityLabel(Severity s) => s == Severity.Error ? "错误" : "提示";

    public static string Indent(RegionLevel level) => level == RegionLevel.Village ? "　　" : level == RegionLevel.Township ? "　" : "";
}
