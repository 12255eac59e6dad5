namespace Fupin.Tests.Browser;

/// <summary>
/// Issue #9's acceptance: at a phone viewport the inspector opens the demo's 石门乡 plan, fills a household's checklist
/// with one failed answer and a photo, sees the finding, and the township then finds the rectification item.
/// </summary>
[Trait("Category", "Browser")]
public class InspectionPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A 1×1 PNG with a tEXt chunk (stripped on the server).</summary>
    static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAGHRFWHRDb21tZW50AEdQUyAzMy40OSwxMTIuNDNdYIP1AAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    [Fact]
    public async Task Inspector_FillsAHouseholdChecklistOnAPhone_AndTheTownshipSeesTheItem()
    {
        var (page, problems) = await app.NewPageAsync(390, 844, "inspector");
        await page.GotoAsync($"{app.BaseUrl}/inspections?q=石门乡");
        await page.ClickAsync("table[data-plans] a:text-is('2018年10月石门乡暗访')");
        await page.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, "/inspections/[0-9]+$"));
        Assert.Contains("已启封", await page.TextContentAsync("[data-status]"));
        await BrowserApp.ScreenshotAsync(page, "inspection-plan-phone");

        // A household of the 未脱贫户 stratum not yet visited.
        var target = page.Locator("h4:has-text('未脱贫户') + ul.target-list li:not(:has(.visited)) a").First;
        if (await target.CountAsync() == 0) target = page.Locator("h4:has-text('已脱贫户') + ul.target-list li a").First;
        await target.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/targets/", StringComparison.Ordinal));
        Assert.True(await page.IsVisibleAsync("[data-facts]"));

        // Every question passes except the house.
        foreach (var code in await page.Locator("[data-question]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-question'))"))
        {
            var value = code switch { "H-HOUSE" => "否", "H-RELOC-MOVED" or "H-RELOC-WORK" => "不适用", "H-SATISFY" => "满意", _ => "是" };
            await page.CheckAsync($"[data-question='{code}'] input[type=radio][value='{value}']");
        }
        await page.FillAsync("[data-question='H-HOUSE'] .answer-note", "浏览器测试：厨房屋顶漏雨");
        await page.SetInputFilesAsync("#photos", new Microsoft.Playwright.FilePayload { Name = "house.png", MimeType = "image/png", Buffer = Png });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the checklist scrolls sideways: {width}px");
        await BrowserApp.ScreenshotAsync(page, "inspection-checklist-phone");
        await page.ClickAsync("[data-submit]");
        await page.WaitForSelectorAsync("[data-result] [data-findings]");
        Assert.Equal("1", await page.GetAttributeAsync("[data-result] [data-findings]", "data-findings"));
        var number = (await page.TextContentAsync("[data-result] [data-rectification]"))!.Trim();
        Assert.Matches("^ZG2018-[0-9]{4}$", number);
        await BrowserApp.ScreenshotAsync(page, "inspection-checklist-done-phone");
        Assert.Empty(problems);

        // The township finds the item in its ledger (scoped to its township) and opens it.
        var (township, townshipProblems) = await app.NewPageAsync(390, 844, "township");
        await township.GotoAsync($"{app.BaseUrl}/rectifications?q={number}");
        var link = township.Locator($"a:has-text(\"{number}\")").First;
        await link.ClickAsync();
        await township.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/rectifications/[0-9]+$"));
        Assert.Contains("待整改", await township.ContentAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(township, "inspection-finding-township-phone");
        Assert.Empty(townshipProblems);
    }
}
