using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fupin.Tests.Assessment;

/// <summary>
/// 石门村 (poor village, 农业户籍人口 200) with 王大山's household of 2 (未脱贫) and 刘小花's of 1 (已脱贫); the county's
/// 摘帽 plan 2019-12-31. A township officer of 石门乡, a village cadre of 石门村, a county leader, an inspector.
/// </summary>
public sealed class AssessmentApp : FupinApp
{
    public SignedInClient Officer { get; private set; } = null!;
    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Leader { get; private set; } = null!;
    public SignedInClient Inspector { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await using (var ctx = Db.NewContext())
        {
            (await ctx.Regions.SingleAsync(r => r.Code == RegistryBuilder.Village)).RuralPopulation = 200;
            ctx.CountyExitPlans.Add(new CountyExitPlan { CountyCode = RegistryBuilder.County, TargetDate = new DateOnly(2019, 12, 31), UpdatedBy = "test" });
            await ctx.SaveChangesAsync();
        }
        await RegistryBuilder.AddHouseholdAsync(Db, h =>
        {
            h.Members[0].Name = "王大山";
            h.Members.Add(RegistryBuilder.Member(h, m => m.Name = "王二妮"));
        });
        await RegistryBuilder.AddHouseholdAsync(Db, h => (h.Members[0].Name, h.Status) = ("刘小花", PovertyStatus.ExitedWithPolicy));
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [RegistryBuilder.Village]));
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        Inspector = await SignInAsync(await UserAsync(Role.Inspector, [RegistryBuilder.County]));
    }
}

public class AssessmentPagesTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    static string Token(string html) => Api.HiddenFields(html)["__RequestVerificationToken"];

    [Fact]
    public async Task Readiness_PageShowsCountdownCardsAndVillages_ExportIsAWorkbook()
    {
        using var leader = app.ClientFor(app.Leader);
        var html = await leader.GetStringAsync("/assessment");
        Assert.Contains("摘帽准备情况 · 南召县", html);
        Assert.Contains("距摘帽目标还有449天（不足500天）", html);
        Assert.Contains("<span data-countdown>449</span>", html);
        foreach (var key in new[] { "incidence", "wrongExit", "missed", "approval", "villages" }) Assert.Contains($"data-indicator=\"{key}\"", html);
        Assert.Contains("无数据", html);
        Assert.Contains("href=\"/assessment/villages/411321304201?year=2018\"", html);
        Assert.Contains("/css/assessment.css", html);

        var response = await leader.GetAsync("/assessment/export?county=411321");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportReadinessReport.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.Position = 0;
        Assert.Equal(["退出指标", "贫困村退出"], MiniExcel.GetSheetNames(copy));
        var rows = copy.Query(useHeaderRow: true, sheetName: "退出指标").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["指标"] == "群众认可度" && (string?)r["判定"] == "无数据");

        // The API: 2 poor persons ÷ 200 = 1% as a lower bound; no sample, so 无数据.
        using var api = app.ClientFor(app.Leader);
        var json = await api.GetFromJsonAsync<JsonElement>("/api/assessment/readiness");
        Assert.Equal(449, json.GetProperty("countdown").GetProperty("days").GetInt32());
        var incidence = json.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "incidence");
        Assert.Equal((0.01m, "无数据"), (incidence.GetProperty("value").GetDecimal(), incidence.GetProperty("stateLabel").GetString()));
    }

    [Fact]
    public async Task Checklist_TownshipOfficerSaves_VillageCadreIsRefused()
    {
        using var officer = app.ClientFor(app.Officer);
        var html = await officer.GetStringAsync("/assessment/villages/411321304201?year=2018");
        Assert.Contains("有标准化卫生室", html);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(html), ["year"] = "2018", ["met_7"] = "yes", ["evidence_7"] = "卫生室80平方米", ["met_9"] = "no" };
        var saved = await officer.PostAsync("/assessment/villages/411321304201", new FormUrlEncodedContent(form));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, $"{(int)saved.StatusCode} {saved.Headers.Location} {await saved.Content.ReadAsStringAsync()}");
        Assert.Contains("检查项已保存", await saved.Content.ReadAsStringAsync());
        await using (var ctx = app.Db.NewContext())
        {
            var answers = await ctx.VillageChecklistAnswers.Where(a => a.VillageCode == RegistryBuilder.Village && a.Year == 2018).OrderBy(a => a.ItemId).ToListAsync();
            Assert.Equal([(7, true), (9, false)], answers.Select(a => (a.ItemId, a.Met)));
        }

        using var cadre = app.ClientFor(app.Cadre);
        var cadreHtml = await cadre.GetStringAsync("/assessment/villages/411321304201?year=2018");
        Assert.DoesNotContain("保存检查项", cadreHtml);
        form["__RequestVerificationToken"] = Token(cadreHtml);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsync("/assessment/villages/411321304201", new FormUrlEncodedContent(form))).StatusCode);
    }

}

/// <summary>Its own database: the sample it draws would change the readiness the page tests read.</summary>
public class AssessmentSampleTests(AssessmentApp app) : IClassFixture<AssessmentApp>
{
    static string Token(string html) => Api.HiddenFields(html)["__RequestVerificationToken"];

    [Fact]
    public async Task Sample_InspectorDrawsAndEntersResults_BadResultWritesNothing_LeaderCannotDraw()
    {
        using var leader = app.ClientFor(app.Leader);
        var refused = await leader.PostAsJsonAsync("/api/assessment/samples", new { year = 2018, seed = 5 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var inspector = app.ClientFor(app.Inspector);
        var drawn = await inspector.PostAsJsonAsync("/api/assessment/samples", new { year = 2018, seed = 5, parameters = new { villages = 1, exitedPerVillage = 1, poorPerVillage = 1, nonRegisteredPerVillage = 1 } });
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var id = (await drawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var html = await inspector.GetStringAsync($"/assessment/samples/{id}");
        Assert.Contains("石门村", html);
        Assert.Contains("王大山", html);
        Assert.Contains("非建档立卡户 1", html);
        long rowId;
        await using (var ctx = app.Db.NewContext())
            rowId = await ctx.SampledHouseholds.Where(h => h.SampleId == id && h.Frame == SampleFrame.Exited).Select(h => h.Id).SingleAsync();

        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(html), ["row"] = rowId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "0",
            ["surveyedOn"] = "2018-09-30", ["surveyor"] = "李评估", ["persons"] = "1", ["wrong"] = "2", ["approves"] = "yes", ["policy"] = "true",
        };
        var bad = await inspector.PostAsync($"/assessment/samples/{id}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("错退人数应在0到家庭人口之间", await bad.Content.ReadAsStringAsync());
        await using (var ctx = app.Db.NewContext())
            Assert.Null((await ctx.SampledHouseholds.SingleAsync(h => h.Id == rowId)).SurveyedOn);

        form["wrong"] = "0";
        var ok = await inspector.PostAsync($"/assessment/samples/{id}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("调查结果已保存", await ok.Content.ReadAsStringAsync());

        // The readiness now reads the sample: 0 wrong of 1 exited person; one approving household of one.
        var json = await leader.GetFromJsonAsync<JsonElement>("/api/assessment/readiness");
        var wrong = json.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("key").GetString() == "wrongExit");
        Assert.Equal((0m, "达标"), (wrong.GetProperty("value").GetDecimal(), wrong.GetProperty("stateLabel").GetString()));
        Assert.Equal(id, json.GetProperty("sample").GetProperty("id").GetInt64());
    }
}
