using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Tests.Infrastructure;
using Fupin.Web.Pages.Imports;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace Fupin.Tests.Imports;

public partial class ImportJobsTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Two good households and, on file row 4, a person whose ID number has a wrong check character.</summary>
    static (byte[] File, int BadRow) OneBadRow(string first, string second, int day)
    {
        var bad = MemberList.Person(second, "赵错", MemberList.Id(day + 10, 13), "户主");
        bad[6] = bad[6]![..17] + (bad[6]![17] == '0' ? "1" : "0");
        return (MemberList.Csv([.. MemberList.Couple(first, day), bad]), 4);
    }

    static async Task<(HttpResponseMessage Response, JsonElement Json)> StartAsync(HttpClient client, byte[] file, string fileName, string query = "")
    {
        var response = await client.PostAsync("/api/imports/jobs" + query, MemberList.Upload(file, fileName));
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonDocument.Parse(text).RootElement.Clone());
    }

    static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Waits for the job to end (the registry's own completion, no sleeping), within the deadline.</summary>
    static async Task<ImportJob> FinishedAsync(IServiceProvider services, string id, long owner)
    {
        var job = services.GetRequiredService<ImportJobs>().Find(id, owner);
        Assert.NotNull(job);
        await job.Completion.WaitAsync(Deadline);
        return job;
    }

    async Task<bool> ExistsAsync(string number)
    {
        await using var db = app.Db.NewContext(AccessScope.System);
        return await db.Households.AnyAsync(h => h.Number == number);
    }

    static List<object?[]> Sheet(Stream xlsx, string sheet) =>
        [.. xlsx.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray())];

    static int? Int(object? cell) => cell is double or int or long ? Convert.ToInt32(cell, CultureInfo.InvariantCulture) : null;

    [Fact]
    public async Task Job_StartPollComplete_ReportNamesTheBadRow_WorkbookDownloadsWithTheProblem_AndIsLogged()
    {
        using var client = app.Client();
        var (file, badRow) = OneBadRow("41132130510001", "41132130510002", 101);

        var (started, json) = await StartAsync(client, file, "后台.csv");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = json.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal($"/api/imports/jobs/{id}", started.Headers.Location!.OriginalString);
        Assert.Equal("后台.csv", json.GetProperty("file").GetString());
        var job = await FinishedAsync(app.Factory.Services, id, app.Admin.User.Id);

        var (status, done) = await GetAsync(client, $"/api/imports/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("已完成", done.GetProperty("statusLabel").GetString());
        Assert.True(done.GetProperty("rejected").GetBoolean());
        var report = done.GetProperty("report");
        Assert.False(report.GetProperty("written").GetBoolean());
        var problem = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(badRow, problem.GetProperty("row").GetInt32());
        Assert.Equal($"/api/imports/jobs/{id}/report.xlsx", done.GetProperty("reportUrl").GetString());
        Assert.False(await ExistsAsync("41132130510001"));
        // The upload is gone once the job has finished; only the report is kept for the download.
        Assert.False(File.Exists(job.Upload.Path));
        Assert.True(File.Exists(job.ReportPath));

        var download = await client.GetAsync($"/api/imports/jobs/{id}/report.xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("导入结果_后台.xlsx", download.Content.Headers.ContentDisposition!.FileNameStar);
        using var xlsx = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
        var line = Assert.Single(Sheet(xlsx, WriteImportReport.ResultSheet), r => Int(r[0]) == badRow);
        Assert.Equal("拒绝", line[1]);
        Assert.Contains(problem.GetProperty("message").GetString()!, (string)line[2]!);
        Assert.Equal("赵错", line[3 + 5]); // 姓名 is the file's sixth column
        Assert.Contains(Sheet(xlsx, WriteImportReport.ProblemSheet), r => Int(r[0]) == badRow && r[4] as string == problem.GetProperty("message").GetString());

        await using var db = app.Db.NewContext(AccessScope.System);
        var logged = await db.Changes.Where(c => c.Entity == "ImportReport" && c.Reason!.Contains("后台.csv")).ToListAsync();
        var entry = Assert.Single(logged);
        Assert.Equal(AccountLog.Exported, entry.Action);
        Assert.Equal(FupinApp.AdminName, entry.User);
    }

    [Fact]
    public async Task Job_OfAnotherUser_IsNotFound_ForStatusCancelReportAndPage()
    {
        using var admin = app.Client();
        var (_, json) = await StartAsync(admin, MemberList.Csv(MemberList.Couple("41132130520001", 121)), "mine.csv", "?dryRun=true");
        var id = json.GetProperty("id").GetString()!;
        await FinishedAsync(app.Factory.Services, id, app.Admin.User.Id);

        var other = await app.SignInAsync(await app.UserAsync(Role.CountyAdmin, [Fupin.Testing.RegistryBuilder.County]));
        using var stranger = app.ClientFor(other);
        var (status, problem) = await GetAsync(stranger, $"/api/imports/jobs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("job_not_found", problem.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/imports/jobs/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/imports/jobs/{id}/report.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/imports?job={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/imports/jobs/0123456789abcdef0123456789abcdef")).StatusCode);

        // The owner still has it, through the cookie as well as the token.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/imports/jobs/{id}")).StatusCode);
        using var cookieOnly = app.ClientFor(app.Admin, bearerForApi: false);
        Assert.Equal(HttpStatusCode.OK, (await cookieOnly.GetAsync($"/api/imports/jobs/{id}/report.xlsx")).StatusCode);
        var (finished, conflict) = await PostAsync(admin, $"/api/imports/jobs/{id}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, finished);
        Assert.Equal("job_finished", conflict.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Job_BadFileType_400_WithCode_NoJob()
    {
        using var client = app.Client();
        var (response, json) = await StartAsync(client, "hello"u8.ToArray(), "notes.txt");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_file", json.GetProperty("code").GetString());
        var (badMode, modeJson) = await StartAsync(client, MemberList.Csv(MemberList.Couple("41132130530001", 131)), "x.csv", "?mode=some");
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Equal("bad_mode", modeJson.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Job_VillageCadre_FileForAnotherVillage_ScopeRejected_InTheBackgroundToo()
    {
        using var client = app.ClientFor(app.Cadre);
        var (_, json) = await StartAsync(client, MemberList.Csv(MemberList.Couple("41132130540001", 141, "竹园村")), "other.csv");
        var id = json.GetProperty("id").GetString()!;
        await FinishedAsync(app.Factory.Services, id, app.Cadre.User.Id);

        var (_, done) = await GetAsync(client, $"/api/imports/jobs/{id}");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.True(done.GetProperty("rejected").GetBoolean());
        Assert.Contains(done.GetProperty("report").GetProperty("problems").EnumerateArray(), p => p.GetProperty("rule").GetString() == RegistryTransfer.ScopeRule);
        Assert.False(await ExistsAsync("41132130540001"));

        // Their own village, imported as the cadre.
        var (_, own) = await StartAsync(client, MemberList.Csv(MemberList.Couple("41132130540002", 143)), "own.csv");
        await FinishedAsync(app.Factory.Services, own.GetProperty("id").GetString()!, app.Cadre.User.Id);
        Assert.True(await ExistsAsync("41132130540002"));
        await using var db = app.Db.NewContext(AccessScope.System);
        Assert.All(await db.Changes.Where(c => c.Reason == "导入 own.csv").ToListAsync(), c => Assert.Equal(app.Cadre.User.UserName, c.User));
    }

    [Fact]
    public async Task Page_WithScript_RedirectsToTheJob_ThenShowsTheReportAndTheDownloadLink()
    {
        using var client = app.Client();
        var html = await client.GetStringAsync("/imports");
        Assert.Contains("/js/imports.js", html);
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in Api.HiddenFields(html)) form.Add(new StringContent(k == "Live" ? "true" : v), k);
        var (file, badRow) = OneBadRow("41132130550001", "41132130550002", 151);
        form.Add(new ByteArrayContent(file), "Upload", "页面后台.csv");

        var post = await client.PostAsync("/imports", form);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var location = post.Headers.Location!.OriginalString;
        Assert.StartsWith("/imports?job=", location);
        var id = location["/imports?job=".Length..];
        await FinishedAsync(app.Factory.Services, id, app.Admin.User.Id);
        var page = await client.GetAsync(location);
        var text = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("已拒绝，数据库未改动", text);
        Assert.Contains($"href=\"/api/imports/jobs/{id}/report.xlsx\"", text);
        Assert.Contains("下载结果报告（.xlsx）", text);
        Assert.Contains($"<td class=\"num\">{badRow}</td>", text);
        Assert.DoesNotContain("data-import-job", text); // finished: no progress area to poll
    }

    /// <summary>
    /// The import is held inside its transaction, after it has written its first batch of households
    /// (as it looks up the second batch), until the test has cancelled it through the API; then it must
    /// roll back: nothing of the file remains.
    /// </summary>
    [Fact]
    public async Task Job_CancelledWhileWriting_RollsBack_NothingOfTheFileRemains()
    {
        var gate = new InsertGate();
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(gate))));
        using var client = factory.CreateDefaultClient(new BearerForApi(app.Admin.User.Token));
        // More households than one batch of the import (1,000), so that the cancellation comes mid-way.
        var numbers = Enumerable.Range(0, 1510).Select(i => "4113213056" + i.ToString("D4", CultureInfo.InvariantCulture)).ToList();
        var file = MemberList.Csv(numbers.Select((n, i) => MemberList.Person(n, "取消" + i.ToString(CultureInfo.InvariantCulture), MemberList.Id(2000 + i, 11), "户主")));

        var (started, json) = await StartAsync(client, file, "cancel.csv");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = json.GetProperty("id").GetString()!;
        await gate.Reached.Task.WaitAsync(Deadline);

        var (_, running) = await GetAsync(client, $"/api/imports/jobs/{id}");
        Assert.Equal("running", running.GetProperty("status").GetString());
        Assert.True(running.GetProperty("cancellable").GetBoolean());
        var (accepted, cancelling) = await PostAsync(client, $"/api/imports/jobs/{id}/cancel");
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.True(cancelling.GetProperty("cancelRequested").GetBoolean());
        gate.Release.SetResult();
        var job = await FinishedAsync(factory.Services, id, app.Admin.User.Id);

        var (_, cancelled) = await GetAsync(client, $"/api/imports/jobs/{id}");
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal("已取消，数据库未改动", cancelled.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("report").ValueKind);
        Assert.True(gate.WrittenBeforeHold > 0, "no households of the file were written inside the transaction before the cancel");
        await using (var db = app.Db.NewContext(AccessScope.System))
        {
            Assert.False(await db.Households.AnyAsync(h => numbers.Contains(h.Number)));
            Assert.False(await db.Members.AnyAsync(m => numbers.Contains(m.Household!.Number)));
            Assert.False(await db.Changes.AnyAsync(c => c.Reason == "导入 cancel.csv"));
        }
        Assert.False(Directory.Exists(job.Upload.Folder.FullName));
        var (noReport, problem) = await GetAsync(client, $"/api/imports/jobs/{id}/report.xlsx");
        Assert.Equal(HttpStatusCode.NotFound, noReport);
        Assert.Equal("no_report", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Job_KeptForAnHour_ThenForgotten_AndItsReportDeleted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2018, 10, 8, 2, 0, 0, TimeSpan.Zero));
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateDefaultClient(new BearerForApi(app.Admin.User.Token));
        var (_, json) = await StartAsync(client, MemberList.Csv(MemberList.Couple("41132130570001", 171)), "expire.csv", "?dryRun=true");
        var id = json.GetProperty("id").GetString()!;
        var job = await FinishedAsync(factory.Services, id, app.Admin.User.Id);
        Assert.True(File.Exists(job.ReportPath));

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/imports/jobs/{id}/report.xlsx")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/imports/jobs/{id}")).StatusCode);
        Assert.False(Directory.Exists(job.Upload.Folder.FullName));
    }

    static async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(HttpClient client, string url)
    {
        var response = await client.PostAsync(url, null);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>
    /// Holds the import at its second look-up of household numbers (households are written in bulk,
    /// past EF, so the look-up that follows the first batch is the point to stop at) until released,
    /// and counts, inside the import's own transaction, the households of the file written so far.
    /// </summary>
    sealed partial class InsertGate : DbCommandInterceptor
    {
        int _lookups;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long WrittenBeforeHold { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (HouseholdNumberLookup().IsMatch(command.CommandText) && command.Transaction is not null && Interlocked.Increment(ref _lookups) == 2)
            {
                await using (var count = command.Connection!.CreateCommand())
                {
                    count.Transaction = command.Transaction;
                    count.CommandText = "SELECT COUNT(*) FROM households WHERE number LIKE '4113213056%'";
                    WrittenBeforeHold = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                }
                Reached.SetResult();
                await Release.Task.WaitAsync(Deadline, CancellationToken.None); // held even when the import is cancelled meanwhile: the test releases it
            }
            return result;
        }

        // The import's look-up of a batch's numbers: json_each on SQLite, = ANY on PostgreSQL.
        [GeneratedRegex(@"FROM ""?households""? AS ""?h""?\s+WHERE ""?h""?\.""?number""? (IN|= ANY)", RegexOptions.IgnoreCase)]
        private static partial Regex HouseholdNumberLookup();
    }
}
