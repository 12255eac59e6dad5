using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <param name="RegionCode">A county (its whole map) or a township (only the features under it, e.g. its villages).</param>
public sealed record GetRegionMapRequest(string RegionCode, MapLevel Level);

/// <param name="GeoJson">The stored FeatureCollection (or the part of it under a township), each feature with properties {code, name}.</param>
public sealed record RegionMapFile(string RegionCode, MapLevel Level, int FeatureCount, string FileName, string UploadedBy, DateTimeOffset UploadedAt, string GeoJson);

/// <summary>
/// The stored boundaries of one level for a county, or the part of them under a township; not found when none are
/// stored, when none lie under the region, or when the region is outside the user's regions.
/// </summary>
public sealed class GetRegionMap(AppDbContext db)
{
    public async Task<Result<RegionMapFile>> HandleAsync(GetRegionMapRequest request, CancellationToken ct)
    {
        var region = request.RegionCode.Trim();
        if (region.Length is not (6 or 9) || !region.All(char.IsAsciiDigit) || !Enum.IsDefined(request.Level) || !db.Scope.Covers(region))
            return Result.NotFound("未找到该区域的地图");
        var county = region[..6];
        var map = await db.RegionMaps.AsNoTracking().Where(m => m.CountyCode == county && m.Level == request.Level)
            .Select(m => new { m.FeatureCount, m.FileName, m.UploadedBy, m.UploadedAt, m.GeoJson }).FirstOrDefaultAsync(ct);
        if (map is null) return Result.NotFound($"本县没有已上传的{GeoJsonCheck.LevelLabel(request.Level)}边界");
        if (region.Length == 6) return new RegionMapFile(region, request.Level, map.FeatureCount, map.FileName, map.UploadedBy, map.UploadedAt, map.GeoJson);
        var (part, count) = Under(map.GeoJson, region);
        if (count == 0) return Result.NotFound("该区域没有已上传的边界");
        return new RegionMapFile(region, request.Level, count, map.FileName, map.UploadedBy, map.UploadedAt, part);
    }

    /// <summary>The features whose code starts with the region's, as a FeatureCollection.</summary>
    static (string GeoJson, int Count) Under(string geoJson, string region)
    {
        using var doc = JsonDocument.Parse(geoJson);
        using var buffer = new MemoryStream();
        var count = 0;
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var f in doc.RootElement.GetProperty("features").EnumerateArray())
            {
                var code = f.GetProperty("properties").GetProperty("code").GetString() ?? "";
                if (!code.StartsWith(region, StringComparison.Ordinal)) continue;
                f.WriteTo(w);
                count++;
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), count);
    }

    /// <summary>
    /// Whether a stored map of the level has features under the region (a county: any map at all), so the board's map
    /// section knows before it asks. Looks for the normalised <c>"code":"…</c> text the upload writes, in the database.
    /// </summary>
    public static Task<bool> HasFeaturesUnderAsync(AppDbContext db, string regionCode, MapLevel level, CancellationToken ct)
    {
        if (regionCode.Length < 6) return Task.FromResult(false);
        var county = regionCode[..6];
        var maps = db.RegionMaps.AsNoTracking().Where(m => m.CountyCode == county && m.Level == level);
        if (regionCode.Length == 6) return maps.AnyAsync(ct);
        var marker = "\"code\":\"" + regionCode;
#pragma warning disable CA1307 // translated to SQL (instr / strpos), an ordinal comparison
        return maps.AnyAsync(m => m.GeoJson.Contains(marker), ct);
#pragma warning restore CA1307
    }
}

/// <summary>A stored map as the upload page lists it (without its geometry).</summary>
public sealed record RegionMapInfo(long Id, MapLevel Level, string FileName, int FeatureCount, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <param name="Regions">Regions of each level in the county (what a complete map would have).</param>
public sealed record RegionMapList(string CountyCode, string CountyName, IReadOnlyList<RegionMapInfo> Maps, IReadOnlyDictionary<MapLevel, int> Regions);

/// <summary>The county's stored maps, one per level at most, for the upload page.</summary>
public sealed class ListRegionMaps(AppDbContext db)
{
    public async Task<Result<RegionMapList>> HandleAsync(string countyCode, CancellationToken ct)
    {
        var county = countyCode.Trim();
        if (await RegionMaps.CountyNameAsync(db, county, ct) is not { } name) return Result.NotFound("未找到该县或不在您的管辖范围内");
        var maps = await db.RegionMaps.AsNoTracking().Where(m => m.CountyCode == county).OrderBy(m => m.Level)
            .Select(m => new RegionMapInfo(m.Id, m.Level, m.FileName, m.FeatureCount, m.Sha256, m.UploadedBy, m.UploadedAt)).ToListAsync(ct);
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var counts = await db.Regions.AsNoTracking().Where(r => r.Code.StartsWith(county) && (r.Level == Fupin.Registry.RegionLevel.Township || r.Level == Fupin.Registry.RegionLevel.Village))
            .GroupBy(r => r.Level).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
#pragma warning restore CA1310
        var regions = Enum.GetValues<MapLevel>().ToDictionary(l => l, l => counts.FirstOrDefault(c => c.Key == RegionMaps.RegionLevelOf(l))?.Count ?? 0);
        return new RegionMapList(county, name, maps, regions);
    }
}
