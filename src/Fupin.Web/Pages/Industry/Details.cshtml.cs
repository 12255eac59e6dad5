using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Industry;

/// <summary>
/// One local industry: its figures for the year and by township (chart and table), its business entities and
/// contracts, and its development plan (targets, bases, the processing park, incentives) with target against
/// actual; for the county office the plan lines are edited here.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class DetailsModel(AppDbContext db, GetIndustry get, SaveIndustryPlanItem save, RemoveIndustryPlanItem remove, CurrentUser me) : PageModel
{
    public IndustryDetails? Details { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Townships { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public bool Conflict { get; private set; }

    /// <summary>The form that failed: "new" or the id of the line edited.</summary>
    public string? Form { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(IndustryRoles.CanManageIndustries);
    public int? Year { get; private set; }

    [BindProperty] public long? PlanId { get; set; }
    [BindProperty] public long? Version { get; set; }
    [BindProperty] public PlanItemKind? Kind { get; set; }
    [BindProperty] public string? PlanName { get; set; }
    [BindProperty] public string? RegionCode { get; set; }
    [BindProperty] public string? Unit { get; set; }
    [BindProperty] public double? Target { get; set; }
    [BindProperty] public double? Actual { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public string? Detail { get; set; }
    [BindProperty] public int? SortOrder { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, [FromQuery(Name = "year")] int? year, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        Saved = saved switch { "plan" => "规划条目已保存。", "removed" => "规划条目已删除。", _ => null };
        return await LoadAsync(id, year, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPlanAsync(long id, [FromQuery(Name = "year")] int? year, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await save.HandleAsync(new SaveIndustryPlanItemRequest
        {
            Id = PlanId, IndustryId = id, Version = Version, Kind = Kind ?? 0, Name = PlanName, RegionCode = RegionCode, Unit = Unit, Target = Target, Actual = Actual,
            Deadline = Deadline, Detail = Detail, SortOrder = SortOrder, User = Editor.Of(HttpContext), Role = me.Role!.Value,
        }, ct);
        if (result.IsOk) return Redirect(PageUrl(id, year, "plan") + "#plan-" + result.Value.Id.ToString(CultureInfo.InvariantCulture));
        return await FailedAsync(id, year, result.Failure, ct);
    }

    public async Task<IActionResult> OnPostRemovePlanAsync(long id, [FromQuery(Name = "year")] int? year, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await remove.HandleAsync(new RemoveIndustryPlanItemRequest(PlanId ?? 0, Version, Editor.Of(HttpContext), me.Role!.Value), ct);
        if (result.IsOk) return Redirect(PageUrl(id, year, "removed") + "#plan");
        return await FailedAsync(id, year, result.Failure, ct);
    }

    async Task<IActionResult> FailedAsync(long id, int? year, Failure failure, CancellationToken ct)
    {
        if (failure.Kind == FailureKind.NotFound && PlanId is null) return NotFound();
        Form = PlanId is { } p ? p.ToString(CultureInfo.InvariantCulture) : "new";
        Errors = failure.Errors.Count > 0 ? failure.Errors : [new FieldError("", failure.Kind.ToString(), failure.Message)];
        Conflict = failure.Kind == FailureKind.Conflict;
        if (!await LoadAsync(id, year, ct)) return NotFound();
        Response.StatusCode = Conflict ? StatusCodes.Status409Conflict : failure.Kind == FailureKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(long id, int? year, CancellationToken ct)
    {
        var r = await get.HandleAsync(new GetIndustryRequest(id, year), ct);
        if (!r.IsOk)
        {
            if (r.Failure.Kind == FailureKind.NotFound) return false;
            Errors = [.. Errors, .. r.Failure.Errors];
            r = await get.HandleAsync(new GetIndustryRequest(id), ct);
            if (!r.IsOk) return false;
            year = null;
        }
        Details = r.Value;
        Year = year;
        if (CanManage)
        {
            var county = Details.Industry.CountyCode;
            var rows = await db.Regions.AsNoTracking().Where(x => x.ParentCode == county && x.Level == RegionLevel.Township).OrderBy(x => x.Code)
                .Select(x => new { x.Code, x.Name }).ToListAsync(ct);
            Townships = [.. rows.Select(x => (x.Code, x.Name))];
        }
        return true;
    }

    static string PageUrl(long id, int? year, string saved) =>
        $"/industry/{id.ToString(CultureInfo.InvariantCulture)}?{(year is { } y ? "year=" + y.ToString(CultureInfo.InvariantCulture) + "&" : "")}saved={saved}";

    public string HandlerUrl(string handler) =>
        $"/industry/{Details!.Industry.Id.ToString(CultureInfo.InvariantCulture)}?{(Year is { } y ? "year=" + y.ToString(CultureInfo.InvariantCulture) + "&" : "")}handler={handler}";

    /// <summary>The chart by township: households linked, households with only their own industry (stacked to 带动农户合计), and 亩.</summary>
    public string TownshipChartJson => JsonSerializer.Serialize(new
    {
        places = ShownTownships.Select(p => p.Name),
        linked = ShownTownships.Select(p => p.Figures.LinkedHouseholds),
        ownOnly = ShownTownships.Select(p => p.Figures.HouseholdsTotal - p.Figures.LinkedHouseholds),
        area = ShownTownships.Select(p => p.Figures.AreaMu),
    });

    /// <summary>Townships with any household, entity or contract of the industry (the others would be rows of zeros).</summary>
    public IReadOnlyList<IndustryPlaceRow> ShownTownships =>
        [.. Details!.ByTownship.Where(p => p.Figures.HouseholdsTotal + p.Figures.Entities.Total + p.Figures.Contracts > 0)];

    /// <summary>Target against actual of the lines of one kind that have a target (the bases' 亩, the park's investment …).</summary>
    public static string PlanChartJson(IndustryPlanGroup g)
    {
        var lines = g.Lines.Where(l => l.Target is > 0).ToList();
        return JsonSerializer.Serialize(new
        {
            unit = lines.Select(l => l.Unit).FirstOrDefault(u => !string.IsNullOrEmpty(u)) ?? "",
            names = lines.Select(l => l.PlaceName is null || l.Name.Contains(l.PlaceName, StringComparison.Ordinal) ? l.Name : $"{l.Name}（{l.PlaceName}）"),
            target = lines.Select(l => l.Target),
            actual = lines.Select(l => l.Actual ?? 0),
            percent = lines.Select(l => l.Percent),
        });
    }

    /// <summary>Only lines sharing one unit make a readable chart.</summary>
    public static bool Chartable(IndustryPlanGroup g) =>
        g.Lines.Count(l => l.Target is > 0) >= 2 && g.Lines.Where(l => l.Target is > 0).Select(l => l.Unit ?? "").Distinct(StringComparer.Ordinal).Count() == 1;

    public static string Num(double? v) => v is { } d ? d.ToString("#,0.##", CultureInfo.InvariantCulture) : "—";

    public static string Pct(decimal? p) => p is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string ProgressClass(decimal? p) => p switch { null => "plan-progress", >= 100m => "plan-progress done", < 50m => "plan-progress low", _ => "plan-progress" };

    public static string ProgressValue(decimal? p) => Math.Min(p ?? 0m, 100m).ToString("0.0", CultureInfo.InvariantCulture);

    public string? ErrorFor(string form, params string[] fields) =>
        Form == form ? Errors.FirstOrDefault(e => fields.Contains(e.Field, StringComparer.Ordinal))?.Message : null;

    public string? OtherErrors(string form, params string[] fields) =>
        Form == form && Errors.Where(e => !fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;
}
