using Fupin.Imports;
using Fupin.Tests.Imports;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Fupin.Tests.Browser;

[Trait("Category", "Browser")]
public class ImportPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ImportPage_UploadWithABadRow_ShowsTheProblem_AndTheReportDownloads()
    {
        var bad = MemberList.Person("41132130490002", "赵错", MemberList.Id(901, 13), "户主");
        bad[6] = bad[6]![..17] + (bad[6]![17] == '0' ? "1" : "0"); // wrong check character
        var file = Path.Combine(BrowserApp.OutDir, "导入示例.csv");
        await File.WriteAllBytesAsync(file, MemberList.Csv([.. MemberList.Couple("41132130490001", 900), bad]));
        var (page, problems) = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/imports");

        await page.SetInputFilesAsync("#upload", file);
        // A dry run: the demo registry the other browser tests read stays as it is.
        await page.CheckAsync("input[name=DryRun]");
        await page.ClickAsync("form.import-form button[type=submit]");
        await page.WaitForURLAsync(u => u.Contains("/imports?job=", StringComparison.Ordinal));
        var link = page.GetByRole(AriaRole.Link, new() { Name = "下载结果报告（.xlsx）" });
        await link.WaitForAsync();

        Assert.Contains("导入示例.csv", await page.TextContentAsync(".import-verdict"));
        Assert.Contains("仅检查", await page.TextContentAsync(".import-verdict"));
        var row = page.Locator("table.import-problems tbody tr.problem-error");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal("4", (await row.Locator("td").First.TextContentAsync())?.Trim());
        Assert.Contains("校验码错误", await row.TextContentAsync());
        Assert.Equal(0, await page.Locator("[data-import-job]").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "import-report");

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("导入结果_导入示例.xlsx", download.SuggestedFilename);
        var saved = Path.Combine(BrowserApp.OutDir, "import-report.xlsx");
        await download.SaveAsAsync(saved);
        var rows = MiniExcel.Query(saved, useHeaderRow: false, sheetName: WriteImportReport.ResultSheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        var line = Assert.Single(rows, r => r[0] is double n && (int)n == 4);
        Assert.Equal(WriteImportReport.Rejected, line[1]);
        Assert.Contains("校验码错误", (string)line[2]!);
        Assert.Equal(bad[6], line[3 + 6]);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task ImportPage_OnAPhone_FitsTheScreen()
    {
        var (page, problems) = await app.NewPageAsync(390, 844);
        await page.GotoAsync(app.BaseUrl + "/imports");
        Assert.Equal("true", await page.InputValueAsync("#import-live")); // imports.js ran: uploads show their progress
        await BrowserApp.ScreenshotAsync(page, "import-phone");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the import page is wider than a phone screen");
        Assert.Empty(problems);
    }
}
