using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class ExitPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>
    /// The first demo household of the 2018 cohort in 石门乡 whose 2018 test passes, with a procedure at
    /// 民主评议 and 核实 done.
    /// </summary>
    async Task<(long Procedure, long Household)> ProcedureAsync()
    {
        await using var db = app.Db.NewContext();
        var candidates = await db.Households
            .Where(x => x.PlannedExitYear == 2018 && x.Status == PovertyStatus.NotExited && EF.Functions.Like(x.VillageCode, SeedDemoAccounts.Township + "%")
                && !db.ExitProcedures.Any(p => p.HouseholdId == x.Id && p.Status == ExitProcedureStatus.InProgress))
            .OrderBy(x => x.Id).Select(x => x.Id).Take(200).ToListAsync();
        long? found = null;
        foreach (var candidate in candidates)
        {
            var tested = await new TestHousehold(db, app.Db.Clock).HandleAsync(new TestHouseholdRequest(candidate, 2018), default);
            if (tested.Value!.Test.MeetsExitStandard) { found = candidate; break; }
        }
        Assert.NotNull(found);
        var h = await db.Households.SingleAsync(x => x.Id == found);
        var saved = (await new StartExitProcedure(db, app.Db.Clock).HandleAsync(new StartExitProcedureRequest(h.Id, 2018, "admin", Role.CountyAdmin), default)).Value!;
        saved = (await new RecordExitStep(db, app.Db.Clock).HandleAsync(new RecordExitStepRequest(saved.Id, saved.Version, ExitStep.Deliberation,
            new DateOnly(2018, 9, 12), "村民代表会议民主评议：应到 35 人，实到 31 人，同意退出 31 人", "village", Role.VillageCadre), default)).Value!;
        saved = (await new RecordExitStep(db, app.Db.Clock).HandleAsync(new RecordExitStepRequest(saved.Id, saved.Version, ExitStep.Verification,
            new DateOnly(2018, 9, 18), "村两委和驻村工作队入户核实：收入达标，“两不愁三保障”达标", "township", Role.TownshipOfficer), default)).Value!;
        return (saved.Id, h.Id);
    }

    [Fact]
    public async Task ProcedurePage_RecordsConsentThroughTheForm_AndShowsTheTimeline()
    {
        var (id, household) = await ProcedureAsync();
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/exits/{id}");
        Assert.Contains("2018 年退出程序", await page.TextContentAsync("h1"));
        Assert.Equal("达标", (await page.TextContentAsync("tr[data-indicator=Income] td span"))?.Trim());
        Assert.Contains("登记下一步：户认可", await page.TextContentAsync("#next-title"));

        await page.FillAsync("#note", "户主签字认可");
        await page.ClickAsync("form[data-form=step] button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("saved=step", StringComparison.Ordinal));
        Assert.Equal("true", await page.GetAttributeAsync("tr[data-step=Consent]", "data-done"));
        Assert.Contains("登记下一步：村内公示", await page.TextContentAsync("#next-title"));
        await BrowserApp.ScreenshotAsync(page, "exit-procedure");

        await page.GotoAsync($"{app.BaseUrl}/households/{household}");
        Assert.Contains("退出评估（2018年）", await page.TextContentAsync("#exit-test"));
        await BrowserApp.ScreenshotAsync(page, "exit-household");

        await page.GotoAsync($"{app.BaseUrl}/exits?region={SeedDemoAccounts.Township}");
        // At least this procedure has passed 户认可 (the demo may hold others).
        Assert.True(int.Parse((await page.TextContentAsync("tr[data-step=Consent] [data-reached]"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await BrowserApp.ScreenshotAsync(page, "exit-list");
        Assert.Empty(problems);
    }
}
