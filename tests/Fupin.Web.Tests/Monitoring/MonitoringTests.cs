using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Monitoring;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Monitoring;

/// <summary>石门村 (my village) and 四棵树村 of another township; a village cadre of 石门村 and a county leader.</summary>
public sealed class MonitoringApp : FupinApp
{
    public const string MyVillage = RegistryBuilder.Village;
    public const string OtherVillage = "411321305201";

    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "四棵树村");
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [MyVillage]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }

    static int _n;

    /// <summary>An exited household of one with 2017 income of 4,000 yuan (below 1.5 × 3,335) and its proposed object.</summary>
    public async Task<(long ObjectId, long HouseholdId)> ProposedAsync(string village, DateOnly? includedOn = null)
    {
        var head = "监户" + Interlocked.Increment(ref _n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var householdId = await Seed.HouseholdAsync(Db, village, head, h =>
        {
            h.Status = PovertyStatus.ExitedWithPolicy;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 1, Wage = 400_000 });
        });
        await using var db = Db.NewContext();
        var o = new MonitoringObject
        {
            CountyCode = RegistryBuilder.County, VillageCode = village, HouseholdId = householdId, HeadName = head, Persons = 1,
            Type = MonitoringType.UnstableExited, Risks = [RiskType.Illness], RuleCode = MonitoringRules.IncomeBelow, Reason = "测试",
            ProposedOn = new DateOnly(2018, 3, 1), ProposedBy = "t",
            Status = includedOn is null ? MonitoringStatus.Proposed : MonitoringStatus.Monitored, IncludedOn = includedOn,
        };
        db.MonitoringObjects.Add(o);
        await db.SaveChangesAsync();
        return (o.Id, householdId);
    }
}

