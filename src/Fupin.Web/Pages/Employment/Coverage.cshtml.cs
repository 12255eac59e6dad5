using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Employment;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Employment;

/// <summary>
/// 产业就业帮扶覆盖: the rate of a region and year with its figures (all and relocated households apart), the
/// rate per child region as a chart beside a table whose names drill down (county → township → village), and
/// the gap list (a village whole, a larger region in pages) with the unwilling apart and the export.
/// </summary>
[Authorize(Policy = Policies.ReadRegistry)]
public sealed class CoverageModel(AppDbContext db, GetCoverage coverage, GetCoverageGaps gaps, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    static readonly int[] Levels = [6, 9, 12];

    public CoverageView View { get; private set; } = null!;
    public CoverageGaps Gaps { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Trail { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] CoverageQuery query, CancellationToken ct)
    {
        var region = string.IsNullOrWhiteSpace(query.Region) ? await EmploymentApi.DefaultRegionAsync(db, ct) : query.Region.Trim();
        var today = clock.Today();
        Years = [.. Enumerable.Range(2016, Math.Max(1, today.Year - 2015)).Reverse()];
        var year = query.Year;
        if (year is { } y && (y < 2000 || y > today.Year))
        {
            Errors = [new FieldError("Year", "employment.year_invalid", $"年度应在2000年至{today.Year}年之间，已显示今年")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            year = null;
        }
        var view = await coverage.HandleWithMembersAsync(new CoverageRequest(region, year), ct);
        if (!view.IsOk)
        {
            if (view.Failure.Kind == FailureKind.NotFound) return NotFound();
            Errors = [.. Errors, .. view.Failure.Errors];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            region = await EmploymentApi.DefaultRegionAsync(db, ct);
            view = await coverage.HandleWithMembersAsync(new CoverageRequest(region, year), ct);
            if (!view.IsOk) return NotFound();
        }
        View = view.Value.View;
        var offset = Math.Max(0, query.Offset ?? 0);
        var list = await gaps.HandleAsync(new CoverageGapsRequest(View.RegionCode, View.Year, Offset: offset, Limit: PageSize), view.Value.Members, ct);
        if (!list.IsOk) return NotFound();
        Gaps = list.Value;
        Trail = await TrailAsync(View.RegionCode, ct);
        return Page();
    }

    /// <summary>The county, township and village above and including the region, as far as the user may see them.</summary>
    async Task<IReadOnlyList<(string, string)>> TrailAsync(string region, CancellationToken ct)
    {
        var codes = Levels.Where(n => n <= region.Length).Select(n => region[..n]).Where(db.Scope.Overlaps).ToList();
        var names = await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        return [.. codes.Select(c => (c, names.GetValueOrDefault(c, c)))];
    }

    public string Link(string region, int? offset = null) => QueryHelpers.AddQueryString("/employment/coverage", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["region"] = region,
        ["year"] = View.Year.ToString(CultureInfo.InvariantCulture),
        ["offset"] = offset is > 0 ? offset.Value.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(v => v.Value is not null));

    public string ExportLink => QueryHelpers.AddQueryString("/employment/coverage/export", new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["region"] = View.RegionCode,
        ["year"] = View.Year.ToString(CultureInfo.InvariantCulture),
    });

    public bool IsVillage => View.RegionCode.Length == 12;

    public string ChildLevel => View.RegionCode.Length == 6 ? "乡镇" : "村";

    /// <summary>The bar chart: the rate (%) of each child region, its target and gap for the tooltip.</summary>
    public string ChartJson => JsonSerializer.Serialize(new
    {
        names = View.Children.Select(c => c.RegionName),
        rates = View.Children.Select(c => c.All.Rate is { } r ? (decimal?)decimal.Round(r * 100, 1) : null),
        targets = View.Children.Select(c => c.All.Target),
        gaps = View.Children.Select(c => c.All.Gap),
        overall = View.All.Rate is { } o ? (decimal?)decimal.Round(o * 100, 1) : null,
    });

    public static string Rate(decimal? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string RateClass(decimal? rate) => rate switch { null => "", < 0.8m => "rate rate-low", < 0.95m => "rate rate-mid", _ => "rate rate-high" };
}
