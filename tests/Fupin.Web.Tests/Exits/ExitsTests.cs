using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Exits;

/// <summary>
/// 石门村 (411321304201) and 竹园村 (411321304202) of 石门乡; a township officer of 石门乡, village cadres of
/// each village, a county leader. Each test makes its own households: passing ones have 2018 income
/// 4000.00 yuan for one person (line 3535) and a 2018-09-01 visit with food and clothing secure.
/// </summary>
public sealed class ExitsApp : FupinApp
{
    public const string MyVillage = RegistryBuilder.Village;
    public const string OtherVillage = "411321304202";

    public SignedInClient Officer { get; private set; } = null!;
    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient OtherCadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "竹园村");
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [MyVillage]));
        OtherCadre = await SignInAsync(await UserAsync(Role.VillageCadre, [OtherVillage]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }

    static int _n;

    public async Task<long> NewHouseholdAsync(bool passing = true, string village = MyVillage)
    {
        var n = Interlocked.Increment(ref _n);
        var id = await Seed.HouseholdAsync(Db, village, "退户" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), h =>
        {
            h.PlannedExitYear = 2018;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 1, Wage = passing ? 400_000 : 300_000 });
        });
        await using var db = Db.NewContext();
        db.Visits.Add(new HouseholdVisit
        {
            HouseholdId = id, CountyCode = RegistryBuilder.County, VillageCode = village, VisitedOn = new DateOnly(2018, 9, 1),
            Visitor = "王帮扶", FoodSecure = true, ClothingSecure = true, RecordedBy = "test",
        });
        await db.SaveChangesAsync();
        return id;
    }
}

