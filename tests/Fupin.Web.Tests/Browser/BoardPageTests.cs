namespace Fupin.Tests.Browser;

/// <summary>The demo county's 作战图 in Chromium: charts drawn without console errors, on a desk, a big screen and a phone; drill-down to 石门乡.</summary>
[Trait("Category", "Browser")]
public class BoardPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static async Task AssertChartsDrawnAsync(Microsoft.Playwright.IPage page)
    {
        await page.WaitForSelectorAsync("[data-board-trend][data-drawn=true]");
        Assert.True(await page.Locator("[data-board-trend] canvas").CountAsync() >= 3, "the trend charts have no canvas");
        Assert.True(await page.Locator("table.data[data-figures] tr[data-figure-row]").CountAsync() >= 20, "the figures table is short");
    }

    [Fact]
    public async Task Admin_CountyBoard_DrawsItsCharts_AndDrillsDownToShimen()
    {
        var (page, problems) = await app.NewPageAsync(1366, 900);
        await page.GotoAsync(app.BaseUrl + "/board");
        Assert.Contains("南召县", await page.TextContentAsync("h1"));
        await AssertChartsDrawnAsync(page);
        await page.WaitForSelectorAsync("[data-board-children][data-drawn=true] canvas");
        Assert.Equal(16, await page.Locator("tr[data-child]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the board scrolls sideways at 1366 px");
        await BrowserApp.ScreenshotAsync(page, "board-county");
        Assert.Empty(problems);

        await page.ClickAsync("tr[data-child='411321304'] th a");
        await page.WaitForURLAsync(u => u.EndsWith("/board/411321304", StringComparison.Ordinal));
        Assert.Contains("石门乡", await page.TextContentAsync("h1"));
        await AssertChartsDrawnAsync(page);
        Assert.Equal(1, await page.Locator("[data-section^='暗访四问']").CountAsync());
        Assert.True(await page.Locator("[data-section^='暗访四问'] [data-figure]").CountAsync() >= 8);
        await BrowserApp.ScreenshotAsync(page, "board-township");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Leader_CountyBoard_OnABigScreen_AndOnAPhone_DoesNotScrollSideways()
    {
        var (wide, wideProblems) = await app.NewPageAsync(1920, 1080, user: "leader");
        await wide.GotoAsync(app.BaseUrl + "/board/411321");
        await AssertChartsDrawnAsync(wide);
        Assert.True(await wide.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the board scrolls sideways at 1920 px");
        await BrowserApp.ScreenshotAsync(wide, "board-county-1920");
        Assert.Empty(wideProblems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/board");
        await AssertChartsDrawnAsync(phone);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the board scrolls sideways at 390 px");
        await BrowserApp.ScreenshotAsync(phone, "board-phone");
        Assert.Empty(phoneProblems);
    }
}
