using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Supervision;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Surveys;

/// <summary>Two villages of 石门乡 with 6 households each (4 exited, 2 not), an inspector and a township officer.</summary>
public sealed class SurveysApp : FupinApp
{
    public const string OtherVillage = "411321304202";
    public SignedInClient Inspector { get; private set; } = null!;
    public SignedInClient Township { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "竹园村");
        await using (var ctx = Db.NewContext())
        {
            foreach (var village in new[] { RegistryBuilder.Village, OtherVillage })
            {
                for (var i = 0; i < 6; i++)
                {
                    ctx.Households.Add(RegistryBuilder.Household(h =>
                    {
                        h.VillageCode = village;
                        h.Status = i < 4 ? PovertyStatus.ExitedWithPolicy : PovertyStatus.NotExited;
                    }));
                }
            }
            await ctx.SaveChangesAsync();
        }
        Inspector = await SignInAsync(await UserAsync(Role.Inspector, [RegistryBuilder.County]));
        Township = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
    }

    public static Dictionary<string, string?> Answers(string approve) => new(StringComparer.Ordinal)
    {
        ["registered"] = "是", ["cadre_known"] = "是", ["cadre_visits"] = "经常上门", ["team_known"] = "是", ["measures_known"] = "是",
        ["measures"] = "满意", ["cadres"] = "满意", ["policy_education"] = "不适用", ["policy_health"] = "满意",
        ["policy_housing"] = "满意", ["policy_water"] = "满意", ["approve"] = approve,
    };
}

public class SurveysApiTests(SurveysApp app) : IClassFixture<SurveysApp>
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
    public async Task Api_InspectorDrawsEntersAndReadsRates_StaleVersionIs409_ClosedRefuses_ExportIsLogged_TownshipCannotDraw()
    {
        using var inspector = app.ClientFor(app.Inspector);
        var (status, drawn) = await SendAsync(inspector.PostAsJsonAsync("/api/surveys",
            new { year = 2018, name = "接口测试调查", seed = 11, villagesPerTownship = (int?)null, householdsPerVillage = 3 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = drawn.GetProperty("id").GetInt64();
        Assert.Equal((2, 6, 11), (drawn.GetProperty("villages").GetInt32(), drawn.GetProperty("households").GetInt32(), drawn.GetProperty("seed").GetInt32()));

        using var township = app.ClientFor(app.Township);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/surveys", new { year = 2018 }, FupinApp.Json)).StatusCode);

        var (_, rates) = await SendAsync(inspector.GetAsync($"/api/surveys/{id}"));
        var rows = rates.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(6, rows.Count);

        var (_, form) = await SendAsync(inspector.GetAsync($"/api/surveys/{id}/households/{rows[0]}"));
        Assert.Equal(13, form.GetProperty("questions").GetArrayLength());
        Assert.Equal(0, form.GetProperty("household").GetProperty("version").GetInt64());

        var (ok, saved) = await SendAsync(inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[0]}",
            new { version = 0, surveyedOn = "2018-10-01", surveyor = "督查组", answers = SurveysApp.Answers("不认可") }));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.False(saved.GetProperty("approves").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[0]}",
            new { version = 0, surveyedOn = "2018-10-01", surveyor = "督查组", answers = SurveysApp.Answers("认可") })).StatusCode);
        var (bad, problem) = await SendAsync(inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[1]}",
            new { surveyedOn = "2018-10-01", surveyor = "督查组", answers = SurveysApp.Answers("还行") }));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["survey.answer_option"], Codes(problem, "answers.approve"));
        Assert.Equal(HttpStatusCode.OK, (await inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[1]}",
            new { surveyedOn = "2018-10-02", surveyor = "督查组", answers = SurveysApp.Answers("基本认可") })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[2]}",
            new { surveyedOn = "2018-10-02", surveyor = "督查组", unreachedReason = "拒绝访问" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.PutJsonAsync($"/api/surveys/{id + 1000}/households/{rows[2]}",
            new { surveyedOn = "2018-10-02", surveyor = "督查组", unreachedReason = "拒绝访问" })).StatusCode);

        // 1 of 2 surveyed approve; the refusal counts in neither.
        var (_, after) = await SendAsync(inspector.GetAsync($"/api/surveys/{id}?filter=disapprove"));
        var total = after.GetProperty("total");
        Assert.Equal((6, 2, 1, 3, 1, 0.5m), (total.GetProperty("sampled").GetInt32(), total.GetProperty("surveyed").GetInt32(), total.GetProperty("unreached").GetInt32(),
            total.GetProperty("pending").GetInt32(), total.GetProperty("approving").GetInt32(), total.GetProperty("rate").GetDecimal()));
        Assert.Equal([rows[0]], after.GetProperty("households").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()));

        // The township officer reads the same figures but cannot enter answers.
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync($"/api/surveys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutJsonAsync($"/api/surveys/{id}/households/{rows[3]}",
            new { surveyedOn = "2018-10-02", surveyor = "乡干部", answers = SurveysApp.Answers("认可") })).StatusCode);

        var export = await inspector.GetAsync($"/api/surveys/{id}/export");
        Assert.Equal(ExportSurveyResults.ContentType, export.Content.Headers.ContentType!.MediaType);
        using (var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync()))
        {
            var sheet = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "调查结果").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(6, sheet.Count);
            var results = sheet.GroupBy(r => (string)r["结果"]!).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal((1, 1, 1, 3), (results["不认可"], results["认可"], results["未能调查"], results["未调查"]));
        }
        await using (var db = app.Db.NewContext())
            Assert.Equal(1, await db.Changes.CountAsync(c => c.Entity == ExportSurveyResults.Entity && c.EntityId == id && c.Action == "导出"));

        Assert.Equal(HttpStatusCode.OK, (await inspector.PostAsJsonAsync($"/api/surveys/{id}/close", new { closed = true }, FupinApp.Json)).StatusCode);
        var (closed, refused) = await SendAsync(inspector.PutJsonAsync($"/api/surveys/{id}/households/{rows[4]}",
            new { surveyedOn = "2018-10-02", surveyor = "督查组", answers = SurveysApp.Answers("认可") }));
        Assert.Equal(HttpStatusCode.BadRequest, closed);
        Assert.Equal([RecordSurveyAnswers.ClosedCode], Codes(refused, "answers"));

        var (_, list) = await SendAsync(inspector.GetAsync("/api/surveys?county=411321&year=2018"));
        var mine = list.EnumerateArray().Single(s => s.GetProperty("id").GetInt64() == id);
        Assert.True(mine.GetProperty("closed").GetBoolean());
        Assert.Equal(2, mine.GetProperty("surveyed").GetInt32());
    }
}
