using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Supervision;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Rectifications;

/// <summary>石门乡 (411321304) with its village 石门村 and another township's village 411321305201; today is 2018-10-08.</summary>
public sealed class RectificationsApp : FupinApp
{
    public const string OtherVillage = "411321305201";
    public SignedInClient Township { get; private set; } = null!;
    public SignedInClient OtherTownship { get; private set; } = null!;
    public SignedInClient Inspector { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "别家村");
        Township = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        OtherTownship = await SignInAsync(await UserAsync(Role.TownshipOfficer, ["411321305"]));
        Inspector = await SignInAsync(await UserAsync(Role.Inspector, [RegistryBuilder.County]));
    }
}

public class RectificationsApiTests(RectificationsApp app) : IClassFixture<RectificationsApp>
{
    static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 || !text.StartsWith('{') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    async Task<(long Id, string Number)> CreateAsync(string region = RegistryBuilder.Village, string problem = "驻村工作队在岗不在位", string deadline = "2018-10-31")
    {
        using var client = app.Client();
        var (status, body) = await SendAsync(client.PostAsJsonAsync("/api/rectifications", new
        {
            source = "PatrolFeedback", sourceDocument = "2018年巡视反馈", regionCode = region, problem, requirement = "严格考勤",
            responsibleUnit = "乡人民政府", responsiblePerson = "王建国", foundOn = "2018-09-01", deadline,
        }, FupinApp.Json));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("id").GetInt64(), body.GetProperty("number").GetString()!);
    }

    static MultipartFormDataContent Upload(long version, string name = "照片.png", byte[]? content = null) => new()
    {
        { new ByteArrayContent(content ?? Png), "file", name },
        { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
    };

    [Fact]
    public async Task Api_TownshipWorksTheItem_InspectorCloses_RolesAndOwnItemEnforced()
    {
        var (id, number) = await CreateAsync();
        using var township = app.ClientFor(app.Township);
        using var inspector = app.ClientFor(app.Inspector);

        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/rectifications", new { }, FupinApp.Json)).StatusCode);
        var (progress, p) = await SendAsync(township.PostAsJsonAsync($"/api/rectifications/{id}/progress", new { version = 0, note = "制定整改方案", measures = "每周抽查考勤" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, progress);
        Assert.Equal(("InProgress", 1L), (p.GetProperty("status").GetString(), p.GetProperty("version").GetInt64()));

        var (stale, conflict) = await SendAsync(township.PostAsJsonAsync($"/api/rectifications/{id}/progress", new { version = 0, note = "重复" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal(RectificationRules.ConflictMessage, conflict.GetProperty("title").GetString());

        var (noEvidence, problem) = await SendAsync(township.PostAsJsonAsync($"/api/rectifications/{id}/submit", new { version = 1 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence);
        Assert.Contains(RectificationRules.EvidenceRequiredCode, problem.GetProperty("codes").ToString(), StringComparison.Ordinal);

        var (badType, _) = await SendAsync(township.PostAsync($"/api/rectifications/{id}/evidence", Upload(1, "a.exe", "MZ..."u8.ToArray())));
        Assert.Equal(HttpStatusCode.BadRequest, badType);
        var (uploaded, files) = await SendAsync(township.PostAsync($"/api/rectifications/{id}/evidence", Upload(1)));
        Assert.Equal(HttpStatusCode.Created, uploaded);
        var evidenceId = files.GetProperty("files")[0].GetProperty("id").GetInt64();
        var download = await township.GetAsync($"/api/rectifications/evidence/{evidenceId}");
        Assert.Equal(("image/png", Png.Length), (download.Content.Headers.ContentType!.MediaType, (await download.Content.ReadAsByteArrayAsync()).Length));
        using (var other = app.ClientFor(app.OtherTownship))
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/rectifications/evidence/{evidenceId}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/rectifications/{id}/submit", new { version = 2, note = "完成" }, FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync($"/api/rectifications/{id}/review", new { version = 3, decision = "Close" }, FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync($"/api/rectifications/{id}/progress", new { version = 3, note = "x" }, FupinApp.Json)).StatusCode);
        var (closed, c) = await SendAsync(inspector.PostAsJsonAsync($"/api/rectifications/{id}/review", new { version = 3, decision = "Close", note = "整改到位" }, FupinApp.Json));
        Assert.True(closed == HttpStatusCode.OK, c.ToString());

        var details = await app.GetJsonAsync<RectificationDetails>($"/api/rectifications/{id}");
        Assert.Equal((number, RectificationStatus.Closed, app.Inspector.User.UserName, app.Township.User.UserName), (details.Number, details.Status, details.ClosedBy, details.SubmittedBy));
        Assert.Equal([RectificationEventKind.Created, RectificationEventKind.Started, RectificationEventKind.Progress, RectificationEventKind.Submitted, RectificationEventKind.Closed],
            details.Events.Select(e => e.Kind));

        // The county administrator who is the owner account of an item may not close it.
        var (own, _) = await CreateAsync(problem: "本人负责的事项");
        using var admin = app.Client();
        var (assigned, a) = await SendAsync(admin.PutJsonAsync($"/api/rectifications/{own}", new { version = 0, ownerUserId = app.Admin.User.Id }));
        Assert.True(assigned == HttpStatusCode.OK, a.ToString());
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/rectifications/{own}/progress", new { version = 1, note = "开始" }, FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await township.PostAsync($"/api/rectifications/{own}/evidence", Upload(2))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/rectifications/{own}/submit", new { version = 3 }, FupinApp.Json)).StatusCode);
        var (refused, r) = await SendAsync(admin.PostAsJsonAsync($"/api/rectifications/{own}/review", new { version = 4, decision = "Close" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains(RectificationRules.OwnItemCode, r.GetProperty("codes").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TownshipUser_SeesItsTownshipsItems_NotAnothers_ByPageApiAndExport()
    {
        var (mine, myNumber) = await CreateAsync(problem: "本乡镇的问题");
        var (theirs, theirNumber) = await CreateAsync(RectificationsApp.OtherVillage, problem: "别的乡镇的问题");
        using var township = app.ClientFor(app.Township);

        var list = await township.GetFromJsonAsync<RectificationPage>("/api/rectifications?pageSize=500", FupinApp.Json);
        Assert.Contains(list!.Rows, r => r.Id == mine);
        Assert.DoesNotContain(list.Rows, r => r.Id == theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/rectifications/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync("/api/rectifications?region=411321305")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.PostAsJsonAsync($"/api/rectifications/{theirs}/progress", new { version = 0, note = "x" }, FupinApp.Json)).StatusCode);

        using var pages = app.ClientFor(app.Township, bearerForApi: false);
        var ledger = await pages.GetStringAsync("/rectifications");
        Assert.Contains(myNumber, ledger, StringComparison.Ordinal);
        Assert.Contains("本乡镇的问题", ledger, StringComparison.Ordinal);
        Assert.DoesNotContain(theirNumber, ledger, StringComparison.Ordinal);
        Assert.DoesNotContain("登记整改事项", ledger, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"/rectifications/{theirs}")).StatusCode);
        Assert.Contains("本乡镇的问题", await pages.GetStringAsync($"/rectifications/{mine}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.GetAsync("/rectifications/new")).StatusCode);

        var csv = await CsvAsync(await pages.GetByteArrayAsync("/rectifications/export"));
        Assert.Contains(myNumber, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(theirNumber, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OpenedByLibreOffice_HasTheColumnsAndRows_AndIsLogged()
    {
        var (_, late) = await CreateAsync(problem: "逾期的问题，含逗号，和“引号”", deadline: "2018-09-20");
        using var admin = app.Client();
        var response = await admin.GetAsync("/api/rectifications/export?overdue=true");
        Assert.Equal(ExportRectificationLedger.ContentType, response.Content.Headers.ContentType!.MediaType);
        var csv = await CsvAsync(await response.Content.ReadAsByteArrayAsync());
        // LibreOffice quotes text cells; the problem's own comma stays inside its quotes.
        var lines = csv.Replace("\"", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", ExportRectificationLedger.Columns), lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith(late, StringComparison.Ordinal));
        Assert.Contains("逾期的问题", row, StringComparison.Ordinal);
        Assert.Contains(",催办,", row, StringComparison.Ordinal);
        Assert.Contains(",18,", row, StringComparison.Ordinal); // 2018-09-20 → 2018-10-08
        await using var db = app.Db.NewContext();
        var log = await db.Changes.Where(c => c.Entity == ExportRectificationLedger.Entity).OrderBy(c => c.Id).LastAsync();
        Assert.Equal((AccountLog.Exported, "overdue=true"), (log.Action, log.NewValue));
    }

    [Fact]
    public async Task CreateFromFinding_CopiesVillageAndHousehold_SecondOpenItemIs409_LinkOnlyForManagers()
    {
        var household = await RegistryBuilder.AddHouseholdAsync(app.Db);
        long finding;
        await using (var db = app.Db.NewContext())
        {
            var f = new Finding
            {
                Rule = "list.deceased", SubjectId = household, HouseholdId = household, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village,
                AssignedTo = RegistryBuilder.Village, Evidence = "注销原因：死亡，注销日期：2018-03-02", FirstRunId = 1, LastSeenRunId = 1,
                CreatedAt = app.Db.Clock.GetUtcNow(), UpdatedAt = app.Db.Clock.GetUtcNow(),
            };
            db.Findings.Add(f);
            await db.SaveChangesAsync();
            finding = f.Id;
        }
        using var pages = app.ClientFor(app.Inspector, bearerForApi: false);
        Assert.Contains($"/rectifications/new?finding={finding}", await pages.GetStringAsync($"/verification/findings/{finding}"), StringComparison.Ordinal);
        using (var township = app.ClientFor(app.Township, bearerForApi: false))
            Assert.DoesNotContain("转为整改事项", await township.GetStringAsync($"/verification/findings/{finding}"), StringComparison.Ordinal);
        var form = await pages.GetStringAsync($"/rectifications/new?finding={finding}");
        Assert.Contains("注销原因：死亡", form, StringComparison.Ordinal);

        using var inspector = app.ClientFor(app.Inspector);
        object Body() => new { findingId = finding, foundOn = "2018-10-08", deadline = "2018-11-07" };
        var (created, item) = await SendAsync(inspector.PostAsJsonAsync("/api/rectifications", Body(), FupinApp.Json));
        Assert.True(created == HttpStatusCode.Created, item.ToString());
        var details = await app.GetJsonAsync<RectificationDetails>($"/api/rectifications/{item.GetProperty("id").GetInt64()}");
        Assert.Equal((RegistryBuilder.Village, (long?)household, RectificationSource.Verification, "石门乡人民政府"),
            (details.RegionCode, details.HouseholdId, details.Source, details.ResponsibleUnit));
        Assert.StartsWith("【", details.Problem, StringComparison.Ordinal);

        var (again, problem) = await SendAsync(inspector.PostAsJsonAsync("/api/rectifications", Body(), FupinApp.Json));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(RectificationRules.FindingTakenCode, problem.GetProperty("code").GetString());
    }

    /// <summary>The workbook as LibreOffice reads it, as CSV.</summary>
    static async Task<string> CsvAsync(byte[] xlsx)
    {
        var dir = Directory.CreateTempSubdirectory("fupin-zg-").FullName;
        try
        {
            var file = Path.Combine(dir, "ledger.xlsx");
            await File.WriteAllBytesAsync(file, xlsx);
            var psi = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
            psi.ArgumentList.Add("-env:UserInstallation=file://" + Path.Combine(dir, "lo-profile"));
            foreach (var a in new[] { "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, file }) psi.ArgumentList.Add(a);
            Process p;
            try
            {
                p = Process.Start(psi)!;
            }
            catch (Win32Exception e)
            {
                throw new InvalidOperationException("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui, or run ./test.sh which installs it", e);
            }
            using (p)
            {
                var output = p.StandardOutput.ReadToEndAsync();
                var error = p.StandardError.ReadToEndAsync();
                if (!p.WaitForExit(120_000))
                {
                    p.Kill(entireProcessTree: true);
                    throw new TimeoutException("soffice did not finish in 120 s");
                }
                Assert.True(p.ExitCode == 0, $"soffice exit {p.ExitCode}: {await output} {await error}");
            }
            return await File.ReadAllTextAsync(Path.Combine(dir, "ledger.csv"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
