using System.Globalization;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewEngines;

namespace Fupin.Web.Pages.Board;

/// <summary>作战图: a region's figures by section with their trends and links, the same numbers as a table, the child regions and the map.</summary>
[Authorize(Policy = BoardPolicies.SeeBoard)]
public sealed class IndexModel(BoardCache boards, AppDbContext db, AccessScope scope, ICompositeViewEngine views) : PageModel
{
    public BoardView Board { get; private set; } = null!;

    /// <summary>The ancestors of the region, the region last; only those the user may see are links.</summary>
    public IReadOnlyList<(string Code, string Name, bool Link)> Crumbs { get; private set; } = [];

    /// <summary>Whether the map partial (作战图·地图) is present in this build.</summary>
    public bool HasMap { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code)) code = await BoardApi.TopRegionAsync(db, scope, ct);
        if (code is null || !BoardApi.MaySee(scope, code)) return NotFound();
        var board = await boards.GetAsync(code, ct);
        if (board is null) return NotFound();
        Board = board;
        Crumbs = [.. board.Ancestors.Select(a => (a.Code, a.Name, scope.Covers(a.Code))), (code, board.RegionName, false)];
        HasMap = views.FindView(PageContext, "_Map", isMainPage: false).Success;
        return Page();
    }

    /// <summary>What the rendered board depends on: the region, the business date and the data stamp it was computed at.</summary>
    public string CacheKey => Board.RegionCode + "|" + Board.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + Board.Stamp;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The sections that have figures, in the board's order.</summary>
    public IEnumerable<(string Section, IReadOnlyList<BoardFigure> Figures)> Sections =>
        BoardSections.Order.Select(s => (Section: s, Figures: (IReadOnlyList<BoardFigure>)Board.Figures.Where(f => f.Section == s).ToList())).Where(x => x.Figures.Count > 0);

    public static string Value(BoardFigure f) => f.Value is not { } v ? "—"
        : f.Unit == "%" ? v.ToString("0.##", CultureInfo.InvariantCulture)
        : v.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Value(decimal? v, string key) => v is not { } x ? "—"
        : key.EndsWith("incidence", StringComparison.Ordinal) ? x.ToString("0.##", CultureInfo.InvariantCulture) + "%"
        : x.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The trend of a figure for its small chart: months, values, label and unit.</summary>
    public static string TrendJson(BoardFigure f) => JsonSerializer.Serialize(new
    {
        label = f.Label, unit = f.Unit,
        months = f.Trend.Select(p => p.Month[5..].TrimStart('0') + "月").ToArray(),
        values = f.Trend.Select(p => p.Value).ToArray(),
    }, Json);

    public static string ToneClass(BoardFigure f) => f.Tone is { } t ? "tone-" + t : "";

    /// <summary>The months any trend covers (they all cover January to the business month).</summary>
    public IReadOnlyList<string> TrendMonths => Board.Figures.FirstOrDefault(f => f.Trend.Count > 0)?.Trend.Select(p => p.Month).ToList() ?? [];

    public static readonly (string Key, string Label)[] ChildColumns =
    [
        ("households", "建档立卡户"), ("poor_households", "未脱贫户"), ("poor_persons", "未脱贫人口"), ("poverty_incidence", "贫困发生率"),
        ("exited_households", "本年脱贫户"), ("open_rectifications", "未销号整改"), ("overdue_rectifications", "逾期整改"),
    ];

    /// <summary>The child regions' poor households and incidence for the bar chart.</summary>
    public string ChildrenJson => JsonSerializer.Serialize(new
    {
        names = Board.Children.Select(c => c.Name).ToArray(),
        poor = Board.Children.Select(c => c.Indicators.GetValueOrDefault("poor_households")).ToArray(),
        exited = Board.Children.Select(c => c.Indicators.GetValueOrDefault("exited_households")).ToArray(),
        incidence = Board.Children.Select(c => c.Indicators.GetValueOrDefault("poverty_incidence")).ToArray(),
    }, Json);

    public string ChildWord => Board.Level == RegionLevel.County ? "乡镇" : "行政村";
}