public class ExitsTests(ExitsApp app) : IClassFixture<ExitsApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static Task<HttpResponseMessage> Post<T>(HttpClient client, string url, T body) => client.PostAsJsonAsync(url, body, FupinApp.Json);

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    static async Task<(long Id, long Version)> StartAsync(HttpClient client, long householdId)
    {
        var (status, body) = await SendAsync(Post(client, "/api/exits", new { householdId }));
        Assert.Equal(HttpStatusCode.Created, status);
        return (body.GetProperty("id").GetInt64(), body.GetProperty("version").GetInt64());
    }

    static Task<(HttpStatusCode Status, JsonElement Body)> StepAsync(HttpClient client, long id, long version, string step, string date, string? note = "评议通过") =>
        SendAsync(Post(client, $"/api/exits/{id}/steps", new { version, step, date, note }));

    [Fact]
    public async Task Api_StartAndSteps_CodesForOrderNoticeStaleVersion_AndDeregistrationChangesStatus()
    {
        using var officer = app.ClientFor(app.Officer);
        var household = await app.NewHouseholdAsync();
        var (id, v) = await StartAsync(officer, household);

        var (status, problem) = await StepAsync(officer, id, v, "Consent", "2018-09-10");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["exit.step_order"], Codes(problem, "step"));

        string[] steps = ["Deliberation", "Verification", "Consent", "PublicNotice"];
        string[] dates = ["2018-09-10", "2018-09-12", "2018-09-14", "2018-09-20"];
        for (var i = 0; i < steps.Length; i++)
        {
            var (ok, saved) = await StepAsync(officer, id, v, steps[i], dates[i]);
            Assert.Equal(HttpStatusCode.OK, ok);
            v = saved.GetProperty("version").GetInt64();
        }

        // 公示 from 2018-09-20 for 7 days: 公告 on 09-26 is one day early, 09-27 is the first allowed day.
        (status, problem) = await StepAsync(officer, id, v, "Announcement", "2018-09-26");
        Assert.Equal(["exit.notice_not_over"], Codes(problem, "date"));
        Assert.Contains("2018-09-27", problem.GetProperty("errors").GetProperty("date")[0].GetString());

        (status, problem) = await StepAsync(officer, id, v - 1, "Announcement", "2018-09-27");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("conflict", problem.GetProperty("code").GetString());

        var (announced, after) = await StepAsync(officer, id, v, "Announcement", "2018-09-27");
        Assert.Equal(HttpStatusCode.OK, announced);
        Assert.Equal("Deregistration", after.GetProperty("nextStep").GetString());
        var (closed, done) = await StepAsync(officer, id, after.GetProperty("version").GetInt64(), "Deregistration", "2018-09-28", null);
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("Completed", done.GetProperty("status").GetString());

        var h = await app.HouseholdAsync(household);
        Assert.Equal(PovertyStatus.ExitedWithPolicy, h.Status);
        Assert.Equal(2018, h.ExitYear);
        var details = await app.GetJsonAsync<JsonElement>($"/api/exits/{id}");
        Assert.Equal(6, details.GetProperty("steps").GetArrayLength());
        Assert.Equal("2018-09-28", details.GetProperty("completedOn").GetString());
    }

    [Fact]
    public async Task Api_FailingTest_BlocksSteps_OverrideByOfficer403_ByAdminThenStepsProceed()
    {
        using var officer = app.ClientFor(app.Officer);
        using var admin = app.Client();
        var (id, v) = await StartAsync(officer, await app.NewHouseholdAsync(passing: false));

        var (status, problem) = await StepAsync(officer, id, v, "Deliberation", "2018-09-10");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["exit.test_failed"], Codes(problem, "step"));
        Assert.Contains("收入不达标", problem.GetProperty("errors").GetProperty("step")[0].GetString());

        (status, problem) = await SendAsync(Post(officer, $"/api/exits/{id}/override", new { version = v, reason = "乡镇研究同意按例外处理" }));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("exit.not_allowed", problem.GetProperty("code").GetString());

        (status, problem) = await SendAsync(Post(admin, $"/api/exits/{id}/override", new { version = v, reason = "太短" }));
        Assert.Equal(["exit.reason_too_short"], Codes(problem, "reason"));

        var (ok, saved) = await SendAsync(Post(admin, $"/api/exits/{id}/override", new { version = v, reason = "务工收入已确认将于年底结算，县扶贫办研究同意" }));
        Assert.Equal(HttpStatusCode.OK, ok);
        var (stepped, _) = await StepAsync(officer, id, saved.GetProperty("version").GetInt64(), "Deliberation", "2018-09-10");
        Assert.Equal(HttpStatusCode.OK, stepped);

        var list = await app.GetJsonAsync<JsonElement>("/api/exits?overridden=true&year=2018");
        Assert.Contains(list.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Api_Roles_AndScope()
    {
        using var cadre = app.ClientFor(app.Cadre);
        using var other = app.ClientFor(app.OtherCadre);
        using var leader = app.ClientFor(app.Leader);
        var household = await app.NewHouseholdAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(leader, "/api/exits", new { householdId = household })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Post(other, "/api/exits", new { householdId = household }))).Status);

        var (id, v) = await StartAsync(cadre, household);
        var (again, problem) = await SendAsync(Post(cadre, "/api/exits", new { householdId = household }));
        Assert.Equal(["exit.already_in_progress"], Codes(problem, "householdId"));
        Assert.Equal(HttpStatusCode.BadRequest, again);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/exits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/exits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/exits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(leader, $"/api/exits/{id}/steps", new { version = v, step = "Deliberation", date = "2018-09-10", note = "x" })).StatusCode);

        string[] steps = ["Deliberation", "Verification", "Consent", "PublicNotice"];
        string[] dates = ["2018-09-10", "2018-09-12", "2018-09-14", "2018-09-20"];
        for (var i = 0; i < steps.Length; i++) v = (await StepAsync(cadre, id, v, steps[i], dates[i])).Body.GetProperty("version").GetInt64();
        var (status, refused) = await StepAsync(cadre, id, v, "Announcement", "2018-09-27");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("乡镇干部或县级管理员", refused.GetProperty("detail").GetString());

        var cancelled = await SendAsync(Post(cadre, $"/api/exits/{id}/cancel", new { version = v, reason = "暂缓" }));
        Assert.Equal(HttpStatusCode.Forbidden, cancelled.Status);

        var otherList = await SendAsync(other.GetAsync("/api/exits?year=2018"));
        Assert.DoesNotContain(otherList.Body.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/exits?region={ExitsApp.MyVillage}")).StatusCode);
    }

    [Fact]
    public async Task Pages_HouseholdShowsTestAndStartButton_StartThenRecordStepAndCancel()
    {
        using var officer = app.ClientFor(app.Officer, bearerForApi: false);
        var household = await app.NewHouseholdAsync();

        var page = await officer.GetStringAsync($"/households/{household}");
        Assert.Contains("退出评估（2018年）", page);
        Assert.Contains("data-indicator=\"Income\" data-state=\"Met\"", page);
        Assert.Contains("人均 4000.00 元", page);
        Assert.Contains($"href=\"/exits/start?household={household}\" data-start-exit", page);

        var startPage = await officer.GetStringAsync($"/exits/start?household={household}");
        var form = Api.HiddenFields(startPage);
        form["Year"] = "2018";
        var started = await officer.PostAsync("/exits/start", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.Matches(@"^/exits/\d+\?saved=started$", location);
        var url = location[..location.IndexOf('?', StringComparison.Ordinal)];

        var html = await officer.GetStringAsync(url);
        Assert.Contains("登记下一步：民主评议", html);
        Assert.Contains("data-indicator=\"Water\" data-state=\"Met\"", html);
        Assert.DoesNotContain("登记评估例外", html);

        var step = Api.HiddenFields(html);
        step["Date"] = "2018-09-10";
        step["Note"] = "";
        var refused = await officer.PostAsync($"{url}?handler=Step", new FormUrlEncodedContent(step));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("data-error=\"exit.note_required\"", await refused.Content.ReadAsStringAsync());

        step["Note"] = "村民代表会议：到会 31 人，同意 31 人";
        var saved = await officer.PostAsync($"{url}?handler=Step", new FormUrlEncodedContent(step));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await officer.GetStringAsync(url);
        Assert.Contains("data-step=\"Deliberation\" data-done=\"true\"", after);
        Assert.Contains("村民代表会议：到会 31 人，同意 31 人", after);
        Assert.Contains("登记下一步：村两委和驻村工作队核实", after);

        var cancel = Api.HiddenFields(after);
        cancel["Reason"] = "户主对收入核算有异议，暂缓退出";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync($"{url}?handler=Cancel", new FormUrlEncodedContent(cancel))).StatusCode);
        Assert.Contains("已终止", await officer.GetStringAsync(url));
        Assert.Equal(PovertyStatus.NotExited, (await app.HouseholdAsync(household)).Status);

        var list = await officer.GetStringAsync("/exits?year=2018");
        Assert.Contains("石门乡 2018 年退出进度", list);
        Assert.Contains($"href=\"{url}\"", list);
    }

    [Fact]
    public async Task Export_IsXlsx_AndLogged()
    {
        using var officer = app.ClientFor(app.Officer);
        await StartAsync(officer, await app.NewHouseholdAsync());
        using var response = await officer.GetAsync("/api/exits/export?year=2018&status=InProgress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Action == "导出" && c.Field == "退出程序台账" && c.User == app.Officer.User.UserName && c.NewValue == "year=2018&status=InProgress"));
    }
}
