using System.Globalization;
using System.Text.Json;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Surveys;

/// <summary>
/// One survey's 认可度 for a region (county → township → village by ?region=): the headline rate against the 90%
/// standard, the chart of the townships or villages with the 90% line and its table, each question's answers, and the
/// households behind (?filter=disapprove|approve|pending|unreached), each opening its entry form.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(GetSurveyRates get, CloseSatisfactionSurvey close, CurrentUser me) : PageModel
{
    [FromRoute(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "region")] public string? Region { get; set; }
    [FromQuery(Name = "filter")] public string? Filter { get; set; }
    [FromQuery(Name = "drawn")] public bool Drawn { get; set; }

    public SurveyRates Rates { get; private set; } = null!;
    public bool CanManage => me.Can(SupervisionRoles.CanManageSurveys);
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // A county holds hundreds of households: its list starts with those not approving (filter=all lists every one).
        var atCounty = string.IsNullOrWhiteSpace(Region) || Region.Trim().Length == 6;
        Filter ??= atCounty ? "disapprove" : null;
        var result = await get.HandleAsync(new GetSurveyRatesRequest(Id, Region, Filter), ct);
        if (!result.IsOk) return NotFound();
        Rates = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync([FromForm(Name = "closed")] bool closed, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await close.HandleAsync(new CloseSatisfactionSurveyRequest(Id, closed, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (!result.IsOk) return NotFound();
        return Redirect(Link(Region, Filter));
    }

    public string Link(string? region, string? filter)
    {
        var q = new List<string>();
        if (!string.IsNullOrEmpty(region) && region != Rates?.Survey.CountyCode) q.Add("region=" + region);
        if (!string.IsNullOrEmpty(filter)) q.Add("filter=" + filter);
        return "/surveys/" + Id.ToString(CultureInfo.InvariantCulture) + (q.Count > 0 ? "?" + string.Join("&", q) : "");
    }

    public string ExportLink => "/api/surveys/" + Id.ToString(CultureInfo.InvariantCulture) + "/export" + (Rates.RegionCode.Length > 6 ? "?region=" + Rates.RegionCode : "");

    public string PartWord => Rates.RegionCode.Length == 6 ? "乡镇" : "村";

    public string ChartJson => JsonSerializer.Serialize(new
    {
        names = Rates.Parts.Select(p => p.Name),
        rates = Rates.Parts.Select(p => p.Rate is { } r ? Math.Round(r * 100m, 1) : (decimal?)null),
        surveyed = Rates.Parts.Select(p => p.Surveyed),
        approving = Rates.Parts.Select(p => p.Approving),
        standard = Math.Round(Rates.ApprovalMin * 100m, 1),
    });

    public static string Share(int count, int total) => total == 0 ? "" : ((decimal)count * 100m / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
