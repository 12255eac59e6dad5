using System.Text;
using Fupin.Accounts;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class VerificationPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>A 1×1 PNG, for the evidence upload.</summary>
    static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>
    /// Until the demo seed loads department lists itself: a deaths list and a payroll list naming a
    /// few demo members of two townships, loaded as the county office would (nothing when lists exist).
    /// </summary>
    async Task EnsureListsAsync()
    {
        await using var db = app.Db.NewContext();
        if (await db.DepartmentLists.AnyAsync()) return;
        var members = new List<(string Name, string Id)>();
        foreach (var township in new[] { SeedDemoAccounts.Township, "411321305" })
        {
            var rows = await db.Members.Where(m => m.IdNumber != null && EF.Functions.Like(m.Household!.VillageCode, township + "%"))
                .OrderBy(m => m.Id).Take(4).Select(m => new { m.Name, m.IdNumber }).ToListAsync();
            members.AddRange(rows.Select(r => (r.Name, r.IdNumber!.Value.ToString())));
        }
        var dir = Directory.CreateTempSubdirectory("fupin-lists-");
        try
        {
            var deaths = Path.Combine(dir.FullName, "公安局注销名单.csv");
            await File.WriteAllTextAsync(deaths, "姓名,身份证号码,注销原因,注销日期\n"
                + string.Concat(members.Where((_, i) => i % 2 == 0).Select(m => $"{m.Name},{m.Id},死亡,2018-04-16\n")), new UTF8Encoding(true));
            var payroll = Path.Combine(dir.FullName, "财政供养人员.csv");
            await File.WriteAllTextAsync(payroll, "姓名,身份证号码,工作单位,职务\n"
                + string.Concat(members.Where((_, i) => i % 2 == 1).Select(m => $"{m.Name},{m.Id},南召县水利局,科员\n")), new UTF8Encoding(true));
            db.Audit.User = "admin";
            var import = new ImportDepartmentList(db, app.Db.Clock);
            Assert.True((await import.HandleAsync(new ImportDepartmentListRequest(ListTypes.Deaths, deaths, new DateOnly(2018, 9, 30), SeedDemoAccounts.County), null, default)).IsOk);
            Assert.True((await import.HandleAsync(new ImportDepartmentListRequest(ListTypes.Payroll, payroll, new DateOnly(2018, 9, 30), SeedDemoAccounts.County), null, default)).IsOk);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    static Task<bool> FitsAsync(IPage page) => page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1");

    [Fact]
    public async Task Dashboard_Run_AndAFinding_OnADesktopAndAPhone()
    {
        await EnsureListsAsync();

        // Desktop: run the county from the dashboard, then work a finding.
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/verification");
        Assert.Contains("排查核对 · 南召县", await page.TextContentAsync("h1"));
        await page.ClickAsync("[data-run-button]");
        // The run compares the whole demo county (60,000 people): slow when the machine is busy.
        await page.WaitForSelectorAsync(".run-report", new() { Timeout = 300_000 });
        Assert.Contains("比对完成：南召县", await page.TextContentAsync(".run-report"));
        Assert.True(int.Parse((await page.TextContentAsync("[data-run=found]"))!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 0);
        await BrowserApp.ScreenshotAsync(page, "verification-run");

        await page.GotoAsync(app.BaseUrl + "/verification");
        await page.WaitForSelectorAsync("table.finding-matrix");
        await BrowserApp.ScreenshotAsync(page, "verification-dashboard");

        await page.ClickAsync($"table.finding-regions a[href='/verification?region={SeedDemoAccounts.Township}']");
        await page.WaitForURLAsync(u => u.Contains("region=" + SeedDemoAccounts.Township, StringComparison.Ordinal));
        await page.ClickAsync("table.finding-matrix td.total a");
        await page.WaitForSelectorAsync("table.finding-list");
        await BrowserApp.ScreenshotAsync(page, "verification-findings");
        await page.ClickAsync("table.finding-list tbody tr:first-child td:first-child a");
        await page.WaitForSelectorAsync("[data-evidence]");
        var findingUrl = page.Url;

        await page.CheckAsync("input[name=Status][value=Verifying]");
        await page.FillAsync("#note", "已安排村两委入户核实，待公安派出所出具证明");
        await page.ClickAsync("form.finding-form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("saved=status", StringComparison.Ordinal));
        var file = Path.Combine(BrowserApp.OutDir, "现场照片.png");
        await File.WriteAllBytesAsync(file, Png);
        await page.SetInputFilesAsync("#upload", file);
        await page.ClickAsync("form.evidence-form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("saved=evidence", StringComparison.Ordinal));
        Assert.Equal("核实中", (await page.TextContentAsync("h1 [data-status]"))?.Trim());
        Assert.Contains("现场照片.png", await page.TextContentAsync("table.evidence-files"));
        Assert.Contains("状态变更", await page.TextContentAsync("table.finding-history"));
        await BrowserApp.ScreenshotAsync(page, "verification-finding");

        var village = await page.GetAttributeAsync("[data-assigned]", "data-assigned");
        await page.GotoAsync($"{app.BaseUrl}/verification/findings/print?village={village}");
        await page.WaitForSelectorAsync("table.print-table");
        await BrowserApp.ScreenshotAsync(page, "verification-print");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "verification-print-media.png"), FullPage = true });
        Assert.False(await page.IsVisibleAsync(".print-toolbar"));

        await page.GotoAsync(app.BaseUrl + "/verification/rules");
        await BrowserApp.ScreenshotAsync(page, "verification-rules");
        await page.GotoAsync(app.BaseUrl + "/verification/lists");
        await BrowserApp.ScreenshotAsync(page, "verification-lists");

        // Phone: the dashboard and the same finding fit the screen (wide tables scroll in their box).
        var (phone, phoneProblems) = await app.NewPageAsync(390, 844);
        await phone.GotoAsync(app.BaseUrl + "/verification");
        await phone.WaitForSelectorAsync("table.finding-matrix");
        await BrowserApp.ScreenshotAsync(phone, "verification-dashboard-phone");
        Assert.True(await FitsAsync(phone), "the dashboard is wider than a phone screen");
        await phone.GotoAsync(findingUrl);
        await phone.WaitForSelectorAsync("[data-evidence]");
        await BrowserApp.ScreenshotAsync(phone, "verification-finding-phone");
        Assert.True(await FitsAsync(phone), "the finding page is wider than a phone screen");
        await phone.Locator("table.finding-history").ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "verification-finding-phone-history.png") });
        await phone.GotoAsync(app.BaseUrl + "/verification/findings?stage=pending");
        await BrowserApp.ScreenshotAsync(phone, "verification-findings-phone");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.OutDir, "verification-findings-phone-top.png") });
        Assert.True(await FitsAsync(phone), "the findings list is wider than a phone screen");
        await phone.GotoAsync(app.BaseUrl + "/verification/lists");
        await BrowserApp.ScreenshotAsync(phone, "verification-lists-phone");
        Assert.True(await FitsAsync(phone), "the lists page is wider than a phone screen");

        Assert.Empty(problems);
        Assert.Empty(phoneProblems);
    }
}
