using System.Globalization;
using Fupin.Demo;

namespace Fupin.Tests.Browser;

/// <summary>The demo county's satisfaction survey as the county's inspector works it: the rates, the drill-down, a household entered on a phone.</summary>
[Trait("Category", "Browser")]
public class SurveyPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Inspector_OpensTheDemoSurvey_DrillsIntoShimen_EntersAPendingHouseholdOnAPhone_CountRises()
    {
        var (page, problems) = await app.NewPageAsync(user: "inspector");
        await page.GotoAsync(app.BaseUrl + "/surveys");
        await BrowserApp.ScreenshotAsync(page, "surveys");
        await page.ClickAsync($"text={DemoSurveys.SurveyName}");
        await page.WaitForSelectorAsync("[data-survey-chart][data-drawn=true]");
        Assert.Contains("%", await page.TextContentAsync("[data-headline-rate]"));
        Assert.True(await page.Locator("tr[data-part]").CountAsync() >= 10);
        await BrowserApp.ScreenshotAsync(page, "survey-rates");

        await page.ClickAsync("tr[data-part='411321304'] a");
        await page.WaitForURLAsync(u => u.Contains("region=411321304", StringComparison.Ordinal));
        Assert.Contains("石门乡", await page.TextContentAsync("h1"));
        var before = int.Parse((await page.TextContentAsync("[data-surveyed]"))!.Trim(), CultureInfo.InvariantCulture);
        var township = page.Url;
        await page.ClickAsync("a[href*='filter=pending']");
        await page.WaitForURLAsync(u => u.Contains("filter=pending", StringComparison.Ordinal));
        var entry = await page.Locator("table[data-households] a", new() { HasTextString = "录入" }).First.GetAttributeAsync("href");
        Assert.Empty(problems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844, user: "inspector");
        await phone.GotoAsync(app.BaseUrl + entry);
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the form scrolls sideways at 390 px");
        foreach (var question in await phone.Locator("fieldset[data-question]").AllAsync())
            await question.Locator(".choice-button").First.ClickAsync();
        await phone.Locator("fieldset[data-question='approve'] .choice-button", new() { HasTextString = "基本认可" }).ClickAsync();
        await BrowserApp.ScreenshotAsync(phone, "survey-entry-phone");
        await phone.ClickAsync("[data-save]");
        await phone.WaitForURLAsync(u => u.Contains("saved=", StringComparison.Ordinal));
        Assert.Empty(phoneProblems);

        await page.GotoAsync(township);
        Assert.Equal(before + 1, int.Parse((await page.TextContentAsync("[data-surveyed]"))!.Trim(), CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(page, "survey-rates-township");
        await page.GotoAsync(app.BaseUrl + "/surveys/new");
        await BrowserApp.ScreenshotAsync(page, "survey-new");
        Assert.Empty(problems);
    }
}
