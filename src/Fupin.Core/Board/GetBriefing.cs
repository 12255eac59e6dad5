using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <summary>A figure of a briefing with the value of the previous briefing of the region and the change (null when either is missing).</summary>
public sealed record BriefingFigureRow(string Key, string Section, string Label, decimal? Value, string Unit, decimal? Previous, decimal? Change);

public sealed record BriefingRef(long Id, string Title, DateOnly PeriodTo, DateTimeOffset CreatedAt);

public sealed record BriefingView(long Id, string RegionCode, string RegionName, string Title, DateOnly PeriodFrom, DateOnly PeriodTo, string? Summary,
    string CreatedBy, DateTimeOffset CreatedAt, IReadOnlyList<BriefingFigureRow> Figures, IReadOnlyList<LateItem> LateItems, BriefingRef? Previous);

/// <summary>
/// A briefing as issued: its frozen figures, each with the change since the previous briefing of the same region (the
/// latest one issued before it), and its late items with their owners. Briefings outside the user's regions do not exist.
/// </summary>
public sealed class GetBriefing(AppDbContext db)
{
    public async Task<Result<BriefingView>> HandleAsync(long id, CancellationToken ct)
    {
        var b = await db.Briefings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (b is null) return Result.NotFound("简报不存在");
        var previous = await db.Briefings.AsNoTracking()
            .Where(x => x.RegionCode == b.RegionCode && (x.CreatedAt < b.CreatedAt || x.CreatedAt == b.CreatedAt && x.Id < b.Id))
            .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.Id)
            .Select(x => new { x.Id, x.Title, x.PeriodTo, x.CreatedAt, x.FiguresJson }).FirstOrDefaultAsync(ct);
        var figures = Figures(b.FiguresJson);
        var before = previous is null ? [] : Figures(previous.FiguresJson).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var rows = figures.Select(f =>
        {
            var prev = before.GetValueOrDefault(f.Key);
            return new BriefingFigureRow(f.Key, f.Section, f.Label, f.Value, f.Unit, prev, f.Value is { } v && prev is { } p ? v - p : null);
        }).ToList();
        var late = JsonSerializer.Deserialize<List<LateItem>>(b.LateItemsJson, IssueBriefing.Json) ?? [];
        var regionName = await db.Regions.IgnoreQueryFilters().Where(r => r.Code == b.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? b.RegionCode;
        return new BriefingView(b.Id, b.RegionCode, regionName, b.Title, b.PeriodFrom, b.PeriodTo, b.Summary, b.CreatedBy, b.CreatedAt, rows, late,
            previous is null ? null : new BriefingRef(previous.Id, previous.Title, previous.PeriodTo, previous.CreatedAt));
    }

    static List<BriefingFigure> Figures(string json) => JsonSerializer.Deserialize<List<BriefingFigure>>(json, IssueBriefing.Json) ?? [];
}
