namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class FundsPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task FundsPage_OnTheDemo_DrawsBothChartsWithTheirTables_NoConsoleErrors()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/funds");
        Assert.Contains("年扶贫资金", await page.TextContentAsync("h1"));
        await page.WaitForSelectorAsync("[data-funds-chart=kind][data-drawn=true] canvas");
        await page.WaitForSelectorAsync("[data-funds-chart=months][data-drawn=true] canvas");
        Assert.True(await page.Locator("tr[data-kind]").CountAsync() >= 1);
        Assert.Equal(12, await page.Locator("tr[data-month]").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "funds-overview");

        var project = await page.GetAttributeAsync("tr[data-project]", "data-project");
        Assert.NotNull(project);
        await page.GotoAsync($"{app.BaseUrl}/funds?project={project}");
        Assert.Contains("项目资金", await page.TextContentAsync("h1"));
        Assert.True(await page.Locator("tr[data-allocation]").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(page, "funds-project");
        Assert.Empty(problems);
    }
}
