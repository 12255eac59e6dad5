using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class RectificationPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAACAAAAAYCAIAAAAUMWhjAAAAJElEQVR4nGM4YaNBU8QwasGoBaMWjFowasGoBaMWjFowNCwAAAkJhC7xyVwnAAAAAElFTkSuQmCC");

    static async Task AssertNoHorizontalScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways at 390 px");

    [Fact]
    public async Task Township_AtPhoneWidth_ReportsUploadsAndSubmits_ThenInspectorCloses()
    {
        var (page, problems) = await app.NewPageAsync(390, 844, "township");
        await page.GotoAsync($"{app.BaseUrl}/rectifications");
        Assert.Contains("整改台账", await page.TextContentAsync("h1"));
        Assert.True(await page.Locator("tr[data-item]").CountAsync() >= 3);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "rectifications-ledger-township-390");

        // One of 石门乡's items still being worked on (the demo's 整改中 or 待整改 ones).
        var row = page.Locator("tr[data-status=InProgress], tr[data-status=Pending]").First;
        var id = await row.GetAttributeAsync("data-item");
        await page.GotoAsync($"{app.BaseUrl}/rectifications/{id}");
        await AssertNoHorizontalScrollAsync(page);

        await page.FillAsync("#progress-note", "已入户走访，整改方案已落实");
        await page.ClickAsync("form[data-form=progress] button[type=submit]");
        await page.WaitForSelectorAsync("[data-saved]");
        Assert.Equal("InProgress", await page.GetAttributeAsync("h1 [data-status]", "data-status"));

        var file = Path.Combine(Path.GetTempPath(), $"整改后照片-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, Photo);
        try
        {
            await page.SetInputFilesAsync("#files", file);
            await page.ClickAsync("form[data-form=evidence] button[type=submit]");
            await page.WaitForSelectorAsync("[data-saved]");
        }
        finally
        {
            File.Delete(file);
        }
        Assert.True(await page.Locator("[data-evidence-list] li").CountAsync() >= 1);
        await page.ClickAsync("form[data-form=submit] button[type=submit]");
        await page.WaitForSelectorAsync("[data-saved]");
        Assert.Equal("AwaitingReview", await page.GetAttributeAsync("h1 [data-status]", "data-status"));
        Assert.Equal(0, await page.Locator("[data-close]").CountAsync());
        await AssertNoHorizontalScrollAsync(page);
        await BrowserApp.ScreenshotAsync(page, "rectification-item-township-390");
        Assert.Empty(problems);

        var (review, reviewProblems) = await app.NewPageAsync(user: "inspector");
        await review.GotoAsync($"{app.BaseUrl}/rectifications/{id}");
        await review.FillAsync("#review-note", "实地查看，整改到位");
        await review.ClickAsync("[data-close]");
        await review.WaitForSelectorAsync("[data-saved]");
        Assert.Equal("Closed", await review.GetAttributeAsync("h1 [data-status]", "data-status"));
        Assert.Contains("inspector", await review.TextContentAsync("[data-closed-by]"), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(review, "rectification-item-closed");

        await review.GotoAsync($"{app.BaseUrl}/rectifications");
        await review.WaitForSelectorAsync("[data-ledger]");
        Assert.True(await review.Locator("[data-badge]").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(review, "rectifications-ledger");
        Assert.Empty(reviewProblems);
    }
}
