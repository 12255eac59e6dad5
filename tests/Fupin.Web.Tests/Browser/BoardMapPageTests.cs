using System.Globalization;
using System.Text;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

/// <summary>
/// The board's map section on the demo county: the schematic tiles drilled down county → 石门乡 → a village → a household
/// (no boundaries loaded), and boundaries uploaded through /board/maps colouring the county board, a broken file refused.
/// </summary>
[Trait("Category", "Browser")]
public class BoardMapPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string County = "411321";
    const string Shimen = "411321304";

    static async Task<bool> NoHorizontalOverflowAsync(IPage page) =>
        await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task Tiles_DrillFromTheCountyThroughShimenAndAVillageToAHousehold_WithoutConsoleErrors()
    {
        await using (var db = app.Db.NewContext())
            Assert.False(await db.RegionMaps.AnyAsync(m => m.CountyCode == County), "another test left boundaries behind");
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/board/" + County);
        await page.WaitForSelectorAsync($"#board-map [data-board-map][data-mode=tiles] [data-bmap-tile='{Shimen}'][class*='bmap-c']");
        Assert.True(await page.Locator("#board-map [data-bmap-tiles]").IsVisibleAsync());
        Assert.True(await page.Locator("#board-map [data-bmap-legend] li").CountAsync() >= 1);
        Assert.Equal("poor_households", await page.Locator("[data-bmap-legend]").GetAttributeAsync("data-indicator"));
        await page.SelectOptionAsync("#bmap-indicator", "poverty_incidence");
        Assert.Equal("poverty_incidence", await page.Locator("[data-bmap-legend]").GetAttributeAsync("data-indicator"));
        Assert.EndsWith("%", (await page.Locator($"[data-bmap-tile='{Shimen}'] [data-bmap-value]").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#bmap-indicator", "poor_households");
        await BrowserApp.ScreenshotAsync(page, "board-tiles");

        await page.ClickAsync($"[data-bmap-tile='{Shimen}']");
        await page.WaitForURLAsync(u => u.EndsWith("/board/" + Shimen, StringComparison.Ordinal));
        Assert.Contains("石门乡", await page.TextContentAsync("h1"));
        var village = page.Locator("#board-map [data-bmap-tile]").First;
        var villageCode = await village.GetAttributeAsync("data-bmap-tile");
        Assert.StartsWith(Shimen, villageCode);
        await village.ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/board/" + villageCode, StringComparison.Ordinal));

        await page.WaitForSelectorAsync("#board-map [data-household-tiles] .htile");
        int households;
        await using (var db = app.Db.NewContext())
            households = await db.Households.CountAsync(h => h.VillageCode == villageCode);
        Assert.Equal(households, await page.Locator("#board-map .htile").CountAsync());
        var counted = 0;
        foreach (var li in await page.Locator("[data-attribute-count]").AllAsync())
            counted += int.Parse((await li.GetAttributeAsync("data-count"))!, CultureInfo.InvariantCulture);
        Assert.Equal(households, counted);
        var unmet = int.Parse((await page.Locator("[data-unmet-count]").GetAttributeAsync("data-unmet-count"))!, CultureInfo.InvariantCulture);
        Assert.Equal(unmet, await page.Locator("#board-map .htile.htile-unmet").CountAsync());
        Assert.Equal(unmet, await page.Locator("#board-map .htile .htile-unmet-text").CountAsync()); // the mark is text too, not only colour
        await BrowserApp.ScreenshotAsync(page, "board-village");

        var tile = page.Locator("#board-map .htile").First;
        var href = await tile.GetAttributeAsync("href");
        await tile.ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith(href!, StringComparison.Ordinal));
        Assert.Matches("^/households/[0-9]+$", href);
        Assert.EndsWith("户", (await page.TextContentAsync("h1"))!.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/board/" + County);
        await phone.WaitForSelectorAsync($"[data-bmap-tile='{Shimen}'][class*='bmap-c']");
        Assert.True(await NoHorizontalOverflowAsync(phone), "the county board's tiles are wider than a phone");
        await BrowserApp.ScreenshotAsync(phone, "board-tiles-phone");
        await phone.GotoAsync(app.BaseUrl + "/board/" + villageCode);
        await phone.WaitForSelectorAsync("#board-map .htile");
        Assert.True(await NoHorizontalOverflowAsync(phone), "the household tiles are wider than a phone");
        await BrowserApp.ScreenshotAsync(phone, "board-village-phone");
        Assert.True(phoneProblems.Count == 0, string.Join("\n", phoneProblems));
    }

    /// <summary>Rectangles 0.14° × 0.1° in rows of four, one per township of the region table, coded as the table has them.</summary>
    static string Townships(IReadOnlyList<string> codes)
    {
        var inv = CultureInfo.InvariantCulture;
        var features = codes.Select((code, i) =>
        {
            var lon = 112.0 + (i % 4) * 0.15;
            var lat = 33.6 - (i / 4) * 0.11;
            string P(double x, double y) => "[" + x.ToString("0.###", inv) + "," + y.ToString("0.###", inv) + "]";
            var ring = string.Join(",", P(lon, lat), P(lon + 0.14, lat), P(lon + 0.14, lat + 0.1), P(lon, lat + 0.1), P(lon, lat));
            return "{\"type\":\"Feature\",\"properties\":{\"adcode\":" + code + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}";
        });
        return "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",\n", features) + "]}";
    }

    [Fact]
    public async Task Upload_TownshipBoundaries_ColourTheCountyMap_BrokenFileRefusedAndTheMapUnchanged()
    {
        List<string> codes;
        await using (var db = app.Db.NewContext())
            codes = await db.Regions.Where(r => r.Level == RegionLevel.Township && r.ParentCode == County).OrderBy(r => r.Code).Select(r => r.Code).ToListAsync();
        var folder = Directory.CreateTempSubdirectory("fupin-map-").FullName;
        var good = Path.Combine(folder, "南召县乡镇.geojson");
        var bad = Path.Combine(folder, "坏文件.geojson");
        await File.WriteAllTextAsync(good, Townships(codes), new UTF8Encoding(false));
        await File.WriteAllTextAsync(bad, """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"code":"411321304"},"geometry":{"type":"Point","coordinates":[112.4,33.4]}},
              {"type":"Feature","properties":{"code":"411321999"},"geometry":{"type":"Polygon","coordinates":[[[112,33],[112.1,33],[112.1,33.1],[112,33.1],[112,33]]]}}]}
            """, new UTF8Encoding(false));
        try
        {
            var (page, problems) = await app.NewPageAsync();
            await page.GotoAsync(app.BaseUrl + "/board/maps");
            await page.SelectOptionAsync("#map-level", "township");
            await page.SetInputFilesAsync("#map-file", good);
            await page.ClickAsync("[data-upload-map]");
            await page.WaitForSelectorAsync("[data-saved=township]");
            Assert.Equal(codes.Count.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-saved]").GetAttributeAsync("data-features"));
            Assert.Equal(codes.Count.ToString(CultureInfo.InvariantCulture), (await page.Locator("tr[data-level=township] [data-feature-count]").TextContentAsync())!.Trim());

            await page.GotoAsync(app.BaseUrl + "/board/" + County);
            await page.WaitForSelectorAsync("#board-map [data-bmap-canvas][data-drawn=true] canvas");
            Assert.Equal("map", await page.Locator("#board-map [data-board-map]").GetAttributeAsync("data-mode"));
            Assert.False(await page.Locator("#board-map [data-bmap-tiles]").IsVisibleAsync());
            var legend = await page.EvaluateAsync<int>(
                "() => { const o = echarts.getInstanceByDom(document.querySelector('[data-bmap-canvas]')).getOption(); return o.visualMap[0].show ? o.visualMap[0].pieces.length : 0; }");
            Assert.True(legend >= 1, "the map has no visible legend");
            var coloured = await page.EvaluateAsync<int>(
                "() => echarts.getInstanceByDom(document.querySelector('[data-bmap-canvas]')).getOption().series[0].data.filter(d => !isNaN(d.value)).length");
            Assert.True(coloured >= 1, "no region is coloured");
            // With the pointer on a region its tooltip shows; switching the indicator must not break it (it once threw
            // "Cannot read properties of undefined" a tick after the option was replaced).
            await page.HoverAsync("#board-map [data-bmap-canvas] canvas");
            await page.SelectOptionAsync("#bmap-indicator", "poverty_incidence");
            Assert.Equal("poverty_incidence", await page.Locator("[data-bmap-canvas]").GetAttributeAsync("data-indicator"));
            await page.SelectOptionAsync("#bmap-indicator", "poor_households");
            await BrowserApp.ScreenshotAsync(page, "board-map");
            Assert.True(problems.Count == 0, string.Join("\n", problems));

            var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
            await phone.GotoAsync(app.BaseUrl + "/board/" + County);
            await phone.WaitForSelectorAsync("#board-map [data-bmap-canvas][data-drawn=true] canvas");
            Assert.True(await NoHorizontalOverflowAsync(phone), "the county map is wider than a phone");
            await BrowserApp.ScreenshotAsync(phone, "board-map-phone");
            Assert.True(phoneProblems.Count == 0, string.Join("\n", phoneProblems));

            string sha;
            await using (var db = app.Db.NewContext())
                sha = (await db.RegionMaps.SingleAsync(m => m.CountyCode == County && m.Level == MapLevel.Township)).Sha256;
            await page.GotoAsync(app.BaseUrl + "/board/maps");
            await page.SetInputFilesAsync("#map-file", bad);
            await page.ClickAsync("[data-upload-map]");
            await page.WaitForSelectorAsync(".notice-error");
            var error = (await page.TextContentAsync(".notice-error"))!;
            Assert.Contains("原有地图不变", error, StringComparison.Ordinal);
            Assert.Contains("只接受面", error, StringComparison.Ordinal);
            Assert.Contains("第1个要素", error, StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator($"tr[data-code='{GeoJsonCheck.GeometryType}'][data-field='features[0]']").CountAsync());
            Assert.Equal(1, await page.Locator($"tr[data-code='{GeoJsonCheck.CodeUnknown}'][data-field='features[1]']").CountAsync());
            Assert.Equal(codes.Count.ToString(CultureInfo.InvariantCulture), (await page.Locator("tr[data-level=township] [data-feature-count]").TextContentAsync())!.Trim());
            await BrowserApp.ScreenshotAsync(page, "board-map-upload-error");
            await using (var db = app.Db.NewContext())
                Assert.Equal(sha, (await db.RegionMaps.SingleAsync(m => m.CountyCode == County && m.Level == MapLevel.Township)).Sha256);
            // The refused form answers 400, as the app's other forms do; nothing else may have gone wrong.
            Assert.All(problems, p => Assert.Contains("400", p, StringComparison.Ordinal));
        }
        finally
        {
            await using var db = app.Db.NewContext();
            if (await db.RegionMaps.AnyAsync(m => m.CountyCode == County))
                await new DeleteRegionMap(db).HandleAsync(new DeleteRegionMapRequest(County, MapLevel.Township, "test", Role.CountyAdmin), default);
            Directory.Delete(folder, recursive: true);
        }
    }
}
