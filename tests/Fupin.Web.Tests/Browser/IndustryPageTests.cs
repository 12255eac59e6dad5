using Fupin.Industries;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class IndustryPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// 艾草 (AC) with a plan of two bases and an engagement in 2018, as the demo seeds them; whatever the demo does
    /// not hold yet is added here so the page has something to draw.
    /// </summary>
    async Task<long> EnsureAiCaoAsync()
    {
        await using var db = app.Db.NewContext();
        var county = await db.Regions.Where(r => r.Level == Fupin.Registry.RegionLevel.County).OrderBy(r => r.Code).Select(r => r.Code).FirstAsync();
        var ac = await db.Industries.SingleOrDefaultAsync(i => i.CountyCode == county && i.Code == "AC");
        if (ac is null)
        {
            ac = new LocalIndustry { CountyCode = county, Code = "AC", Name = "艾草", OutputUnit = "斤", SortOrder = 2 };
            db.Industries.Add(ac);
            await db.SaveChangesAsync();
        }
        if (await db.IndustryPlanItems.CountAsync(p => p.IndustryId == ac.Id && p.Kind == PlanItemKind.Base) < 2)
        {
            var towns = await db.Regions.Where(r => r.ParentCode == county && r.Level == Fupin.Registry.RegionLevel.Township).OrderBy(r => r.Code).Select(r => r.Code).Take(2).ToListAsync();
            db.IndustryPlanItems.AddRange(
                new IndustryPlanItem { CountyCode = county, IndustryId = ac.Id, Kind = PlanItemKind.Base, Name = "集中种植基地（测试）", RegionCode = towns[0], Unit = "亩", Target = 3000, Actual = 2100, SortOrder = 91, UpdatedBy = "t" },
                new IndustryPlanItem { CountyCode = county, IndustryId = ac.Id, Kind = PlanItemKind.Base, Name = "艾草示范基地（测试）", RegionCode = towns[1], Unit = "亩", Target = 1000, Actual = 450, SortOrder = 92, UpdatedBy = "t" },
                new IndustryPlanItem { CountyCode = county, IndustryId = ac.Id, Kind = PlanItemKind.Target, Name = "全县艾草种植面积（测试）", Unit = "万亩", Target = 5, Actual = 3.2, SortOrder = 93, UpdatedBy = "t" });
            await db.SaveChangesAsync();
        }
        if (!await db.IndustryEngagements.AnyAsync(e => e.IndustryId == ac.Id && e.Year == 2018))
        {
            var households = await db.Households.Where(h => h.CountyCode == county).OrderBy(h => h.Id).Select(h => new { h.Id, h.VillageCode }).Take(3).ToListAsync();
            foreach (var h in households)
                db.IndustryEngagements.Add(new IndustryEngagement { CountyCode = county, VillageCode = h.VillageCode, HouseholdId = h.Id, IndustryId = ac.Id, Year = 2018, Persons = 1, AreaMu = 2, Output = 600, IncomeFen = 300_000, RecordedBy = "t" });
            await db.SaveChangesAsync();
        }
        return ac.Id;
    }

    [Fact]
    public async Task IndustryPages_OnTheDemo_DrawTheirCharts_WithTheirTables_AndThePlan_NoConsoleErrors()
    {
        var ac = await EnsureAiCaoAsync();
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/industry?year=2018");
        Assert.Contains("2018 年产业扶贫", await page.TextContentAsync("h1"));
        await page.WaitForSelectorAsync("[data-industry-chart=places][data-drawn=true] canvas");
        Assert.True(await page.Locator("tr[data-place]").CountAsync() >= 1);
        Assert.True(await page.Locator("tr[data-industry=AC]").CountAsync() == 1);
        Assert.True(await page.Locator("[data-industry-list] tr[data-industry-row]").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(page, "industry-overview");

        await page.ClickAsync("tr[data-industry=AC] th a");
        await page.WaitForURLAsync(u => u.Contains($"/industry/{ac}", StringComparison.Ordinal));
        Assert.Equal("艾草", (await page.TextContentAsync("h1"))?.Trim());
        await page.WaitForSelectorAsync("[data-industry-chart=townships][data-drawn=true] canvas");
        await page.WaitForSelectorAsync("[data-plan-kind=Base] [data-industry-chart=plan][data-drawn=true] canvas");
        Assert.True(await page.Locator("[data-plan-kind=Base] tr[data-plan-line]").CountAsync() >= 2);
        Assert.True(await page.Locator("[data-plan-line] [data-percent]").CountAsync() >= 2);
        await BrowserApp.ScreenshotAsync(page, "industry-aicao");

        var (phone, phoneProblems) = await app.NewPageAsync(width: 390, height: 844);
        await phone.GotoAsync($"{app.BaseUrl}/industry/{ac}?year=2018");
        await phone.WaitForSelectorAsync("[data-industry-chart=townships][data-drawn=true] canvas");
        await BrowserApp.ScreenshotAsync(phone, "industry-aicao-phone");
        Assert.Empty(problems);
        Assert.Empty(phoneProblems);
    }
}
