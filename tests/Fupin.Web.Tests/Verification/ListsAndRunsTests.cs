using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Verification;

/// <summary>
/// 石门村 (石门乡): a household whose son is on the police's deaths list; 四棵树村 (四棵树乡): a household
/// whose head is. A department user (县公安局, the county), a township officer of 石门乡, a village cadre.
/// </summary>
public sealed class ListsApp : FupinApp
{
    public const string OtherVillage = "411321305201";

    public string SonName { get; private set; } = "";
    public string SonId { get; private set; } = "";
    public long SonMemberId { get; private set; }
    public string OtherHeadName { get; private set; } = "";
    public string OtherHeadId { get; private set; } = "";

    public SignedInClient Department { get; private set; } = null!;
    public SignedInClient Officer { get; private set; } = null!;
    public SignedInClient Cadre { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "四棵树村");
        var mine = await Seed.HouseholdAsync(Db, RegistryBuilder.Village, "石户主", h => h.Members[1].Name = "石长子", extraMembers: 1);
        var other = await Seed.HouseholdAsync(Db, OtherVillage, "四户主");
        await using var db = Db.NewContext();
        var son = await db.Members.SingleAsync(m => m.HouseholdId == mine && m.Name == "石长子");
        (SonName, SonId, SonMemberId) = (son.Name, son.IdNumber!.Value.ToString(), son.Id);
        var head = await db.Members.SingleAsync(m => m.HouseholdId == other);
        (OtherHeadName, OtherHeadId) = (head.Name, head.IdNumber!.Value.ToString());
        Department = await SignInAsync(await UserAsync(Role.Department, [RegistryBuilder.County], "county-police"));
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [RegistryBuilder.Village]));
    }

    public static byte[] Csv(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];

    public static MultipartFormDataContent ListForm(byte[] file, string fileName, string? asOf = "2018-09-30", string? department = null)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { part, "file", fileName } };
        if (asOf is not null) form.Add(new StringContent(asOf), "asOf");
        if (department is not null) form.Add(new StringContent(department), "department");
        return form;
    }
}

