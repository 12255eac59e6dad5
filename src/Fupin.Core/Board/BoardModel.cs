using Fupin.Registry;

namespace Fupin.Board;

public sealed record GetBoardRequest(string RegionCode);

/// <summary>One month of a figure's trend: the value at the end of the month (or so far, for the current month).</summary>
public sealed record BoardPoint(string Month, decimal? Value);

/// <summary>
/// One number on the board. <see cref="Link"/> leads to the list behind it and <see cref="Measure"/> names the total of
/// that list the number equals (the list page carries it as <c>data-total-{Measure}</c>); a rate has no measure.
/// </summary>
/// <param name="Key">Stable machine key (e.g. <c>poor_households</c>); also the map's indicator key.</param>
/// <param name="Section">The board section it belongs to (e.g. 建档立卡, 督查整改).</param>
/// <param name="Tone">ok, warn, bad or null, for the tile's colour.</param>
public sealed record BoardFigure(string Key, string Section, string Label, decimal? Value, string Unit, string? Link, string? Measure,
    IReadOnlyList<BoardPoint> Trend, string? Note = null, string? Tone = null);

/// <summary>A child region on the board with its indicators (by figure key), for the map and the tiles.</summary>
public sealed record BoardChild(string Code, string Name, RegionLevel Level, bool IsPoorVillage, IReadOnlyDictionary<string, decimal?> Indicators);

/// <summary>A region named on the board.</summary>
public sealed record BoardPlace(string Code, string Name);

/// <summary>A region's board as of the business date; <see cref="Stamp"/> is the data version it was computed at.</summary>
public sealed record BoardView(string RegionCode, string RegionName, RegionLevel Level, DateOnly AsOf, IReadOnlyList<BoardFigure> Figures,
    IReadOnlyList<BoardChild> Children, string Stamp)
{
    /// <summary>The regions above this one (county, township), for the page's breadcrumb.</summary>
    public IReadOnlyList<BoardPlace> Ancestors { get; init; } = [];

    public BoardFigure? Figure(string key) => Figures.FirstOrDefault(f => f.Key == key);
}
