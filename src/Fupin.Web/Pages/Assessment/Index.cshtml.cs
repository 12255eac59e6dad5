using System.Globalization;
using Fupin.Assessment;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Fupin.Web.Pages.Assessment;

/// <summary>
/// 摘帽准备情况 of the user's county: the countdown, one card per indicator (value, threshold, verdict,
/// the list behind it), the poor villages' exit status and, with ?project=1, the projection of the
/// planned exits. Printable on A4; the same report as .xlsx from /assessment/export.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, GetCountyReadiness readiness) : PageModel
{
    [FromQuery(Name = "county")] public string? County { get; set; }
    [FromQuery(Name = "asOf")] public string? AsOf { get; set; }
    [FromQuery(Name = "project")] public bool Project { get; set; }

    public CountyReadiness Report { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        DateOnly? date = null;
        if (!AssessmentApi.TryParseDate(AsOf, out date))
        {
            Error = $"日期“{AsOf}”应写作 yyyy-MM-dd，已按业务日期显示";
            date = null;
        }
        var code = string.IsNullOrWhiteSpace(County) ? await AssessmentApi.DefaultCountyAsync(db, ct) : County.Trim();
        if (code is null || !db.Scope.Overlaps(code)) return NotFound();
        var result = await readiness.HandleAsync(new GetCountyReadinessRequest(code, date, Project), null, ct);
        if (!result.IsOk)
        {
            if (result.Failure.Kind == Common.FailureKind.NotFound && date is not null)
            {
                Error = result.Failure.Message;
                result = await readiness.HandleAsync(new GetCountyReadinessRequest(code, null, Project), null, ct);
            }
            if (!result.IsOk) return NotFound();
        }
        Report = result.Value;
        return Page();
    }

    public string Link(bool project) => Query("/assessment", project);

    public string ExportLink => Query("/assessment/export", Report.Projected);

    string Query(string path, bool project)
    {
        var q = new List<string> { "county=" + Report.County };
        if (!string.IsNullOrWhiteSpace(AsOf) && Error is null) q.Add("asOf=" + Uri.EscapeDataString(AsOf.Trim()));
        if (project) q.Add("project=true");
        return path + "?" + string.Join("&", q);
    }

    public static string StateClass(ReadinessState s) => s switch
    {
        ReadinessState.Pass => "stat stat-good",
        ReadinessState.Fail => "stat stat-alert",
        _ => "stat stat-nodata",
    };

    public static string N(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