public class ListsAndRunsTests(ListsApp app) : IClassFixture<ListsApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task ListUploadedWithADepartmentToken_ThenRuns_FindTheCases_WithinTheRunnersScope_ASecondRunChangesNothing()
    {
        // The department's program posts with its API token only: no cookie.
        using var token = app.Factory.CreateDefaultClient(new BearerForApi(app.Department.User.Token));
        var deaths = ListsApp.Csv(
            "县公安局户籍注销人员名单",
            "姓名,身份证号码,注销原因,注销日期,备注",
            $"{app.SonName},{app.SonId},死亡,2018-03-02,",
            $"{app.OtherHeadName},{app.OtherHeadId},死亡,2018-05-11,",
            $"不在册,{ResidentId.Create("411321", new DateOnly(1950, 2, 3), 21)},迁出,2018-06-01,",
            "号码有误,4113211950020300,死亡,2018-06-01,");

        var (status, report) = await SendAsync(token.PostAsync("/api/verification/lists/deaths", ListsApp.ListForm(deaths, "公安注销名单.csv", department: "南召县公安局")));

        Assert.True(status == HttpStatusCode.Created, report.ToString());
        Assert.Equal((3, 1), (report.GetProperty("rows").GetInt32(), report.GetProperty("refused").GetInt32()));
        var problems = report.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("row").GetInt32() == 6 && p.GetProperty("code").GetString() == "id.invalid");
        Assert.Contains(problems, p => p.GetProperty("code").GetString() == "column.unknown" && p.GetProperty("column").GetString() == "备注");

        var (again, againBody) = await SendAsync(token.PostAsync("/api/verification/lists/deaths", ListsApp.ListForm(deaths, "再传一次.csv")));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("list.duplicate", againBody.GetProperty("code").GetString());

        var (missing, missingBody) = await SendAsync(token.PostAsync("/api/verification/lists/payroll",
            ListsApp.ListForm(ListsApp.Csv("姓名,身份证号码,职务", $"{app.SonName},{app.SonId},科员"), "财政名单.csv")));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(["column.missing"], missingBody.GetProperty("codes").GetProperty("file").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("缺少必需的列“工作单位”", missingBody.GetProperty("errors").GetProperty("file")[0].GetString());

        var (unknownType, unknownBody) = await SendAsync(token.PostAsync("/api/verification/lists/horses", ListsApp.ListForm(deaths, "x.csv")));
        Assert.Equal(HttpStatusCode.BadRequest, unknownType);
        Assert.Equal(["list.type_unknown"], unknownBody.GetProperty("codes").GetProperty("type").EnumerateArray().Select(c => c.GetString()));

        var (history, historyBody) = await SendAsync(token.GetAsync("/api/verification/lists"));
        Assert.Equal(HttpStatusCode.OK, history);
        var loaded = historyBody.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("fileName").GetString() == "公安注销名单.csv");
        Assert.Equal(("deaths", "南召县公安局", "接口", "county-police", RegistryBuilder.County, "2018-09-30"),
            (loaded.GetProperty("type").GetString(), loaded.GetProperty("department").GetString(), loaded.GetProperty("via").GetString(),
             loaded.GetProperty("loadedBy").GetString(), loaded.GetProperty("regionCode").GetString(), loaded.GetProperty("asOf").GetString()));

        // A department reads no registry: no findings, no runs.
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/verification/findings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.PostAsJsonAsync("/api/verification/runs", new { region = RegistryBuilder.County })).StatusCode);

        // The township officer runs their township: the son is found, the other township's head is not.
        using var officer = app.ClientFor(app.Officer);
        var (run, runBody) = await SendAsync(officer.PostAsJsonAsync("/api/verification/runs", new { region = RegistryBuilder.Township }));
        Assert.True(run == HttpStatusCode.OK, runBody.ToString());
        Assert.Equal((1, 1, 0, 0), (runBody.GetProperty("found").GetInt32(), runBody.GetProperty("new").GetInt32(), runBody.GetProperty("reopened").GetInt32(), runBody.GetProperty("gone").GetInt32()));
        var vehicle = runBody.GetProperty("skipped").EnumerateArray().Single(s => s.GetProperty("rule").GetString() == "list.vehicle");
        Assert.Equal("未导入《车辆登记》名单", vehicle.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync("/api/verification/runs", new { region = RegistryBuilder.County })).StatusCode);
        using var cadre = app.ClientFor(app.Cadre);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsJsonAsync("/api/verification/runs", new { region = RegistryBuilder.Village })).StatusCode);

        // The county office runs the county from the dashboard's button.
        using var admin = app.Client();
        var dashboard = await admin.GetStringAsync("/verification");
        var form = Api.HiddenFields(dashboard);
        Assert.Equal(RegistryBuilder.County, form["region"]);
        var posted = await admin.PostAsync("/verification?handler=Run", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("比对完成：南召县", html);
        Assert.Contains("<strong data-run=\"found\">2</strong>", html);
        Assert.Contains("<strong data-run=\"new\">1</strong>", html);
        Assert.Contains("data-skipped=\"list.vehicle\"", html);
        Assert.Contains("户籍注销（死亡、迁出）", html);

        var (second, secondBody) = await SendAsync(admin.PostAsJsonAsync("/api/verification/runs", new { region = RegistryBuilder.County }));
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal((2, 0, 0, 0), (secondBody.GetProperty("found").GetInt32(), secondBody.GetProperty("new").GetInt32(), secondBody.GetProperty("reopened").GetInt32(), secondBody.GetProperty("gone").GetInt32()));

        var (findings, findingsBody) = await SendAsync(officer.GetAsync("/api/verification/findings?rule=list.deceased"));
        Assert.Equal(HttpStatusCode.OK, findings);
        var row = Assert.Single(findingsBody.GetProperty("rows").EnumerateArray());
        Assert.Equal((app.SonName, "已死亡人员仍在册", RegistryBuilder.Village, "Open"),
            (row.GetProperty("memberName").GetString(), row.GetProperty("ruleTitle").GetString(), row.GetProperty("assignedTo").GetString(), row.GetProperty("status").GetString()));
        Assert.Contains("注销原因：死亡", row.GetProperty("evidence").GetString());
        Assert.DoesNotContain(app.SonId, findingsBody.ToString());

        await using var db = app.Db.NewContext();
        var runs = await db.VerificationRuns.OrderBy(r => r.Id).Select(r => r.StartedBy).ToListAsync();
        Assert.Equal([app.Officer.User.UserName, FupinApp.AdminName, FupinApp.AdminName], runs);
    }

    [Fact]
    public async Task ListPage_AdminUploads_MissingColumnIsRefusedInChinese_AGoodFileIsReported_AndTheHistoryShowsIt()
    {
        using var admin = app.Client();
        var html = await admin.GetStringAsync("/verification/lists");
        Assert.Contains("各类名单需要的列", html);
        Assert.Contains("坐落", html);
        var token = Api.HiddenFields(html)["__RequestVerificationToken"];

        async Task<HttpResponseMessage> PostAsync(byte[] file, string fileName, string type)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(type), "Type" },
                { new StringContent("2018-09-28"), "AsOf" },
                { new StringContent(""), "Department" },
                { new StringContent(RegistryBuilder.County), "Region" },
                { part, "Upload", fileName },
            };
            return await admin.PostAsync("/verification/lists", form);
        }

        var bad = await PostAsync(ListsApp.Csv("姓名,身份证号码,面积", $"张三,{ResidentId.Create("411321", new DateOnly(1970, 1, 1), 31)},90"), "房产.csv", ListTypes.Property);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("名单未导入", badHtml);
        Assert.Contains("城镇不动产登记名单缺少必需的列“坐落”", badHtml);

        var good = await PostAsync(ListsApp.Csv("姓名,身份证号码,坐落,面积", $"张三,{ResidentId.Create("411321", new DateOnly(1970, 1, 1), 31)},县城建设路8号,90"), "房产登记.csv", ListTypes.Property);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var goodHtml = await good.Content.ReadAsStringAsync();
        Assert.Contains("名单已导入", goodHtml);
        Assert.Contains("保留 <strong>1</strong> 行", goodHtml);
        Assert.Contains("房产登记.csv", goodHtml);
        Assert.Contains("自然资源局（不动产登记中心）", goodHtml);

        await using var db = app.Db.NewContext();
        var list = await db.DepartmentLists.SingleAsync(l => l.FileName == "房产登记.csv");
        Assert.Equal(("文件上传", FupinApp.AdminName, new DateOnly(2018, 9, 28)), (list.Via, list.LoadedBy, list.AsOf));

        // The village cadre sees the history, but has no upload form and may not post one.
        using var cadre = app.ClientFor(app.Cadre);
        var cadrePage = await cadre.GetStringAsync("/verification/lists");
        Assert.Contains("房产登记.csv", cadrePage);
        Assert.DoesNotContain("上传名单</button>", cadrePage);
    }
}