public class MonitoringTests(MonitoringApp app) : IClassFixture<MonitoringApp>
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
    public async Task Api_ManualAdd_BadIdRefusedWithCode_NothingWritten_LeaderForbidden_GoodIdCreated()
    {
        var good = ResidentId.Create(RegistryBuilder.County, new DateOnly(1980, 2, 3), 457).ToString();
        var bad = good[..17] + (good[17] == '1' ? '2' : '1');
        object Body(string id) => new { villageCode = MonitoringApp.MyVillage, headName = "边缘户主", headIdNumber = id, persons = 4, type = "Marginal", risks = new[] { "Illness", "Schooling" }, reason = "户主患病，两子女上学" };
        using var cadre = app.ClientFor(app.Cadre);
        await using var db = app.Db.NewContext();
        var before = await db.MonitoringObjects.CountAsync();

        var (status, problem) = await SendAsync(cadre.PostAsJsonAsync("/api/monitoring/objects", Body(bad), FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation", problem.GetProperty("code").GetString());
        Assert.Equal(["monitoring.id_invalid"], Codes(problem, "headIdNumber"));
        Assert.Equal(before, await db.MonitoringObjects.CountAsync());

        using var leader = app.ClientFor(app.Leader);
        var forbidden = await leader.PostAsJsonAsync("/api/monitoring/objects", Body(good), FupinApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var (created, saved) = await SendAsync(cadre.PostAsJsonAsync("/api/monitoring/objects", Body(good), FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = saved.GetProperty("id").GetInt64();
        var (ok, details) = await SendAsync(leader.GetAsync($"/api/monitoring/objects/{id}"));
        Assert.Equal(HttpStatusCode.OK, ok);
        var row = details.GetProperty("row");
        Assert.Equal("边缘易致贫户", row.GetProperty("typeLabel").GetString());
        Assert.Equal("因病、因学", row.GetProperty("risksLabel").GetString());
        Assert.Equal(good[..6] + "********" + good[14..], row.GetProperty("headIdMasked").GetString());
        Assert.DoesNotContain(good, details.GetRawText());
    }

    [Fact]
    public async Task Api_Decide_RejectWithoutNote400_StaleVersion409_OtherVillage404ForCadre_Include200()
    {
        var (mine, _) = await app.ProposedAsync(MonitoringApp.MyVillage);
        var (other, _) = await app.ProposedAsync(MonitoringApp.OtherVillage);
        using var cadre = app.ClientFor(app.Cadre);

        var (s1, p1) = await SendAsync(cadre.PostAsJsonAsync($"/api/monitoring/objects/{mine}/decision", new { version = 0, include = false, note = "" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s1);
        Assert.Equal(["monitoring.note_required"], Codes(p1, "note"));

        var (s2, p2) = await SendAsync(cadre.PostAsJsonAsync($"/api/monitoring/objects/{mine}/decision", new { version = 5, include = true }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Conflict, s2);
        Assert.Equal("conflict", p2.GetProperty("code").GetString());

        var (s3, p3) = await SendAsync(cadre.PostAsJsonAsync($"/api/monitoring/objects/{other}/decision", new { version = 0, include = true }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.NotFound, s3);
        Assert.Equal("not_found", p3.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/monitoring/objects?region={MonitoringApp.OtherVillage}")).StatusCode);

        var (s4, p4) = await SendAsync(cadre.PostAsJsonAsync($"/api/monitoring/objects/{mine}/decision", new { version = 0, include = true }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal(("Monitored", "监测中", 1), (p4.GetProperty("status").GetString(), p4.GetProperty("statusLabel").GetString(), p4.GetProperty("version").GetInt32()));

        var (s5, p5) = await SendAsync(cadre.PostAsJsonAsync($"/api/monitoring/objects/{mine}/clear", new { version = 1, note = " " }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s5);
        Assert.Equal(["monitoring.note_required"], Codes(p5, "note"));

        var (s6, p6) = await SendAsync(cadre.PostAsJsonAsync("/api/monitoring/events", new { householdId = 999_999, risk = "Illness", occurredOn = "2018-09-01", description = "x" }, FupinApp.Json));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (s6, p6.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task ListPage_CadreSeesOwnVillageOnly_FlaggedRowHighlighted_LeaderHasNoRunButton()
    {
        var (flagged, _) = await app.ProposedAsync(MonitoringApp.MyVillage, includedOn: new DateOnly(2018, 4, 7));
        var (calm, _) = await app.ProposedAsync(MonitoringApp.MyVillage, includedOn: new DateOnly(2018, 4, 8));
        var (hidden, _) = await app.ProposedAsync(MonitoringApp.OtherVillage);
        using var cadre = app.ClientFor(app.Cadre, bearerForApi: false);

        var html = await cadre.GetStringAsync("/monitoring");
        Assert.Contains($"<tr data-object=\"{flagged}\" class=\"flagged\">", html);
        Assert.Contains($"<tr data-object=\"{calm}\" class=\"\">", html);
        Assert.DoesNotContain($"data-object=\"{hidden}\"", html);
        Assert.Contains("按规则筛查", html);
        Assert.Contains(MonitoringRules.FlagText, html);

        using var leader = app.ClientFor(app.Leader, bearerForApi: false);
        var leaderHtml = await leader.GetStringAsync("/monitoring");
        Assert.Contains($"data-object=\"{hidden}\"", leaderHtml);
        Assert.DoesNotContain("按规则筛查</button>", leaderHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/monitoring/{hidden}")).StatusCode);

        var details = await cadre.GetStringAsync($"/monitoring/{flagged}");
        Assert.Contains("data-flag", details);
        Assert.Contains("2018-10-07", details); // the deadline: 6 months after 2018-04-07
    }

    [Fact]
    public async Task Pages_RunRulesFromList_ThenClearWithoutNoteRefused_ExportIsLoggedXlsx()
    {
        await Seed.HouseholdAsync(app.Db, MonitoringApp.MyVillage, "筛查户", h =>
        {
            h.Status = PovertyStatus.ExitedWithoutPolicy;
            h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 1, Wage = 500_249 });
        });
        using var cadre = app.ClientFor(app.Cadre, bearerForApi: false);
        var form = Api.HiddenFields(await cadre.GetStringAsync("/monitoring"));
        var run = await cadre.PostAsync("/monitoring?handler=Propose", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.StartsWith("/monitoring?status=Proposed&proposed=", run.Headers.Location!.OriginalString);
        var after = await cadre.GetStringAsync(run.Headers.Location.OriginalString);
        Assert.Contains("按规则筛查完成", after);
        Assert.Contains("筛查户", after);

        long id;
        await using (var db = app.Db.NewContext())
            id = await db.MonitoringObjects.Where(o => o.HeadName == "筛查户").Select(o => o.Id).SingleAsync();
        var page = Api.HiddenFields(await cadre.GetStringAsync($"/monitoring/{id}"));
        var include = await cadre.PostAsync($"/monitoring/{id}?handler=Include", new FormUrlEncodedContent(page));
        Assert.Equal($"/monitoring/{id}?saved=include", include.Headers.Location?.OriginalString);

        page = Api.HiddenFields(await cadre.GetStringAsync($"/monitoring/{id}"));
        page["Note"] = "";
        var refused = await cadre.PostAsync($"/monitoring/{id}?handler=Clear", new FormUrlEncodedContent(page));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("标注风险消除须填写消除情况", await refused.Content.ReadAsStringAsync());

        var export = await cadre.GetAsync($"/monitoring/export?region={MonitoringApp.MyVillage}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ExportMonitoringObjects.ContentType, export.Content.Headers.ContentType?.MediaType);
        await using var check = app.Db.NewContext();
        Assert.True(await check.Changes.AnyAsync(c => c.Entity == "MonitoringObject" && c.Action == AccountLog.Exported && c.NewValue == $"region={MonitoringApp.MyVillage}"));
    }
}
