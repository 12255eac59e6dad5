using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Industry;

/// <summary>
/// 产业扶贫: the figures of the county's local industries for a region and year (tiles, the chart of households
/// by township and industry with its table, the overview table, the export); for the county office the code
/// table of local industries (add, rename, retire).
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class IndexModel(AppDbContext db, GetIndustryOverview overview, ListLocalIndustries list, AddLocalIndustry add, UpdateLocalIndustry update,
    CurrentUser me) : PageModel
{
    public IndustryQuery Query { get; private set; } = new();
    public IndustryOverview? Overview { get; private set; }
    public IReadOnlyList<LocalIndustryRow> Industries { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, RegionLevel Level)> Regions { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];
    public string? Form { get; private set; }
    public string? Saved { get; private set; }
    public bool CanManage => me.Can(IndustryRoles.CanManageIndustries);

    [BindProperty] public long? IndustryId { get; set; }
    [BindProperty] public string? IndustryCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? OutputUnit { get; set; }
    [BindProperty] public int? SortOrder { get; set; }
    [BindProperty] public bool IsActive { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] IndustryQuery query, [FromQuery(Name = "saved")] string? saved, CancellationToken ct)
    {
        Saved = saved switch { "add" => "特色产业已新增。", "update" => "特色产业已修改。", _ => null };
        return await LoadAsync(query, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAddAsync([FromQuery] IndustryQuery query, CancellationToken ct) =>
        SubmitAsync(query, "add", async () => Plain(await add.HandleAsync(new AddLocalIndustryRequest
        {
            CountyCode = FundsApi.DefaultCounty(me), Code = IndustryCode, Name = Name, OutputUnit = OutputUnit, SortOrder = SortOrder,
            User = Editor.Of(HttpContext), Role = me.Role!.Value,
        }, ct)), ct);

    public Task<IActionResult> OnPostUpdateAsync([FromQuery] IndustryQuery query, CancellationToken ct) =>
        SubmitAsync(query, "update", async () => Plain(await update.HandleAsync(new UpdateLocalIndustryRequest
        {
            Id = IndustryId ?? 0, Name = Name, OutputUnit = OutputUnit ?? "", SortOrder = SortOrder, IsActive = IsActive,
            User = Editor.Of(HttpContext), Role = me.Role!.Value,
        }, ct)), ct);

    static Result<bool> Plain<T>(Result<T> r) => r.IsOk ? true : r.Failure;

    async Task<IActionResult> SubmitAsync(IndustryQuery query, string form, Func<Task<Result<bool>>> run, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        if (query.RegionOutOfScope(db.Scope)) return NotFound();
        var result = await run();
        if (result.IsOk)
            return Redirect(QueryHelpers.AddQueryString("/industry", Values(query).Append(new("saved", form)).Where(v => !string.IsNullOrWhiteSpace(v.Value))) + "#industries");
        if (result.Failure.Kind == FailureKind.NotFound) return NotFound();
        Form = form;
        Errors = result.Failure.Errors;
        if (!await LoadAsync(query, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    async Task<bool> LoadAsync(IndustryQuery query, CancellationToken ct)
    {
        if (query.RegionOutOfScope(db.Scope)) return false;
        Query = query;
        Regions = await ChecksApi.RegionsAsync(db, ct);
        var o = await overview.HandleAsync(new IndustryOverviewRequest(query.Region, query.Year), ct);
        if (!o.IsOk)
        {
            if (o.Failure.Kind == FailureKind.NotFound) return false;
            Errors = [.. Errors, .. o.Failure.Errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Query = new IndustryQuery();
            o = await overview.HandleAsync(new IndustryOverviewRequest(), ct);
            if (!o.IsOk) return false;
        }
        Overview = o.Value;
        if (CanManage) Industries = (await list.HandleAsync(new ListLocalIndustriesRequest(Overview.CountyCode), ct)).Value ?? [];
        return true;
    }

    static IEnumerable<KeyValuePair<string, string?>> Values(IndustryQuery q) =>
    [
        new("region", q.Region), new("year", q.Year?.ToString(CultureInfo.InvariantCulture)),
    ];

    public string Link(string? region, int? year) =>
        QueryHelpers.AddQueryString("/industry", Values(new IndustryQuery { Region = region, Year = year }).Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    public string HandlerUrl(string handler) =>
        QueryHelpers.AddQueryString("/industry", Values(Query).Append(new("handler", handler)).Where(v => !string.IsNullOrWhiteSpace(v.Value)));

    public string ExportLink => QueryHelpers.AddQueryString("/industry/export", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["region"] = Overview!.Region,
        ["year"] = Overview.Year.ToString(CultureInfo.InvariantCulture),
    });

    public string DetailsLink(long id) => $"/industry/{id.ToString(CultureInfo.InvariantCulture)}?year={Overview!.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The places (townships or villages) the chart and its table show: those with any household, entity or contract.</summary>
    public IReadOnlyList<int> ShownPlaces => [.. Enumerable.Range(0, Overview!.Places.Count)
        .Where(i => Overview.TotalByPlace[i].Figures is var f && f.HouseholdsTotal + f.Entities.Total + f.Contracts > 0)];

    /// <summary>The chart: 带动农户 by place (x), one stacked series per industry; the table under it holds the same numbers.</summary>
    public string PlaceChartJson
    {
        get
        {
            var shown = ShownPlaces;
            return JsonSerializer.Serialize(new
            {
                places = shown.Select(i => Overview!.Places[i].Name),
                series = Overview!.Rows.Select(r => new { name = r.Name, data = shown.Select(i => r.ByPlace[i].Figures.HouseholdsTotal) }),
                total = shown.Select(i => Overview.TotalByPlace[i].Figures.HouseholdsTotal),
            });
        }
    }

    /// <summary>For a village (no places): 带动农户 per industry as single bars.</summary>
    public string IndustryChartJson => JsonSerializer.Serialize(new
    {
        industries = Overview!.Rows.Select(r => r.Name),
        linked = Overview.Rows.Select(r => r.Figures.LinkedHouseholds),
        own = Overview.Rows.Select(r => r.Figures.OwnHouseholds),
        total = Overview.Rows.Select(r => r.Figures.HouseholdsTotal),
    });

    public static string Mu(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    public string? ErrorFor(string form, params string[] fields) =>
        Form == form ? Errors.FirstOrDefault(e => fields.Contains(e.Field, StringComparer.Ordinal))?.Message : null;

    public string? OtherErrors(string form, params string[] fields) =>
        Form == form && Errors.Where(e => !fields.Contains(e.Field, StringComparer.Ordinal)).Select(e => e.Message).ToList() is { Count: > 0 } rest ? string.Join("；", rest) : null;
}
