namespace Fupin.Tests.Browser;

/// <summary>The readiness report and the monitoring list on the demo county, as a county leader's office would open them.</summary>
[Trait("Category", "Browser")]
public class AssessmentPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Readiness_ShowsThe449DayCountdownAndWhyTheCountyDoesNotYetPass()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/assessment");
        // 2018-10-08 → 2019-12-31: 23 more days of October, 30 of November and 31 of December (84), then 365 = 449.
        Assert.Equal("449", (await page.TextContentAsync("[data-countdown]"))?.Trim());
        Assert.Contains("不足500天", await page.TextContentAsync(".countdown-text"));
        var verdict = await page.TextContentAsync("[data-verdict]");
        Assert.Contains("未达到贫困县退出标准", verdict);
        Assert.Contains("综合贫困发生率", verdict);
        await BrowserApp.ScreenshotAsync(page, "assessment");
        Assert.Empty(problems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/assessment");
        Assert.Equal("449", (await phone.TextContentAsync("[data-countdown]"))?.Trim());
        await BrowserApp.ScreenshotAsync(phone, "assessment-phone");
        Assert.Empty(phoneProblems);
    }

    [Fact]
    public async Task Monitoring_ListsTheDemoObjectsWithTheFlaggedOnesMarked()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/monitoring");
        Assert.Equal("防返贫监测", (await page.TextContentAsync("h1"))?.Trim());
        Assert.True(await page.Locator("tr[data-object]").CountAsync() > 0);
        await BrowserApp.ScreenshotAsync(page, "monitoring");
        await page.GotoAsync(app.BaseUrl + "/monitoring?flagged=true");
        Assert.True(await page.Locator("tr.flagged").CountAsync() > 0);
        Assert.Empty(problems);
    }
}
