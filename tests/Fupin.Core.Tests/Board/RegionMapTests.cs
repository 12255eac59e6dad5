using System.Text;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Board;

/// <summary>
/// Boundaries of 南召县 (411321) as an administrator uploads them: 石门乡 411321304 and 城关镇 411321100 as small
/// rectangles, and the village 石门村 411321304201. A refused file leaves the stored map (or its absence) exactly as it was.
/// </summary>
public class RegionMapTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    const string County = RegistryBuilder.County;
    const string Shimen = RegistryBuilder.Township;
    const string Chengguan = "411321100";

    /// <summary>A closed rectangle ring of 5 positions, 0.1° wide, at (lon, lat).</summary>
    static double[][] Ring(double lon, double lat) =>
        [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]];

    static Dictionary<string, object?> Feature(object? properties, object? geometry) =>
        new() { ["type"] = "Feature", ["properties"] = properties, ["geometry"] = geometry };

    static Dictionary<string, object?> Polygon(double[][] ring) => new() { ["type"] = "Polygon", ["coordinates"] = new[] { ring } };

    static Dictionary<string, object?> Township(object code, double lon = 112.4, double lat = 33.4, string property = "code") =>
        Feature(new Dictionary<string, object?> { [property] = code }, Polygon(Ring(lon, lat)));

    static byte[] Collection(params object[] features) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["type"] = "FeatureCollection", ["features"] = features });

    async Task<Result<RegionMapSaved>> UploadAsync(byte[] content, MapLevel level = MapLevel.Township, Role role = Role.CountyAdmin, string name = "乡镇.geojson")
    {
        await using var db = _db.NewContext();
        return await new UploadRegionMap(db, _db.Clock).HandleAsync(new UploadRegionMapRequest(County, level, new UploadedFile(name, content), "admin", role), default);
    }

    async Task<RegionMap?> StoredAsync(MapLevel level = MapLevel.Township)
    {
        await using var db = _db.NewContext();
        return await db.RegionMaps.AsNoTracking().SingleOrDefaultAsync(m => m.CountyCode == County && m.Level == level);
    }

    async Task AssertRefusedAsync(byte[] content, string code, MapLevel level = MapLevel.Township, string? field = null)
    {
        var before = await StoredAsync(level);
        var result = await UploadAsync(content, level);
        Assert.False(result.IsOk);
        Assert.Equal(FailureKind.Invalid, result.Failure!.Kind);
        Assert.Contains(result.Failure.Errors, e => e.Code == code && (field is null || e.Field == field));
        Assert.All(result.Failure.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        var after = await StoredAsync(level);
        Assert.Equal(before?.Sha256, after?.Sha256);
        Assert.Equal(before?.GeoJson, after?.GeoJson);
        await using var db = _db.NewContext();
        Assert.Equal(before is null ? 0 : 1, await db.Changes.CountAsync(c => c.Entity == UploadRegionMap.Entity));
    }

    [Fact]
    public async Task Upload_ValidFile_StoredWithCodeAndNameFromTheRegionTable_OtherPropertiesDropped_Audited()
    {
        var shimen = Feature(new Dictionary<string, object?> { ["adcode"] = 411321304, ["name"] = "错名", ["人口"] = 12000 }, Polygon(Ring(112.4, 33.4)));
        var chengguan = Feature(new Dictionary<string, object?> { ["区划代码"] = "411321100000" }, new Dictionary<string, object?>
        {
            ["type"] = "MultiPolygon", ["coordinates"] = new[] { new[] { Ring(112.5, 33.5) }, new[] { Ring(112.7, 33.5) } },
        });
        var file = Collection(shimen, chengguan);

        var result = await UploadAsync(file);

        Assert.True(result.IsOk, string.Join("; ", result.Failure?.Errors.Select(e => e.Message) ?? []));
        Assert.Equal(2, result.Value!.FeatureCount);
        await using (var regions = _db.NewContext())
        {
            var townships = await regions.Regions.CountAsync(r => r.Level == RegionLevel.Township && r.ParentCode == County);
            Assert.Equal(townships - 2, result.Value.Missing.Count);
        }
        Assert.DoesNotContain(Shimen, result.Value.Missing);
        var stored = (await StoredAsync())!;
        Assert.Equal(("乡镇.geojson", 2, "admin"), (stored.FileName, stored.FeatureCount, stored.UploadedBy));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)), stored.Sha256);
        using var json = JsonDocument.Parse(stored.GeoJson);
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        Assert.Equal([(Shimen, "石门乡"), (Chengguan, "城关镇")],
            features.Select(f => (f.GetProperty("properties").GetProperty("code").GetString(), f.GetProperty("properties").GetProperty("name").GetString())));
        Assert.Equal(["code", "name"], features[0].GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("MultiPolygon", features[1].GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(112.8, features[1].GetProperty("geometry").GetProperty("coordinates")[1][0][1][0].GetDouble(), 6);
        await using var db = _db.NewContext();
        var log = await db.Changes.SingleAsync(c => c.Entity == UploadRegionMap.Entity);
        Assert.Equal((UploadRegionMap.Uploaded, stored.Id, "admin"), (log.Action, log.EntityId, log.User));
    }

    [Fact]
    public async Task Upload_SecondFile_ReplacesTheMapOfThatLevel_KeepsOneRow()
    {
        Assert.True((await UploadAsync(Collection(Township(Shimen), Township(Chengguan, 112.6)))).IsOk);
        var first = (await StoredAsync())!;

        var second = await UploadAsync(Collection(Township(Shimen, 112.0, 33.0)), name: "新.geojson");

        Assert.True(second.IsOk);
        var stored = (await StoredAsync())!;
        Assert.Equal(first.Id, stored.Id);
        Assert.Equal(("新.geojson", 1), (stored.FileName, stored.FeatureCount));
        Assert.Contains("112", stored.GeoJson, StringComparison.Ordinal);
        await using var db = _db.NewContext();
        Assert.Equal(1, await db.RegionMaps.CountAsync());
        Assert.Equal(2, await db.Changes.CountAsync(c => c.Entity == UploadRegionMap.Entity && c.Action == UploadRegionMap.Uploaded));
    }

    [Fact]
    public async Task Upload_VillageLevel_AcceptsVillageCodes_RefusesATownshipCode()
    {
        var ok = await UploadAsync(Collection(Township(RegistryBuilder.Village)), MapLevel.Village);
        Assert.True(ok.IsOk);
        Assert.Equal(MapLevel.Village, ok.Value!.Level);
        await AssertRefusedAsync(Collection(Township(Shimen)), GeoJsonCheck.WrongLevel, MapLevel.Village, "features[0]");
    }

    [Fact]
    public async Task Upload_NotJson_Refused() => await AssertRefusedAsync(Encoding.UTF8.GetBytes("{\"type\": \"FeatureCollection\", \"features\": [ 石门"), GeoJsonCheck.NotJson, field: "File");

    [Fact]
    public async Task Upload_EmptyFile_Refused() => await AssertRefusedAsync([], GeoJsonCheck.Empty);

    [Fact]
    public async Task Upload_NotAFeatureCollection_Refused() =>
        await AssertRefusedAsync(JsonSerializer.SerializeToUtf8Bytes(Township(Shimen)), GeoJsonCheck.NotFeatureCollection);

    [Fact]
    public async Task Upload_NoFeatures_Refused() => await AssertRefusedAsync(Collection(), GeoJsonCheck.NoFeatures);

    [Fact]
    public async Task Upload_PointGeometry_RefusedWithTheFeatureIndex()
    {
        var point = Feature(new { code = Chengguan }, new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new[] { 112.4, 33.4 } });
        await AssertRefusedAsync(Collection(Township(Shimen), point), GeoJsonCheck.GeometryType, field: "features[1]");
    }

    [Fact]
    public async Task Upload_UnclosedRing_Refused()
    {
        var ring = Ring(112.4, 33.4)[..4].Append([112.41, 33.4]).ToArray();
        await AssertRefusedAsync(Collection(Feature(new { code = Shimen }, Polygon(ring))), GeoJsonCheck.RingNotClosed, field: "features[0]");
    }

    [Fact]
    public async Task Upload_RingOfThreePositions_Refused() =>
        await AssertRefusedAsync(Collection(Feature(new { code = Shimen }, Polygon([[112.4, 33.4], [112.5, 33.4], [112.4, 33.4]]))), GeoJsonCheck.RingTooShort);

    [Fact]
    public async Task Upload_ProjectedCoordinatesOutOfRange_Refused() =>
        await AssertRefusedAsync(Collection(Township(Shimen, 12_500_000, 3_950_000)), GeoJsonCheck.OutOfRange, field: "features[0]");

    [Fact]
    public async Task Upload_TextCoordinates_Refused()
    {
        var geometry = new Dictionary<string, object?> { ["type"] = "Polygon", ["coordinates"] = new[] { new[] { new[] { "112.4", "33.4" } } } };
        await AssertRefusedAsync(Collection(Feature(new { code = Shimen }, geometry)), GeoJsonCheck.Coordinates);
    }

    [Fact]
    public async Task Upload_CodeOfAnotherCounty_Refused() =>
        await AssertRefusedAsync(Collection(Township(Shimen), Township("411323100")), GeoJsonCheck.OutsideCounty, field: "features[1]");

    [Fact]
    public async Task Upload_CodeNotInTheRegionTable_Refused() =>
        await AssertRefusedAsync(Collection(Township("411321999")), GeoJsonCheck.CodeUnknown, field: "features[0]");

    [Fact]
    public async Task Upload_VillageCodeInATownshipMap_RefusedAsWrongLevel() =>
        await AssertRefusedAsync(Collection(Township(RegistryBuilder.Village)), GeoJsonCheck.WrongLevel, field: "features[0]");

    [Fact]
    public async Task Upload_FeatureWithoutCode_Refused() =>
        await AssertRefusedAsync(Collection(Feature(new { name = "石门乡" }, Polygon(Ring(112.4, 33.4)))), GeoJsonCheck.CodeMissing);

    [Fact]
    public async Task Upload_DuplicateCode_RefusedNamingBothFeatures()
    {
        var result = await UploadAsync(Collection(Township(Shimen), Township(Chengguan, 112.6), Township(Shimen, 112.8, property: "adcode")));
        var error = Assert.Single(result.Failure!.Errors);
        Assert.Equal((GeoJsonCheck.DuplicateCode, "features[2]"), (error.Code, error.Field));
        Assert.Contains("第3个要素", error.Message, StringComparison.Ordinal);
        Assert.Contains("第1个要素", error.Message, StringComparison.Ordinal);
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task Upload_TooLarge_Refused()
    {
        var big = new byte[GeoJsonCheck.MaxBytes + 1];
        Array.Fill(big, (byte)' ');
        await AssertRefusedAsync(big, GeoJsonCheck.TooLarge);
    }

    [Fact]
    public async Task Upload_BrokenFileOverAStoredMap_LeavesTheStoredMapUnchanged()
    {
        Assert.True((await UploadAsync(Collection(Township(Shimen)))).IsOk);
        await AssertRefusedAsync(Collection(Township(Shimen), Township("411321999")), GeoJsonCheck.CodeUnknown);
        Assert.Equal(1, (await StoredAsync())!.FeatureCount);
    }

    [Fact]
    public async Task Upload_ManyProblems_ListsEachWithItsIndex_SortedByFeature()
    {
        var point = Feature(new { code = Chengguan }, new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new[] { 112.4, 33.4 } });
        var result = await UploadAsync(Collection(Township("411321999"), point, Township(Shimen)));
        Assert.Equal([("features[0]", GeoJsonCheck.CodeUnknown), ("features[1]", GeoJsonCheck.GeometryType)], result.Failure!.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public async Task Upload_ByATownshipOfficer_NotAllowed()
    {
        var result = await UploadAsync(Collection(Township(Shimen)), role: Role.TownshipOfficer);
        Assert.Equal(BoardRoles.NotAllowedCode, Assert.Single(result.Failure!.Errors).Code);
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task GetAndDelete_TownshipPartOfAVillageMap_ThenNothingLeft()
    {
        await RegistryBuilder.EnsureVillageAsync(_db, "411321100201", "城关村");
        Assert.True((await UploadAsync(Collection(Township(RegistryBuilder.Village), Township("411321100201", 112.6)), MapLevel.Village)).IsOk);
        await using (var db = _db.NewContext())
        {
            var part = await new GetRegionMap(db).HandleAsync(new GetRegionMapRequest(Shimen, MapLevel.Village), default);
            Assert.Equal(1, part.Value!.FeatureCount);
            Assert.Contains(RegistryBuilder.Village, part.Value.GeoJson, StringComparison.Ordinal);
            Assert.DoesNotContain("411321100201", part.Value.GeoJson, StringComparison.Ordinal);
            Assert.True(await GetRegionMap.HasFeaturesUnderAsync(db, Shimen, MapLevel.Village, default));
            Assert.False(await GetRegionMap.HasFeaturesUnderAsync(db, "411321305", MapLevel.Village, default));
            Assert.False(await GetRegionMap.HasFeaturesUnderAsync(db, County, MapLevel.Township, default));
            Assert.Equal(FailureKind.NotFound, (await new GetRegionMap(db).HandleAsync(new GetRegionMapRequest("411321305", MapLevel.Village), default)).Failure!.Kind);
        }
        await using (var scoped = _db.NewContext(AccessScope.For(7, Role.TownshipOfficer, ["411321100"])))
            Assert.Equal(FailureKind.NotFound, (await new GetRegionMap(scoped).HandleAsync(new GetRegionMapRequest(Shimen, MapLevel.Village), default)).Failure!.Kind);

        await using (var db = _db.NewContext())
        {
            var deleted = await new DeleteRegionMap(db).HandleAsync(new DeleteRegionMapRequest(County, MapLevel.Village, "admin", Role.CountyAdmin), default);
            Assert.True(deleted.IsOk);
        }
        Assert.Null(await StoredAsync(MapLevel.Village));
        await using var check = _db.NewContext();
        Assert.Equal(1, await check.Changes.CountAsync(c => c.Entity == UploadRegionMap.Entity && c.Action == UploadRegionMap.Deleted));
        Assert.Equal(FailureKind.NotFound,
            (await new DeleteRegionMap(check).HandleAsync(new DeleteRegionMapRequest(County, MapLevel.Village, "admin", Role.CountyAdmin), default)).Failure!.Kind);
    }
}
