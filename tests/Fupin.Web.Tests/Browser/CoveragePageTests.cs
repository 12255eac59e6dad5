using System.Globalization;
using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

/// <summary>Issue #8: the coverage page of the demo county drills county → 石门乡 → a village, lists the gaps and exports them.</summary>
[Trait("Category", "Browser")]
public class CoveragePageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    static int Number(string? text) => int.Parse(text!.Replace(",", "", StringComparison.Ordinal).Replace("人", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Coverage_DrillsCountyTownshipVillage_ShowsTheGapList_AndExportsIt()
    {
        var (page, problems) = await app.NewPageAsync(1366, 900);
        await page.GotoAsync($"{app.BaseUrl}/employment/coverage");
        Assert.Contains("南召县", await page.TextContentAsync("h1"));
        await page.WaitForSelectorAsync("[data-coverage-chart] canvas");
        Assert.Equal(16, await page.Locator("table[data-children] tbody tr").CountAsync());
        var target = Number(await page.TextContentAsync("[data-kpi=target] .stat-value"));
        Assert.True(target > 0, $"target: {target}");
        await BrowserApp.ScreenshotAsync(page, "coverage-county");

        await page.ClickAsync("table[data-children] a:text-is('石门乡')");
        await page.WaitForSelectorAsync("h1:has-text('石门乡')");
        await page.WaitForSelectorAsync("[data-coverage-chart] canvas");
        var villages = page.Locator("table[data-children] tbody tr");
        Assert.True(await villages.CountAsync() >= 5, $"villages: {await villages.CountAsync()}");
        await BrowserApp.ScreenshotAsync(page, "coverage-township");

        // The village with the most people not covered.
        var rows = await villages.EvaluateAllAsync<string[][]>("rs => rs.map(r => [r.getAttribute('data-region'), r.querySelectorAll('td')[2].textContent])");
        var village = rows.OrderByDescending(r => Number(r[1])).First();
        var gap = Number(village[1]);
        await page.ClickAsync($"table[data-children] tr[data-region='{village[0]}'] th a");
        await page.WaitForURLAsync(u => u.Contains("region=" + village[0], StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("table[data-children]").CountAsync());
        if (gap > 0)
        {
            Assert.Equal(Math.Min(gap, 100), await page.Locator("table[data-gaps] tbody tr").CountAsync());
            var names = await page.Locator("table[data-gaps] td[data-name]").AllTextContentsAsync();
            Assert.All(names, n => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,4}$", n.Trim()));
        }
        else
        {
            Assert.True(await page.IsVisibleAsync("text=应覆盖人员已全部覆盖"));
        }
        await BrowserApp.ScreenshotAsync(page, "coverage-village");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-export]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("未覆盖名单", download.SuggestedFilename, StringComparison.Ordinal);
        var saved = Path.Combine(BrowserApp.OutDir, "coverage-gaps.xlsx");
        await download.SaveAsAsync(saved);
        Assert.True(new FileInfo(saved).Length > 2_000);

        // On a phone the tables scroll sideways instead of overflowing the page.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "page wider than the phone screen");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "coverage-village-phone.png"), FullPage = false });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task JobsLedger_AndAHouseholdsEmploymentSection_RenderWithoutProblems()
    {
        var (page, problems) = await app.NewPageAsync(1366, 900);
        await page.GotoAsync($"{app.BaseUrl}/employment");
        Assert.Contains("就业台账", await page.TextContentAsync("h1"));
        Assert.True(await page.IsVisibleAsync("table[data-job-totals]"));
        await BrowserApp.ScreenshotAsync(page, "employment-jobs");

        await page.GotoAsync($"{app.BaseUrl}/employment/coverage?region=411321");
        await page.ClickAsync("table[data-children] a:text-is('石门乡')");
        await page.WaitForSelectorAsync("h1:has-text('石门乡')");
        var gapLink = page.Locator("table[data-gaps] tbody tr td.mono a").First;
        if (await gapLink.CountAsync() > 0)
        {
            await gapLink.ClickAsync();
            await page.WaitForSelectorAsync("section[data-household-employment]");
            Assert.True(await page.Locator("tr[data-employment-member]").CountAsync() >= 1);
            await page.Locator("section[data-household-employment]").ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "household-employment.png") });
        }
        Assert.Empty(problems);
    }
}
