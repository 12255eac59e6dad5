using System.Security.Cryptography;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Board;

/// <param name="CountyCode">The county whose boundaries these are (6 digits).</param>
public sealed record UploadRegionMapRequest(string CountyCode, MapLevel Level, UploadedFile File, string User, Role Role);

/// <param name="Missing">Regions of the level in the county that the file has no boundary for (they stay uncoloured), by code.</param>
public sealed record RegionMapSaved(long Id, string CountyCode, MapLevel Level, string FileName, int FeatureCount, string Sha256,
    string UploadedBy, DateTimeOffset UploadedAt, IReadOnlyList<string> Missing);

/// <summary>
/// Stores a county's township or village boundaries (GeoJSON) for the board's map, replacing the map of that level.
/// The file must pass <see cref="GeoJsonCheck"/> and every feature's code must be a region of that level in the county;
/// otherwise every problem is reported and nothing changes. Stored normalised: each feature keeps its geometry and gets
/// <c>properties</c> = { code, name } from the region table (other properties are dropped). Audited.
/// </summary>
public sealed class UploadRegionMap(AppDbContext db, TimeProvider clock)
{
    public const string Entity = "RegionMap";
    public const string Uploaded = "上传地图";
    public const string Deleted = "删除地图";

    public async Task<Result<RegionMapSaved>> HandleAsync(UploadRegionMapRequest request, CancellationToken ct)
    {
        if (!BoardRoles.CanUploadMap(request.Role))
            return Result.Invalid([new FieldError(GeoJsonCheck.FileField, BoardRoles.NotAllowedCode, "只有县级管理员可以上传地图")]);
        if (!Enum.IsDefined(request.Level))
            return Result.Invalid([new FieldError("Level", GeoJsonCheck.LevelInvalid, "请选择边界级别：乡镇或村")]);
        var county = request.CountyCode.Trim();
        if (await RegionMaps.CountyNameAsync(db, county, ct) is null) return Result.NotFound("未找到该县或不在您的管辖范围内");

        var errors = new List<FieldError>();
        var features = GeoJsonCheck.Check(request.File.Content, request.Level, county, errors, out var document);
        using (document)
        {
            if (features is null) return Result.Invalid(errors);
            var regions = await RegionMaps.RegionsOfAsync(db, county, request.Level, ct);
            foreach (var f in features.ToList())
            {
                if (regions.ContainsKey(f.Code)) continue;
                errors.Add(new FieldError(GeoJsonCheck.Field(f.Index), GeoJsonCheck.CodeUnknown,
                    $"第{f.Index + 1}个要素的区划代码{f.Code}不是本县的{GeoJsonCheck.LevelLabel(request.Level)}（区划表中没有）"));
            }
            if (errors.Count > 0) return Result.Invalid(GeoJsonCheck.Trim([.. errors.OrderBy(e => GeoJsonCheck.IndexOf(e.Field))]));

            var geoJson = Normalise(features, regions);
            var user = ProjectText.Clip(request.User, 64);
            db.Audit.User = user;
            var map = await db.RegionMaps.FirstOrDefaultAsync(m => m.CountyCode == county && m.Level == request.Level, ct);
            if (map is null)
            {
                map = new RegionMap { CountyCode = county, Level = request.Level, FileName = "", Sha256 = "", GeoJson = "", UploadedBy = user };
                db.RegionMaps.Add(map);
            }
            map.FileName = FileName(request.File.FileName);
            map.Sha256 = Convert.ToHexStringLower(SHA256.HashData(request.File.Content));
            map.FeatureCount = features.Count;
            map.GeoJson = geoJson;
            map.UploadedBy = user;
            map.UploadedAt = clock.GetUtcNow();

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another upload of the same county and level committed first (unique index): nothing of this one is kept.
                return Result.Conflict("另一位用户刚刚上传了该级地图，请刷新后重试");
            }
            AccountLog.Add(db, user, Entity, map.Id, Uploaded, field: GeoJsonCheck.LevelLabel(request.Level), newValue: map.FileName,
                reason: $"{GeoJsonCheck.LevelLabel(request.Level)}边界 {features.Count} 个要素，SHA-256 {map.Sha256}", countyCode: map.CountyCode);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            var present = features.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
            var missing = regions.Keys.Where(c => !present.Contains(c)).Order(StringComparer.Ordinal).ToList();
            return new RegionMapSaved(map.Id, county, map.Level, map.FileName, map.FeatureCount, map.Sha256, map.UploadedBy, map.UploadedAt, missing);
        }
    }

    static string FileName(string? name)
    {
        var clean = Path.GetFileName((name ?? "").Replace('\\', '/')).Trim();
        if (clean.Length == 0) clean = "边界.geojson";
        return clean.Length <= 200 ? clean : clean[..200];
    }

    /// <summary>The features as a compact FeatureCollection, each with properties {code, name} and its geometry unchanged.</summary>
    static string Normalise(List<MapFeature> features, Dictionary<string, string> names)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var f in features)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteStartObject("properties");
                w.WriteString("code", f.Code);
                w.WriteString("name", names[f.Code]);
                w.WriteEndObject();
                w.WritePropertyName("geometry");
                f.Geometry.WriteTo(w);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>Region-table look-ups shared by the map use cases.</summary>
public static class RegionMaps
{
    public static RegionLevel RegionLevelOf(MapLevel level) => level == MapLevel.Village ? RegionLevel.Village : RegionLevel.Township;

    /// <summary>The county's name when the code is a county the user's scope covers, else null.</summary>
    public static async Task<string?> CountyNameAsync(AppDbContext db, string county, CancellationToken ct)
    {
        if (county.Length != 6 || !county.All(char.IsAsciiDigit) || !db.Scope.Covers(county)) return null;
        return await db.Regions.AsNoTracking().Where(r => r.Code == county && r.Level == RegionLevel.County).Select(r => r.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The county's regions of the level, code → name.</summary>
    public static async Task<Dictionary<string, string>> RegionsOfAsync(AppDbContext db, string county, MapLevel level, CancellationToken ct)
    {
        var regionLevel = RegionLevelOf(level);
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        return await db.Regions.AsNoTracking().Where(r => r.Level == regionLevel && r.Code.StartsWith(county))
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
#pragma warning restore CA1310
    }
}
