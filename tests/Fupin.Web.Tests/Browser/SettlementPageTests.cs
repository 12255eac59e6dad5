namespace Fupin.Tests.Browser;

/// <summary>Issue #7: the 如意社区 page shows its plan against actual and its relocated families, on a desktop and on a phone.</summary>
[Trait("Category", "Browser")]
public class SettlementPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(1366, 900, "settlement-desktop")]
    [InlineData(390, 844, "settlement-phone")]
    public async Task RuyiPage_FromTheList_ShowsPlanAgainstActualAndRelocatedFamilies(int width, int height, string screenshot)
    {
        var (page, problems) = await app.NewPageAsync(width, height);
        await page.GotoAsync($"{app.BaseUrl}/relocation");
        Assert.Contains("易地扶贫搬迁", await page.TextContentAsync("h1"));
        await BrowserApp.ScreenshotAsync(page, screenshot + "-list");

        await page.ClickAsync("table[data-sites] a:text-is('如意社区')");
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/relocation/[0-9]+$"));
        Assert.Contains("如意社区", await page.TextContentAsync("h1"));
        foreach (var goal in new[] { "move", "settle", "prosper" })
            Assert.True(await page.IsVisibleAsync($"section[data-goal={goal}]"), goal);

        // Plan against actual: the chart drawn on its canvas and the milestone rows beside it.
        await page.WaitForSelectorAsync("[data-schedule-chart] canvas");
        var milestones = await page.Locator("table[data-milestones] tbody tr").CountAsync();
        Assert.True(milestones >= 5, $"milestone rows: {milestones}");
        Assert.Equal("选址", (await page.Locator("table[data-milestones] tbody tr").First.Locator("td").Nth(1).TextContentAsync())?.Trim());

        // The relocated families with their heads' names.
        var families = page.Locator("table[data-families] tbody tr[data-family]");
        var count = await families.CountAsync();
        Assert.True(count >= 10, $"family rows: {count}");
        var heads = await page.Locator("table[data-families] tbody th[data-head]").AllTextContentsAsync();
        Assert.All(heads, h => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", h.Trim()));
        var moved = await page.TextContentAsync("[data-moved-in]");
        Assert.Matches("[0-9]+ 户", moved!);

        await BrowserApp.ScreenshotAsync(page, screenshot);
        // The full page is long (every family is listed); the top part is what the reader sees first.
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, screenshot + "-top.png"), FullPage = true, Clip = new() { X = 0, Y = 0, Width = width, Height = width > 1000 ? 2200 : 3600 } });
        await page.Locator("table[data-families]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, screenshot + "-families.png") });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task WorkshopPages_ListAndTheBusiestWorkshop_ShowPoorWorkersWithoutProblems()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/workshops");
        var poor = int.Parse((await page.TextContentAsync("[data-total-poor]"))!.Replace("人", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(poor > 0, $"poor workers: {poor}");
        await BrowserApp.ScreenshotAsync(page, "workshops-list");
        await page.ClickAsync("table[data-workshops] tbody tr th a");
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/workshops/[0-9]+$"));
        Assert.True(await page.IsVisibleAsync("[data-poor-now]"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "workshop-desktop.png") });
        Assert.Empty(problems);
    }
}
