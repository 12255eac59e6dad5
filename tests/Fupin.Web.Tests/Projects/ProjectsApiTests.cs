using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Projects;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Projects;

/// <summary>石门村 (the cadre's village) and 四棵树村 of another township; a cadre, a township officer of 石门乡, a county leader.</summary>
public sealed class ProjectsApp : FupinApp
{
    public const string MyVillage = RegistryBuilder.Village;
    public const string OtherVillage = "411321305201";

    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Township { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "四棵树村");
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [MyVillage]));
        Township = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }

    static int _n;

    public static object Body(string village, string name, ProjectCategory category = ProjectCategory.Transport) => new
    {
        regionCode = village, category = category.ToString(), name, responsibleUnit = "县交通运输局", responsiblePerson = "赵立新",
        budgetYuan = 1_500_000.50m, year = 2018, appliedOn = "2018-03-01",
    };

    /// <summary>A project made through the API by the admin; returns its id.</summary>
    public async Task<long> ProjectAsync(string village = MyVillage, ProjectCategory category = ProjectCategory.Transport)
    {
        using var client = Client();
        var name = "道路硬化工程" + Interlocked.Increment(ref _n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsJsonAsync("/api/projects", Body(village, name, category), Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}

public class ProjectsApiTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Api_ApprovalPath_SkipAndRoleRefusedWithCodes_ReturnNeedsReason_StaleVersion409()
    {
        using var cadre = app.ClientFor(app.Cadre);
        using var township = app.ClientFor(app.Township);
        using var admin = app.Client();
        var (created, saved) = await SendAsync(cadre.PostAsJsonAsync("/api/projects", ProjectsApp.Body(ProjectsApp.MyVillage, "石门村产业路"), FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = saved.GetProperty("id").GetInt64();
        Assert.Equal("村申报", saved.GetProperty("stageLabel").GetString());
        Assert.StartsWith("XM2018-", saved.GetProperty("code").GetString(), StringComparison.Ordinal);

        var (s1, p1) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/advance", new { toStage = "TownshipReviewed" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal([ProjectRoles.NotAllowedCode], Codes(p1, "toStage"));
        var (s2, p2) = await SendAsync(township.PostAsJsonAsync($"/api/projects/{id}/advance", new { toStage = "CountyApproved" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["project.stage_skip"], Codes(p2, "toStage"));
        var (s3, p3) = await SendAsync(township.PostAsJsonAsync($"/api/projects/{id}/advance", new { toStage = "TownshipReviewed", version = 0 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Conflict, s3);
        Assert.Equal("conflict", p3.GetProperty("code").GetString());
        var (s4, p4) = await SendAsync(township.PostAsJsonAsync($"/api/projects/{id}/advance", new { toStage = "TownshipReviewed", reference = "石政〔2018〕12号", version = 1 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal(("TownshipReviewed", 2), (p4.GetProperty("stage").GetString(), p4.GetProperty("version").GetInt32()));

        var (s5, p5) = await SendAsync(admin.PostAsJsonAsync($"/api/projects/{id}/return", new { reason = "太短" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Equal(["project.reason_required"], Codes(p5, "reason"));
        var (s6, p6) = await SendAsync(admin.PostAsJsonAsync($"/api/projects/{id}/return", new { reason = "缺少村民代表会议记录" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s6);
        Assert.Equal("Applied", p6.GetProperty("stage").GetString());
        var (s7, _) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/resubmit", new { note = "已补充会议记录" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s7);

        var (s8, details) = await SendAsync(cadre.GetAsync($"/api/projects/{id}"));
        Assert.Equal(HttpStatusCode.OK, s8);
        Assert.Equal(4, details.GetProperty("events").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, details.GetProperty("returnedReason").ValueKind);
    }

    [Fact]
    public async Task Api_Plan_ImpossibleDeadlineSavedAndReported_ProgressUpdatesStatus_DecreaseRefused()
    {
        var id = await app.ProjectAsync();
        using var admin = app.Client();
        using var cadre = app.ClientFor(app.Cadre);

        var (s0, p0) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/plan", new { deadline = "2019-06-30" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s0);
        Assert.Equal([ProjectRoles.NotAllowedCode], Codes(p0, "deadline"));

        // 交通 template: 220 days; back from 2019-03-31 the first milestone was due 2018-08-23, 46 days ago.
        var (s1, plan) = await SendAsync(admin.PostAsJsonAsync($"/api/projects/{id}/plan", new { deadline = "2019-03-31" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal((1, 46, "已不可能按期完成，需提前46天", "Late"),
            (plan.GetProperty("number").GetInt32(), plan.GetProperty("shortfallDays").GetInt32(), plan.GetProperty("message").GetString(), plan.GetProperty("status").GetString()));

        var (s2, report) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/progress", new { seq = 1, percent = 100, reportedOn = "2018-10-01", narrative = "勘察设计完成" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s2);
        Assert.Equal(13, report.GetProperty("projectPercent").GetInt32()); // 30 of 220 days
        var (s3, p3) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/progress", new { seq = 2, percent = 0, narrative = "" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s3);
        Assert.Equal(["project.narrative_required"], Codes(p3, "narrative"));

        var (s4, plan2) = await SendAsync(admin.PostAsJsonAsync($"/api/projects/{id}/plan", new { deadline = "2019-06-30", reason = "汛期顺延" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal((2, 0, JsonValueKind.Null), (plan2.GetProperty("number").GetInt32(), plan2.GetProperty("shortfallDays").GetInt32(), plan2.GetProperty("message").ValueKind));

        var (s5, schedule) = await SendAsync(cadre.GetAsync($"/api/projects/{id}/schedule"));
        Assert.Equal(HttpStatusCode.OK, s5);
        Assert.Equal(2, schedule.GetProperty("plans").GetArrayLength());
        Assert.Equal("Done", schedule.GetProperty("milestones")[0].GetProperty("status").GetString());
        Assert.Equal("OnTime", schedule.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Api_List_FilterCountsAndScope_Export_Logged()
    {
        var mine = await app.ProjectAsync(category: ProjectCategory.Water);
        var other = await app.ProjectAsync(ProjectsApp.OtherVillage, ProjectCategory.Water);
        using var cadre = app.ClientFor(app.Cadre);

        var (s1, page) = await SendAsync(cadre.GetAsync("/api/projects?category=Water"));
        Assert.Equal(HttpStatusCode.OK, s1);
        var ids = page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(other, ids);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/projects/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/projects?region={ProjectsApp.OtherVillage}")).StatusCode);
        var notPlanned = page.GetProperty("counts").GetProperty("byStatus").EnumerateArray().Single(c => c.GetProperty("value").GetString() == "NotPlanned");
        Assert.True(notPlanned.GetProperty("count").GetInt32() >= 1);
        var (s2, bad) = await SendAsync(cadre.GetAsync("/api/projects?region=4113213"));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["region.invalid"], Codes(bad, "region"));

        var export = await cadre.GetAsync("/api/projects/export?category=Water");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ExportProjectLedger.ContentType, export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows, r => ids.Count > 0 && (string?)r["项目名称"] is { } n && n.StartsWith("道路硬化工程", StringComparison.Ordinal) && Convert.ToDouble(r["总投资（万元）"], System.Globalization.CultureInfo.InvariantCulture) == 150.0);
        Assert.Equal("未排期", row["工期状态"]);
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportProjectLedger.Entity && c.Action == AccountLog.Exported && c.NewValue == "category=Water"));
    }

    [Fact]
    public async Task Api_Documents_PdfStoredAndDownloaded_HtmlRefused_Beneficiary_AddedOnceAndRemoved()
    {
        var id = await app.ProjectAsync();
        using var cadre = app.ClientFor(app.Cadre);
        var (_, details) = await SendAsync(cadre.GetAsync($"/api/projects/{id}"));
        var eventId = details.GetProperty("events")[0].GetProperty("id").GetInt64();

        MultipartFormDataContent Form(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name }, { new StringContent(eventId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "eventId" } };
            return form;
        }
        var pdf = "%PDF-1.4\n%%EOF"u8.ToArray();
        var (s1, doc) = await SendAsync(cadre.PostAsync($"/api/projects/{id}/documents", Form(pdf, "会议记录.pdf")));
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal("application/pdf", doc.GetProperty("contentType").GetString());
        var download = await cadre.GetAsync($"/api/projects/{id}/documents/{doc.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        var (s2, p2) = await SendAsync(cadre.PostAsync($"/api/projects/{id}/documents", Form("<html>x</html>"u8.ToArray(), "x.pdf")));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["document.type"], Codes(p2, "file"));

        var household = await Seed.HouseholdAsync(app.Db, ProjectsApp.MyVillage, "带贫户主");
        var body = new { householdId = household, kind = "Infrastructure", benefit = "道路通到家门口", amountYuan = (decimal?)null };
        var (s3, _) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/beneficiaries", body, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s3);
        var (s4, p4) = await SendAsync(cadre.PostAsJsonAsync($"/api/projects/{id}/beneficiaries", body, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s4);
        Assert.Equal(["project.beneficiary_duplicate"], Codes(p4, "householdId"));
        var (_, after) = await SendAsync(cadre.GetAsync($"/api/projects/{id}"));
        var b = Assert.Single(after.GetProperty("beneficiaries").EnumerateArray());
        Assert.Equal("带贫户主", b.GetProperty("headName").GetString());
        Assert.Equal(1, after.GetProperty("row").GetProperty("beneficiaries").GetInt32());
        var removed = await cadre.DeleteAsync($"/api/projects/{id}/beneficiaries/{b.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
    }
}
