using Fupin.Common;
using System.Globalization;
using Fupin.Data;
using Fupin.Households;
using Microsoft.EntityFrameworkCore;
using Fupin.Regions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Fupin.Web.Pages.Households;

public sealed class IndexModel(SearchHouseholds search, AppDbContext db, Fupin.Accounts.AccessScope scope) : PageModel
{
    public HouseholdQuery Query { get; private set; } = new();
    public HouseholdPage? Results { get; private set; }
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Region choices: the townships, with the villages of the chosen township under it.</summary>
    public IReadOnlyList<(string Code, string Name, bool Village)> RegionOptions { get; private set; } = [];
    public string? RegionName { get; private set; }

    /// <summary>The board's filters (作战图 links): only 未脱贫/返贫, a 脱贫年度, a 计划脱贫年度.</summary>
    public bool PoorOnly { get; private set; }
    public int? ExitYear { get; private set; }
    public int? PlannedExitYear { get; private set; }

    /// <summary>Members of all matching households (the board's 人口 figures link here).</summary>
    public int TotalPersons { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] HouseholdQuery query, CancellationToken ct,
        [FromQuery(Name = "poor")] bool? poor = null, [FromQuery(Name = "exitYear")] int? exitYear = null,
        [FromQuery(Name = "plannedExitYear")] int? plannedExitYear = null)
    {
        if (query.RegionOutOfScope(scope)) return NotFound();
        Query = query;
        (PoorOnly, ExitYear, PlannedExitYear) = (poor == true, exitYear, plannedExitYear);
        var request = query.ToRequest() with { PoorOnly = PoorOnly, ExitYear = exitYear, PlannedExitYear = plannedExitYear };
        var result = await search.HandleAsync(request, ct);
        if (result.IsOk)
        {
            Results = result.Value;
            TotalPersons = await search.Filter(request).Query.SelectMany(h => h.Members).CountAsync(ct);
        }
        else Errors = result.Failure.Errors;
        await LoadRegionsAsync(query.Region, ct);
        return Page();
    }

    /// <summary>The same search as a CSV file.</summary>
    public string ExportLink => "/households/export.csv" + Request.QueryString.Value;

    async Task LoadRegionsAsync(string? selected, CancellationToken ct)
    {
        var top = await db.TopRegionCodeAsync(ct);
        if (top is null) return;
        var topName = await db.Regions.Where(r => r.Code == top).Select(r => r.Name).SingleAsync(ct);
        var options = new List<(string, string, bool)> { (top, $"{topName}（全部）", false) };
        var township = selected is { Length: >= 9 } ? selected[..9] : null;
        foreach (var t in await db.ChildRegionsAsync(top, ct))
        {
            options.Add((t.Code, t.Name, false));
            if (t.Code != township) continue;
            options.AddRange((await db.ChildRegionsAsync(t.Code, ct)).Select(v => (v.Code, v.Name, true)));
        }
        RegionOptions = options;
        RegionName = options.FirstOrDefault(o => o.Item1 == selected).Item2;
    }

    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.Ordinal))?.Message;

    /// <summary>This search with some parameters changed (sorting resets to page 1).</summary>
    public string Link(HouseholdSort? sort = null, bool? desc = null, int? page = null)
    {
        var q = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = Query.Name,
            ["idNumber"] = Query.IdNumber,
            ["number"] = Query.Number,
            ["region"] = Query.Region,
            ["attribute"] = Query.Attribute?.ToString(),
            ["status"] = Query.Status?.ToString(),
            ["mainCause"] = Query.MainCause?.ToString(),
            ["poor"] = PoorOnly ? "true" : null,
            ["exitYear"] = ExitYear?.ToString(CultureInfo.InvariantCulture),
            ["plannedExitYear"] = PlannedExitYear?.ToString(CultureInfo.InvariantCulture),
            ["sort"] = (sort ?? Query.Sort)?.ToString(),
            ["desc"] = (desc ?? Query.Desc) == true ? "true" : null,
            ["page"] = (page ?? (sort is null ? Query.Page : null))?.ToString(CultureInfo.InvariantCulture),
            ["pageSize"] = Query.PageSize?.ToString(CultureInfo.InvariantCulture),
        };
        var url = QueryHelpers.AddQueryString("/households", q.Where(p => !string.IsNullOrWhiteSpace(p.Value)));
        return url;
    }

    public HouseholdSort CurrentSort => Query.Sort ?? HouseholdSort.Number;
    public bool Descending => Query.Desc == true;

    /// <summary>The link of a sortable column header: ascending first, then flips.</summary>
    public string SortLink(HouseholdSort column) => Link(column, CurrentSort == column && !Descending);

    public string AriaSort(HouseholdSort column) => CurrentSort != column ? "none" : Descending ? "descending" : "ascending";
}
