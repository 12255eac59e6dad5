using System.Globalization;
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

/// <summary>
/// 排查核对 dashboard: findings of a region by rule and by the next level down (county → township →
/// village), each count a link to the list; and, for the county office and townships, the button
/// that compares the region with the latest department lists and shows what the run did.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, CountFindings count, RunVerification run, CurrentUser me) : PageModel
{
    [FromQuery(Name = "region")] public string? Region { get; set; }

    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public FindingCountReport Report { get; private set; } = null!;
    public RunReportJson? RunReport { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool CanRun => me.Can(VerificationPolicies.CanRun) && db.Scope.Covers(Report.Region);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostRunAsync([FromForm(Name = "region")] string? region, CancellationToken ct)
    {
        if (!me.Can(VerificationPolicies.CanRun)) return Forbid();
        Region = region;
        var code = string.IsNullOrWhiteSpace(region) ? await ChecksApi.DefaultRegionAsync(db, ct) : region.Trim();
        if (code is null) return NotFound();
        db.Audit.User = Editor.Of(HttpContext);
        var result = await run.HandleAsync(new RunVerificationRequest(code), null, ct);
        if (!result.IsOk)
        {
            if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
            Errors = result.Failure.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            RunReport = RunReportJson.From(result.Value);
        }
        return await ShowAsync(ct) ?? Page();
    }

    async Task<IActionResult?> ShowAsync(CancellationToken ct)
    {
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var code = string.IsNullOrWhiteSpace(Region) ? await ChecksApi.DefaultRegionAsync(db, ct) : Region.Trim();
        if (code is null) return NotFound();
        var result = await count.HandleAsync(new CountFindingsRequest(code), ct);
        if (!result.IsOk) return result.Failure.Kind == FailureKind.NotFound ? NotFound() : BadRequest();
        Report = result.Value;
        return null;
    }

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>The findings list for a region, a rule and a stage.</summary>
    public static string ListLink(string region, string? rule, string? stage) => QueryHelpers.AddQueryString("/verification/findings",
        new Dictionary<string, string?>(StringComparer.Ordinal) { ["region"] = region, ["rule"] = rule, ["stage"] = stage }
            .Where(p => !string.IsNullOrEmpty(p.Value)));

    public static string Link(string region) => "/verification?region=" + Uri.EscapeDataString(region);

    public static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
