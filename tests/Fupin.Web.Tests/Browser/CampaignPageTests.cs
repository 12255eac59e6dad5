using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

/// <summary>The demo county's campaign ledger as a department reports on it from a phone, and its briefing as printed.</summary>
[Trait("Category", "Browser")]
public class CampaignPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Department_ReportsItsOwnLineOnAPhone_TheReportIsListed_AndTheStatusShown()
    {
        var (phone, problems) = await app.NewPageAsync(390, 844, user: "dept");
        await phone.GotoAsync(app.BaseUrl + "/campaign");
        Assert.True(await phone.Locator("tr[data-task]").CountAsync() >= 20);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the ledger scrolls sideways at 390 px");
        await BrowserApp.ScreenshotAsync(phone, "campaign-phone");

        var own = phone.Locator("tr[data-task]", new() { HasTextString = "（本单位）" }).First;
        await own.Locator("a").ClickAsync();
        await phone.WaitForURLAsync(u => u.Contains("/campaign/tasks/", StringComparison.Ordinal));
        var months = await phone.Locator("#Month option").AllTextContentsAsync();
        Assert.NotEmpty(months);
        await phone.SelectOptionAsync("#Month", new SelectOptionValue { Label = months[^1] });
        await phone.FillAsync("#Achieved", "1");
        var note = "浏览器测试填报" + Guid.NewGuid().ToString("N")[..6];
        await phone.FillAsync("#Note", note);
        await phone.ClickAsync("[data-report]");
        await phone.WaitForSelectorAsync("[data-saved]");
        Assert.Contains(note, await phone.TextContentAsync("[data-reports]"));
        Assert.False(string.IsNullOrWhiteSpace(await phone.TextContentAsync("[data-status]")));
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the task page scrolls sideways at 390 px");
        await BrowserApp.ScreenshotAsync(phone, "campaign-task-phone");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Admin_LedgerSettingsAndTheDemoBriefing_Render_AndTheBriefingPrintsOnA4WithoutNavigation()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/campaign");
        foreach (var group in (string[])["四场硬仗", "六大行动", "四项工程"])
            Assert.Contains(group, await page.TextContentAsync("main"));
        Assert.True(await page.Locator("tr[data-light=Red]").CountAsync() > 0);
        await BrowserApp.ScreenshotAsync(page, "campaign-ledger");
        await page.GotoAsync(app.BaseUrl + "/campaign/settings");
        await BrowserApp.ScreenshotAsync(page, "campaign-settings");

        await page.GotoAsync(app.BaseUrl + "/briefings");
        await page.Locator("a[href^='/briefings/']:not([href$='.xlsx'])").First.ClickAsync();
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/briefings/[0-9]+$"));
        var title = await page.TextContentAsync("h1");
        Assert.Contains("简报", title);
        await BrowserApp.ScreenshotAsync(page, "briefing");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".sidenav").IsVisibleAsync());
        Assert.False(await page.Locator(".topbar").IsVisibleAsync());
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000);
        await File.WriteAllBytesAsync(Path.Combine(BrowserApp.OutDir, "briefing.pdf"), pdf);
        Assert.Empty(problems);
    }
}
