using System.Net;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Board;

public sealed class BoardMapApp : FupinApp
{
    public SignedInClient Shimen { get; private set; } = null!;
    public SignedInClient Chengguan { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        Shimen = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        Chengguan = await SignInAsync(await UserAsync(Role.TownshipOfficer, ["411321100"]));
    }
}

/// <summary>The map API of 南召县 as the county office, a 石门乡 officer and a 城关镇 officer use it.</summary>
public class BoardMapApiTests(BoardMapApp app) : IClassFixture<BoardMapApp>
{
    static string Rect(string code, double lon, double lat)
    {
        static string P(double x, double y) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{x:0.###},{y:0.###}]");
        var ring = string.Join(",", P(lon, lat), P(lon + 0.1, lat), P(lon + 0.1, lat + 0.1), P(lon, lat + 0.1), P(lon, lat));
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
    }

    static string Collection(params string[] features) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", features) + "]}";

    static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string level, string content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/geo+json");
        form.Add(file, "file", "边界.geojson");
        return await client.PostAsync($"/api/board/maps?level={level}", form);
    }

    static async Task<Dictionary<string, string[]>> CodesAsync(HttpResponseMessage response) => (await Api.ValidationAsync(response)).Codes;

    [Fact]
    public async Task Upload_AsCountyAdmin_Created_ThenTheMapIsServedNormalised_AndDeleted()
    {
        using var admin = app.Client();

        var created = await UploadAsync(admin, "village", Collection(Rect(RegistryBuilder.Village, 112.4, 33.4)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/board/411321/map?level=village", created.Headers.Location?.OriginalString);
        using (var saved = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
            Assert.Equal(1, saved.RootElement.GetProperty("featureCount").GetInt32());
        var map = await admin.GetAsync("/api/board/411321/map?level=village");
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        Assert.Equal("application/geo+json", map.Content.Headers.ContentType?.MediaType);
        using (var geo = JsonDocument.Parse(await map.Content.ReadAsStringAsync()))
        {
            var props = geo.RootElement.GetProperty("features")[0].GetProperty("properties");
            Assert.Equal((RegistryBuilder.Village, "石门村"), (props.GetProperty("code").GetString(), props.GetProperty("name").GetString()));
        }
        using (var shimen = app.ClientFor(app.Shimen))
            Assert.Equal(HttpStatusCode.OK, (await shimen.GetAsync($"/api/board/{RegistryBuilder.Township}/map?level=village")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/board/411321/map?level=village")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/board/411321/map?level=village")).StatusCode);
    }

    [Fact]
    public async Task Upload_AsTownshipOfficer_Forbidden()
    {
        using var shimen = app.ClientFor(app.Shimen);
        var response = await UploadAsync(shimen, "township", Collection(Rect(RegistryBuilder.Township, 112.4, 33.4)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await shimen.DeleteAsync("/api/board/411321/map?level=township")).StatusCode);
    }

    [Fact]
    public async Task Upload_BrokenFiles_400WithTheCodeOfEachProblem_NothingStored()
    {
        using var admin = app.Client();
        var point = """{"type":"Feature","properties":{"code":"411321100"},"geometry":{"type":"Point","coordinates":[112.4,33.4]}}""";

        var notJson = await UploadAsync(admin, "township", "石门乡 不是 JSON");
        var wrong = await UploadAsync(admin, "township", Collection(Rect("411321999", 112.4, 33.4), point));
        var noLevel = await UploadAsync(admin, "province", Collection(Rect(RegistryBuilder.Township, 112.4, 33.4)));

        Assert.Equal([GeoJsonCheck.NotJson], (await CodesAsync(notJson))["file"]);
        var codes = await CodesAsync(wrong);
        Assert.Equal([GeoJsonCheck.CodeUnknown], codes["features[0]"]);
        Assert.Equal([GeoJsonCheck.GeometryType], codes["features[1]"]);
        Assert.Equal([GeoJsonCheck.LevelInvalid], (await CodesAsync(noLevel))["level"]);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/board/411321/map?level=township")).StatusCode);
    }

    [Fact]
    public async Task Map_OutsideTheUsersRegions_NotFound()
    {
        using var admin = app.Client();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, "township", Collection(Rect(RegistryBuilder.Township, 112.4, 33.4)))).StatusCode);
        try
        {
            using var chengguan = app.ClientFor(app.Chengguan);
            Assert.Equal(HttpStatusCode.NotFound, (await chengguan.GetAsync("/api/board/411321/map?level=township")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await chengguan.GetAsync($"/api/board/{RegistryBuilder.Township}/map?level=township")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/board/411321/map?level=township")).StatusCode);
        }
        finally
        {
            await admin.DeleteAsync("/api/board/411321/map?level=township");
        }
    }

    [Fact]
    public async Task HouseholdTiles_OfAVillage_ForItsTownship_NotForAnother()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "户情户", h => h.Attribute = Fupin.Registry.HouseholdAttribute.Dibao);
        using var shimen = app.ClientFor(app.Shimen);
        var response = await shimen.GetAsync($"/api/board/{RegistryBuilder.Village}/households");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var tile = json.RootElement.GetProperty("tiles").EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal(("户情户", "Dibao", "低保"), (tile.GetProperty("head").GetString(), tile.GetProperty("attribute").GetString(), tile.GetProperty("attributeLabel").GetString()));
        Assert.DoesNotContain("idNumber", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        using var chengguan = app.ClientFor(app.Chengguan);
        Assert.Equal(HttpStatusCode.NotFound, (await chengguan.GetAsync($"/api/board/{RegistryBuilder.Village}/households")).StatusCode);
    }

    [Fact]
    public async Task MapsPage_ForTheCountyAdmin_ListsBothLevels_TownshipOfficerRefused()
    {
        using var admin = app.ClientFor(app.Admin, bearerForApi: false);
        var html = await admin.GetStringAsync("/board/maps");
        Assert.Contains("data-level=\"township\"", html, StringComparison.Ordinal);
        Assert.Contains("data-level=\"village\"", html, StringComparison.Ordinal);

        using var shimen = app.ClientFor(app.Shimen, bearerForApi: false);
        var refused = await shimen.GetAsync("/board/maps");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }
}
