using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class ChecksPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ChecksPage_ForTheDemoCounty_ShowsCountsByRule_AndFitsAPhone()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/checks");
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForSelectorAsync("table.check-rules");

        Assert.Equal("0", (await page.TextContentAsync("[data-count=errors]"))?.Trim().TrimEnd('条'));
        Assert.Contains("exited.critical_illness", await page.TextContentAsync("table.check-rules"));
        await BrowserApp.ScreenshotAsync(page, "checks");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "checks-top.png") });
        await page.Locator("table.check-problems").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "checks-problems.png") });

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/checks");
        await BrowserApp.ScreenshotAsync(phone, "checks-phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the checks page is wider than a phone screen");
        Assert.Empty(problems);
        Assert.Empty(phoneProblems);
    }
}
