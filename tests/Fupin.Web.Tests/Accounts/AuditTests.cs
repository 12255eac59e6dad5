using System.Net;
using System.Text;
using Fupin.Accounts;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Accounts;

public class AuditTests(FupinApp app) : IClassFixture<FupinApp>
{
    async Task<List<ChangeRecord>> ChangesAsync(long householdId)
    {
        await using var db = app.Db.NewContext();
        return await db.Changes.Where(c => c.HouseholdId == householdId).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task EditThroughTheApi_LeavesOneRowPerChangedField_WithOldNewAndTheUser()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "审计甲");
        var before = (await ChangesAsync(id)).Count;
        using var client = app.Client();
        var form = HouseholdEdit.From(await app.HouseholdAsync(id));

        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 80, Reason = "接口修改" })).StatusCode);

        var row = Assert.Single((await ChangesAsync(id)).Skip(before));
        Assert.Equal(("修改", "HousingArea", "60", "80", FupinApp.AdminName, "接口修改"), (row.Action, row.Field, row.OldValue, row.NewValue, row.User, row.Reason));
    }

    [Fact]
    public async Task EditThroughThePage_LeavesOneRowPerChangedField_AnInvalidEditLeavesNone()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "审计乙");
        var before = (await ChangesAsync(id)).Count;
        using var client = app.Client();
        var form = await Fupin.Tests.Households.EditHouseholdTests.FormAsync(client, id);
        // Radios and selects keep their chosen option, as a browser posts them.
        foreach (System.Text.RegularExpressions.Match input in Api.InputTag().Matches(await client.GetStringAsync($"/households/{id}/edit")))
        {
            var a = Api.Attributes(input.Value);
            if (a.GetValueOrDefault("type") is "radio" or "checkbox" && a.ContainsKey("checked") && a.GetValueOrDefault("name") is { } n && n != "Input.OtherCauses") form[n] = a.GetValueOrDefault("value") ?? "true";
        }
        var page = await client.GetStringAsync($"/households/{id}/edit");
        foreach (System.Text.RegularExpressions.Match select in System.Text.RegularExpressions.Regex.Matches(page, "<select[^>]*name=\"(?<n>[^\"]+)\"[^>]*>(?<body>.*?)</select>", System.Text.RegularExpressions.RegexOptions.Singleline))
        {
            var chosen = System.Text.RegularExpressions.Regex.Match(select.Groups["body"].Value, "<option[^>]*selected[^>]*>");
            if (chosen.Success && Api.Attributes(chosen.Value).TryGetValue("value", out var v)) form[select.Groups["n"].Value] = v;
        }
        var invalid = new Dictionary<string, string>(form) { ["Input.HousingArea"] = "70", ["Input.Reason"] = "" };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(invalid))).StatusCode);
        Assert.Equal(before, (await ChangesAsync(id)).Count);

        var valid = new Dictionary<string, string>(form) { ["Input.HousingArea"] = "70", ["Input.Reason"] = "页面修改" };
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(valid))).StatusCode);

        var rows = (await ChangesAsync(id)).Skip(before).ToList();
        Assert.True(rows.Count == 1, string.Join(" | ", rows.Select(r => $"{r.Field}:{r.OldValue}->{r.NewValue}")));
        var row = rows[0];
        Assert.Equal(("HousingArea", "60", "70", FupinApp.AdminName, "页面修改"), (row.Field, row.OldValue, row.NewValue, row.User, row.Reason));
    }

    [Fact]
    public async Task Reveal_ShowsTheFullIdNumberAndPhoneOnce_AndIsLogged_ALeaderMayNotReveal()
    {
        ResidentId full = default;
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "明文丙", h => { full = h.Members[0].IdNumber!.Value; h.Members[0].Phone = "13712345678"; });
        using var client = app.Client();
        var page = await client.GetStringAsync($"/households/{id}");
        Assert.DoesNotContain(full.ToString(), page);
        var memberId = (await app.HouseholdAsync(id)).Members[0].Id;
        var start = page.IndexOf("?handler=Reveal", StringComparison.Ordinal);
        Assert.True(start > 0, "the reveal button is there");
        var form = Api.HiddenFields(page[start..]);
        form["memberId"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await client.PostAsync($"/households/{id}?handler=Reveal", new FormUrlEncodedContent(form));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(full.ToString(), html);
        Assert.Contains("13712345678", html);
        var logged = (await ChangesAsync(id)).Where(c => c.Action == AccountLog.Revealed).ToList();
        Assert.Equal(["IdNumber", "Phone"], logged.Select(c => c.Field).Order());
        Assert.All(logged, c => Assert.Equal(FupinApp.AdminName, c.User));
        Assert.DoesNotContain(full.ToString(), await client.GetStringAsync($"/households/{id}"));

        var leader = await app.SignInAsync(await app.UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        using var leaderClient = app.ClientFor(leader);
        var leaderPage = await leaderClient.GetStringAsync($"/households/{id}");
        Assert.DoesNotContain("handler=Reveal", leaderPage);
        var leaderForm = Api.HiddenFields(leaderPage);
        leaderForm["memberId"] = form["memberId"];
        Assert.Equal(HttpStatusCode.Forbidden, (await leaderClient.PostAsync($"/households/{id}?handler=Reveal", new FormUrlEncodedContent(leaderForm))).StatusCode);
    }

    [Fact]
    public async Task Export_IsUtf8WithBom_Masked_FormulaSafe_AndLogged()
    {
        const string village = "411321304204";
        await Seed.HouseholdAsync(app.Db, village, "=HYPERLINK(\"x\")", h => h.Phone = "13600001111");
        using var client = app.Client();

        var response = await client.GetAsync($"/households/export.csv?region={village}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("户编号,乡镇,行政村,户主,户主证件号码,联系电话", text);
        Assert.Contains("'=HYPERLINK", text);
        Assert.Contains("136****1111", text);
        Assert.DoesNotContain("13600001111", text);
        Assert.Matches(@"411321\*{8}\d{3}[\dX]", text);

        var api = await client.GetAsync($"/api/households/export?region={village}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        await using var db = app.Db.NewContext();
        var exports = await db.Changes.Where(c => c.Action == AccountLog.Exported && c.NewValue == $"region={village}").ToListAsync();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, e => Assert.Equal(FupinApp.AdminName, e.User));
    }

    [Fact]
    public async Task AuditPage_FiltersByUserAndAction_NewestFirst()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "日志丁");
        using var client = app.Client();
        var form = HouseholdEdit.From(await app.HouseholdAsync(id));
        await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 61, Reason = "第一次" });
        form = HouseholdEdit.From(await app.HouseholdAsync(id));
        await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 62, Reason = "第二次" });

        var html = await client.GetStringAsync($"/audit?household={id}&action=修改&user={FupinApp.AdminName}");

        Assert.True(html.IndexOf("第二次", StringComparison.Ordinal) < html.IndexOf("第一次", StringComparison.Ordinal));
        Assert.Contains("共 <strong>2</strong> 条", html);
        Assert.DoesNotContain("<form method=\"post\"", html[html.IndexOf("<main", StringComparison.Ordinal)..]);
    }
}
