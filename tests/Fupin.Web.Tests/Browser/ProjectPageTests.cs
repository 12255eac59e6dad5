using Fupin.Accounts;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class ProjectPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The demo's 如意社区 settlement project; if the demo has none, one made here with a plan and two reports.</summary>
    async Task<long> ProjectAsync()
    {
        await using var db = app.Db.NewContext();
        var demo = await db.Projects.Where(p => p.Name.Contains("如意社区") && p.PlanNumber > 0).OrderBy(p => p.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync();
        if (demo is { } id) return id;
        var created = await new CreateProject(db, app.Db.Clock).HandleAsync(new CreateProjectRequest
        {
            RegionCode = SeedDemoAccounts.Township, Category = ProjectCategory.Relocation, Name = "石门乡如意社区易地扶贫搬迁安置点",
            ResponsibleUnit = "县发改委", ResponsiblePerson = "刘明", BudgetFen = 48_000_000_00, Year = 2018, AppliedOn = new DateOnly(2017, 12, 1),
            User = "admin", Role = Role.CountyAdmin,
        }, default);
        var pid = created.Value!.Id;
        await new PlanProject(db, app.Db.Clock).HandleAsync(new PlanProjectRequest { ProjectId = pid, Deadline = new DateOnly(2019, 6, 30), User = "admin", Role = Role.CountyAdmin }, default);
        foreach (var (seq, percent, on) in new[] { (1, 100, new DateOnly(2018, 3, 20)), (2, 100, new DateOnly(2018, 5, 10)), (3, 60, new DateOnly(2018, 9, 30)) })
            await new ReportProgress(db, app.Db.Clock).HandleAsync(new ReportProgressRequest
            {
                ProjectId = pid, Seq = seq, Percent = percent, ReportedOn = on, Narrative = "进展", User = "admin", Role = Role.CountyAdmin,
            }, default);
        return pid;
    }

    static Task<int> InkAsync(Microsoft.Playwright.IPage page) => page.EvaluateAsync<int>(@"() => {
        const c = document.querySelector('[data-schedule-chart] canvas');
        if (!c) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++;
        return n;
    }");

    [Fact]
    public async Task ProjectPage_DrawsPlanAgainstActualChart_WithTableAndNoConsoleErrors()
    {
        var id = await ProjectAsync();
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/projects/{id}");
        await page.WaitForSelectorAsync("[data-schedule-chart][data-drawn=true] canvas");
        Assert.True(await InkAsync(page) > 5_000, "the chart canvas has bars, labels and axes drawn on it");
        Assert.True(await page.Locator("table[data-milestones] tbody tr").CountAsync() >= 4);
        Assert.Equal(8, await page.Locator("ol[data-stepper] li").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "project-page");

        await page.GotoAsync($"{app.BaseUrl}/projects");
        Assert.True(await page.Locator("table.project-list tbody tr").CountAsync() >= 1);
        await BrowserApp.ScreenshotAsync(page, "project-list");

        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync($"{app.BaseUrl}/projects/{id}");
        await phone.WaitForSelectorAsync("[data-schedule-chart][data-drawn=true] canvas");
        await BrowserApp.ScreenshotAsync(phone, "project-page-phone");
        await phone.GotoAsync($"{app.BaseUrl}/projects");
        await BrowserApp.ScreenshotAsync(phone, "project-list-phone");
        Assert.Empty(problems);
        Assert.Empty(phoneProblems);
    }
}
