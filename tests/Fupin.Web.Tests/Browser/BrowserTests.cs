using Fupin.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class BrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    const string Shimen = "411321304";

    /// <summary>A household of 石门乡 in the demo registry with several members and an income history.</summary>
    async Task<long> ShimenHouseholdAsync()
    {
        await using var db = app.Db.NewContext();
        return await db.Households
            .Where(h => h.VillageCode.StartsWith(Shimen) && h.Status == PovertyStatus.NotExited && h.Members.Count >= 4 && h.Incomes.Count >= 2)
            .OrderBy(h => h.Number)
            .Select(h => h.Id)
            .FirstAsync();
    }

    [Fact]
    public async Task HomePage_RendersTheDemoCountyInChinese_WithoutConsoleErrors()
    {
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/");

        Assert.Equal("南召县 建档立卡概况", await page.TextContentAsync("h1"));
        Assert.Contains("业务日期 2018-10-08", await page.TextContentAsync(".business-date"));
        Assert.Equal(16, await page.Locator("table.data tbody tr").CountAsync());
        Assert.Contains("石门乡", await page.TextContentAsync("table.data"));
        Assert.Equal(2, await page.Locator(".nav-disabled").CountAsync());
        Assert.Equal(3, await page.Locator(".nav-group:has-text(\"挂图作战\") a").CountAsync());
        Assert.Equal(4, await page.Locator(".nav-group:has-text(\"退出评估\") a").CountAsync());
        Assert.Equal(4, await page.Locator(".nav-group:has-text(\"项目资金\") a").CountAsync());
        Assert.Equal(4, await page.Locator(".nav-group:has-text(\"产业就业\") a").CountAsync());
        Assert.Equal(2, await page.Locator(".nav-group:has-text(\"督查整改\") a").CountAsync()); // 暗访督查 is for inspectors and leaders
        await BrowserApp.ScreenshotAsync(page, "home");
        Assert.Empty(problems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/");
        await BrowserApp.ScreenshotAsync(phone, "home-phone");
        Assert.True(await NoHorizontalOverflowAsync(phone), "the home page is wider than a phone screen");
        Assert.Empty(phoneProblems);
    }

    [Fact]
    public async Task HouseholdPage_OfShimen_RendersInChineseWithMaskedIds_WithoutConsoleErrors()
    {
        var id = await ShimenHouseholdAsync();
        var (page, problems) = await app.NewPageAsync();

        await page.GotoAsync($"{app.BaseUrl}/households/{id}");

        Assert.EndsWith("户", (await page.TextContentAsync("h1"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        foreach (var heading in new[] { "基本情况", "家庭成员", "收入情况（元）", "生产生活条件", "变更记录" })
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + heading) }).IsVisibleAsync(), heading);
        Assert.Contains("石门乡", await page.TextContentAsync(".breadcrumb"));
        Assert.Contains("人均纯收入", await page.TextContentAsync("table.income"));
        var ids = await page.Locator("#members ~ .table-wrap td.mono").First.TextContentAsync();
        Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", ids!.Trim());
        await BrowserApp.ScreenshotAsync(page, "household");
        Assert.Empty(problems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync($"{app.BaseUrl}/households/{id}");
        await BrowserApp.ScreenshotAsync(phone, "household-phone");
        Assert.True(await NoHorizontalOverflowAsync(phone), "the household page is wider than a phone screen");
        Assert.Empty(phoneProblems);
    }

    [Fact]
    public async Task SearchPage_FilterByKeyboardAndSort_ShowsShimenHouseholds()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/households");

        await page.SelectOptionAsync("#region", Shimen);
        await page.SelectOptionAsync("#status", nameof(PovertyStatus.NotExited));
        await page.FocusAsync("#name");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/households?*region=411321304*");
        await page.ClickAsync("th >> text=人口");
        await page.WaitForURLAsync("**sort=MemberCount*");

        Assert.Contains("户查询 · 石门乡", await page.TextContentAsync("h1"));
        var rows = page.Locator("table.households tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        Assert.All(await page.Locator("table.households tbody td:nth-child(2)").AllTextContentsAsync(), t => Assert.StartsWith("石门乡", t.Trim()));
        var sizes = (await page.Locator("table.households tbody td:nth-child(5)").AllTextContentsAsync()).Select(int.Parse).ToList();
        Assert.Equal(sizes.Order(), sizes);
        await BrowserApp.ScreenshotAsync(page, "search");
        Assert.Empty(problems);

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/households?region=" + Shimen);
        await BrowserApp.ScreenshotAsync(phone, "search-phone");
        Assert.Empty(phoneProblems);
    }

    [Fact]
    public async Task EditPage_MissingReason_ShowsTheMessageBesideTheField()
    {
        var id = await ShimenHouseholdAsync();
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/households/{id}/edit");

        await page.FillAsync("#Input_HousingArea", "88");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync(".notice-error");

        Assert.Equal("请填写变更原因", (await page.TextContentAsync("[data-valmsg-for='Input.Reason']"))?.Trim());
        await BrowserApp.ScreenshotAsync(page, "edit-invalid");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task MemberEditPage_OnAPhone_ShowsTheIdNumbersChineseMessage()
    {
        var id = await ShimenHouseholdAsync();
        var (page, problems) = await app.NewPageAsync(390, 844);
        await page.GotoAsync($"{app.BaseUrl}/households/{id}");
        await page.Locator("#members ~ .table-wrap a:text('编辑')").First.ClickAsync();
        await page.WaitForSelectorAsync("h1:text('编辑家庭成员')");

        await page.FillAsync("#Input_IdNumber", "41132119600101123");
        await page.FillAsync("#Input_Reason", "户籍信息更正");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForSelectorAsync(".notice-error");

        Assert.Equal("证件号码应为18位（或15位旧号码），实际为17位", (await page.TextContentAsync("[data-valmsg-for='Input.IdNumber']"))?.Trim());
        Assert.Equal("户籍信息更正", await page.InputValueAsync("#Input_Reason"));
        await BrowserApp.ScreenshotAsync(page, "member-edit-phone");
        Assert.True(await NoHorizontalOverflowAsync(page), "the member form is wider than a phone screen");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task RegionPage_Shimen_ListsItsVillages()
    {
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/regions/{Shimen}");

        Assert.Contains("石门乡", await page.TextContentAsync("h1"));
        Assert.True(await page.Locator("table.data tbody tr").CountAsync() > 5);
        await BrowserApp.ScreenshotAsync(page, "region-shimen");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task VillageCadre_OfAShimenVillage_SeesOnlyThatVillage()
    {
        string village, villageName;
        await using (var db = app.Db.NewContext())
        {
            var userId = await db.Users.Where(u => u.UserName == "village").Select(u => u.Id).SingleAsync();
            village = await db.UserRegions.Where(r => r.UserId == userId).Select(r => r.RegionCode).SingleAsync();
            villageName = await db.Regions.Where(r => r.Code == village).Select(r => r.Name).SingleAsync();
        }
        Assert.StartsWith(Shimen, village);
        var (page, problems) = await app.NewPageAsync(user: "village");

        Assert.Contains("村干部/第一书记", await page.TextContentAsync(".account"));
        Assert.Contains(villageName, await page.TextContentAsync(".account"));

        await page.GotoAsync(app.BaseUrl + "/households?pageSize=100");
        var villages = await page.Locator("table.households tbody td:nth-child(2)").AllTextContentsAsync();
        Assert.NotEmpty(villages);
        Assert.All(villages, t => Assert.EndsWith(villageName, t.Trim()));
        await BrowserApp.ScreenshotAsync(page, "village-cadre-search");

        await page.GotoAsync($"{app.BaseUrl}/regions/{Shimen}");
        var rows = await page.Locator("table.data tbody tr").AllTextContentsAsync();
        Assert.Single(rows);
        Assert.Contains(villageName, rows[0]);
        await BrowserApp.ScreenshotAsync(page, "village-cadre-regions");

        Assert.Empty(problems);
        var other = await page.GotoAsync($"{app.BaseUrl}/households?region={Shimen}202");
        Assert.Equal(404, other!.Status);
    }

    static async Task<bool> NoHorizontalOverflowAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");
}
