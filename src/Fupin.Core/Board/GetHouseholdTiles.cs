using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

public sealed record GetHouseholdTilesRequest(string VillageCode);

/// <summary>
/// One household on the village's board (户情图): its attribute and status, and the guarantees of 两不愁三保障 (with
/// drinking water) the household test of the business year finds 不达标. No personal data but the head's name.
/// </summary>
/// <param name="Unmet">Guarantees 不达标, in the test's order; empty when all are met or not yet verified.</param>
public sealed record HouseholdTile(long Id, string Number, string? Head, HouseholdAttribute Attribute, string AttributeLabel,
    PovertyStatus Status, string StatusLabel, bool IsPoor, int Members, IReadOnlyList<Indicator> Unmet, IReadOnlyList<string> UnmetLabels);

public sealed record AttributeCount(HouseholdAttribute Attribute, string Label, int Households, int Poor);

/// <param name="Assessed">False when the business year has no poverty line: the tiles then carry no guarantee flags.</param>
/// <param name="WithUnmet">Households with at least one guarantee 不达标.</param>
public sealed record HouseholdTiles(string VillageCode, string VillageName, DateOnly AsOf, int Year, bool Assessed,
    IReadOnlyList<HouseholdTile> Tiles, IReadOnlyList<AttributeCount> Counts, int WithUnmet)
{
    public static string ShortLabel(HouseholdAttribute a) => a switch
    {
        HouseholdAttribute.Tekun => "特困",
        HouseholdAttribute.Dibao => "低保",
        _ => "一般",
    };
}

/// <summary>
/// A village's registered households as tiles coloured by attribute (特困, 低保, 一般) and marked for unmet guarantees.
/// The list and the counts come from the database (counts by GROUP BY); the guarantees from <see cref="AssessHouseholds"/>
/// over the village for the business year, the same test the assessment pages show, so both always agree.
/// </summary>
public sealed class GetHouseholdTiles(AppDbContext db, TimeProvider clock)
{
    /// <summary>The guarantees a tile is marked for: 两不愁 (吃穿), 三保障 (教育, 医疗, 住房) and 饮水安全; income is not a guarantee.</summary>
    public static readonly Indicator[] Guarantees = [Indicator.FoodAndClothing, Indicator.Education, Indicator.Medical, Indicator.Housing, Indicator.Water];

    public async Task<Result<HouseholdTiles>> HandleAsync(GetHouseholdTilesRequest request, CancellationToken ct)
    {
        var village = request.VillageCode.Trim();
        var name = village.Length == 12 && db.Scope.Covers(village)
            ? await db.Regions.AsNoTracking().Where(r => r.Code == village && r.Level == RegionLevel.Village).Select(r => r.Name).FirstOrDefaultAsync(ct)
            : null;
        if (name is null) return Result.NotFound("未找到该村或不在您的管辖范围内");

        var households = db.Households.AsNoTracking().InCounty(Distribution.CountyOf(village)).Where(h => h.VillageCode == village);
        var rows = await households.OrderBy(h => h.Number)
            .Select(h => new
            {
                h.Id, h.Number, h.Attribute, h.Status,
                Head = h.Members.Where(m => m.CountyCode == h.CountyCode && m.Relation == "户主").Select(m => m.Name).FirstOrDefault(),
                Members = h.Members.Count(m => m.CountyCode == h.CountyCode),
            })
            .ToListAsync(ct);
        var poorStatuses = new[] { PovertyStatus.NotExited, PovertyStatus.Relapsed };
        var counts = await households.GroupBy(h => h.Attribute)
            .Select(g => new { g.Key, Households = g.Count(), Poor = g.Count(h => poorStatuses.Contains(h.Status)) })
            .ToListAsync(ct);

        var today = clock.Today();
        var year = today.Year;
        var unmet = new Dictionary<long, Indicator[]>();
        var assessed = false;
        var asOf = HouseholdVisits.DefaultAsOf(year, today);
        if (rows.Count > 0)
        {
            var report = await new AssessHouseholds(db, clock).HandleAsync(new AssessHouseholdsRequest(village, year, AllHouseholds: true, PageSize: 500), null, ct);
            if (report.IsOk)
            {
                assessed = true;
                asOf = report.Value.AsOf;
                foreach (var h in report.Value.Households)
                    unmet[h.HouseholdId] = [.. Guarantees.Where(g => h.Test[g].State == IndicatorState.NotMet)];
            }
        }

        var tiles = rows.Select(r =>
        {
            var flags = unmet.GetValueOrDefault(r.Id) ?? [];
            return new HouseholdTile(r.Id, r.Number, r.Head, r.Attribute, HouseholdTiles.ShortLabel(r.Attribute), r.Status, CodeCatalog.Label(r.Status),
                r.Status is PovertyStatus.NotExited or PovertyStatus.Relapsed, r.Members, flags, [.. flags.Select(HouseholdTest.Label)]);
        }).ToList();
        var byAttribute = new[] { HouseholdAttribute.Tekun, HouseholdAttribute.Dibao, HouseholdAttribute.General }
            .Select(a => counts.FirstOrDefault(c => c.Key == a) is { } c
                ? new AttributeCount(a, HouseholdTiles.ShortLabel(a), c.Households, c.Poor)
                : new AttributeCount(a, HouseholdTiles.ShortLabel(a), 0, 0))
            .ToList();
        return new HouseholdTiles(village, name, asOf, year, assessed, tiles, byAttribute, tiles.Count(t => t.Unmet.Count > 0));
    }
}
