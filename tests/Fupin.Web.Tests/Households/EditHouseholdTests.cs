using Fupin.Common;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Households;

public class EditHouseholdTests(FupinApp app) : IClassFixture<FupinApp>
{
    async Task<(long Id, HouseholdEdit Form)> NewHouseholdAsync()
    {
        var id = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "陈大山", h => h.Phone = "13800001111");
        return (id, HouseholdEdit.From(await app.HouseholdAsync(id)));
    }

    async Task<int> ChangeCountAsync(long id)
    {
        await using var db = app.Db.NewContext();
        return await db.Changes.CountAsync(c => c.HouseholdId == id && c.Action == "修改");
    }

    [Fact]
    public async Task Put_ValidEdit_SavesAndRecordsWhoFieldOldNewAndReason()
    {
        var (id, form) = await NewHouseholdAsync();
        using var client = app.Client();

        var response = await client.PutJsonAsync($"/api/households/{id}", form with { MainCause = PovertyCause.Disability, HousingArea = 75.5, Reason = "入户核实" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = await app.HouseholdAsync(id);
        Assert.Equal((PovertyCause.Disability, 75.5, 1L), (details.MainCause, details.Conditions.HousingArea, details.Version));
        var cause = Assert.Single(details.Changes, c => c.Field == nameof(Household.MainCause));
        Assert.Equal(("主要致贫原因", "因病", "因残", "入户核实", "户"), (cause.FieldLabel, cause.OldValue, cause.NewValue, cause.Reason, cause.EntityLabel));
        Assert.Equal(FupinApp.AdminName, cause.User);
        var area = Assert.Single(details.Changes, c => c.Field == nameof(Household.HousingArea));
        Assert.Equal(("住房面积（平方米）", "60", "75.5"), (area.FieldLabel, area.OldValue, area.NewValue));
        Assert.Equal(2, await ChangeCountAsync(id));
    }

    [Fact]
    public async Task Put_NewPhone_StoresItButShowsAndRecordsItMasked_BlankPhoneKeepsIt()
    {
        var (id, form) = await NewHouseholdAsync();
        using var client = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/households/{id}", form with { Phone = "13912345678", Reason = "电话变更" })).StatusCode);
        var afterChange = await app.HouseholdAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/households/{id}", HouseholdEdit.From(afterChange) with { Phone = "", HasPower = !afterChange.Conditions.HasPower, Reason = "核实用电" })).StatusCode);

        await using var db = app.Db.NewContext();
        Assert.Equal("13912345678", (await db.Households.SingleAsync(h => h.Id == id)).Phone);
        var change = await db.Changes.SingleAsync(c => c.HouseholdId == id && c.Field == nameof(Household.Phone));
        Assert.Equal(("138****1111", "139****5678"), (change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task Put_StaleVersion_Returns409ConflictAndChangesNothing()
    {
        var (id, form) = await NewHouseholdAsync();
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 80, Reason = "他人先保存" })).StatusCode);

        var response = await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 20, MainCause = PovertyCause.Disaster, Reason = "我的修改" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("conflict", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("该户信息已被他人修改，请刷新后重新编辑", json.RootElement.GetProperty("title").GetString());
        var details = await app.HouseholdAsync(id);
        Assert.Equal((80d, PovertyCause.Illness, 1L), (details.Conditions.HousingArea, details.MainCause, details.Version));
        Assert.Equal(1, await ChangeCountAsync(id));
    }

    [Fact]
    public async Task EditHousehold_SomeoneSavesBetweenReadAndWrite_ReturnsConflictFromTheDatabaseCheck()
    {
        var (id, form) = await NewHouseholdAsync();
        await using var mine = app.Db.NewContext();
        _ = await mine.Households.SingleAsync(h => h.Id == id);            // my context holds version 0
        await using (var theirs = app.Db.NewContext())
        {
            var h = await theirs.Households.SingleAsync(x => x.Id == id);
            h.HousingArea = 42;
            theirs.Audit.Reason = "他人先保存";
            await theirs.SaveChangesAsync();                                 // the row is now version 1
        }

        var result = await new EditHousehold(mine, app.Db.Clock).HandleAsync(
            new EditHouseholdRequest(id, form with { HousingArea = 10, Reason = "我的修改" }, "测试"), CancellationToken.None);

        Assert.Equal(FailureKind.Conflict, result.Failure?.Kind);
        var details = await app.HouseholdAsync(id);
        Assert.Equal((42d, 1L), (details.Conditions.HousingArea, details.Version));
        Assert.DoesNotContain(details.Changes, c => c.Reason == "我的修改");
    }

    [Fact]
    public async Task Put_InvalidInput_Returns400WithChineseMessagesAndCodes_AndSavesNothing()
    {
        var (id, form) = await NewHouseholdAsync();
        using var client = app.Client();

        var response = await client.PutJsonAsync($"/api/households/{id}", form with
        {
            Reason = " ",
            ExitYear = 2017,                 // but still 未脱贫
            ArableLand = -1,
            PlannedExitYear = 1999,
            Phone = "电话",
            MainCause = PovertyCause.Disability,
            OtherCauses = [PovertyCause.Disability, PovertyCause.LackOfSkills],
        });

        var (errors, codes) = await Api.ValidationAsync(response);
        Assert.Equal("请填写变更原因", Assert.Single(errors["reason"]));
        Assert.Equal("reason.required", Assert.Single(codes["reason"]));
        Assert.Equal("未脱贫户不能填写脱贫年度", errors["exitYear"][0]);
        Assert.Equal("exit_year.not_exited", codes["exitYear"][0]);
        Assert.Contains("耕地面积", Assert.Single(errors["arableLand"]));
        Assert.Equal("number.range", Assert.Single(codes["arableLand"]));
        Assert.Contains("计划脱贫年度", Assert.Single(errors["plannedExitYear"]));
        Assert.Equal("phone.invalid", Assert.Single(codes["phone"]));
        Assert.Equal("其他致贫原因不能与主要致贫原因相同", Assert.Single(errors["otherCauses"]));
        var details = await app.HouseholdAsync(id);
        Assert.Equal((PovertyCause.Illness, 0L), (details.MainCause, details.Version));
        Assert.Equal(0, await ChangeCountAsync(id));
    }

    [Fact]
    public async Task Put_UnknownHousehold_Returns404()
    {
        var (_, form) = await NewHouseholdAsync();
        using var client = app.Client();

        var response = await client.PutJsonAsync("/api/households/987654321", form with { Reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EditPage_Post_SavesAndRedirectsToTheHouseholdWithTheChangeListed()
    {
        var (id, _) = await NewHouseholdAsync();
        using var client = app.Client();
        var form = await FormAsync(client, id);
        form["Input.MainCause"] = nameof(PovertyCause.LackOfCapital);
        form["Input.Reason"] = "村民代表评议";

        var response = await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/households/{id}?saved=1", response.Headers.Location?.OriginalString);
        var html = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("修改已保存", html);
        Assert.Contains("<td>主要致贫原因</td>", html);
        Assert.Contains(">缺资金</td>", html);
        Assert.Contains(">村民代表评议</td>", html);
    }

    [Fact]
    public async Task EditPage_StaleVersion_ShowsConflictMessageAndOverwritesNothing()
    {
        var (id, form) = await NewHouseholdAsync();
        using var client = app.Client();
        var page = await FormAsync(client, id);                       // opened at version 0
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/households/{id}", form with { HousingArea = 99, Reason = "他人先保存" })).StatusCode);
        page["Input.HousingArea"] = "10";
        page["Input.Reason"] = "我的修改";

        var response = await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(page));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该户信息已被他人修改，请刷新后重新编辑", await response.Content.ReadAsStringAsync());
        Assert.Equal(99d, (await app.HouseholdAsync(id)).Conditions.HousingArea);
    }

    [Fact]
    public async Task EditPage_InvalidInput_ShowsChineseMessagesBesideTheFields()
    {
        var (id, _) = await NewHouseholdAsync();
        using var client = app.Client();
        var form = await FormAsync(client, id);
        form["Input.Reason"] = "";
        form["Input.ArableLand"] = "很多";
        form["Input.IrrigatedLand"] = "0";

        var response = await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("“很多”不是有效的值", html);
        Assert.Contains("有填写有误的项目", html);
        form["Input.ArableLand"] = "3";
        html = await (await client.PostAsync($"/households/{id}/edit", new FormUrlEncodedContent(form))).Content.ReadAsStringAsync();
        Assert.Contains("data-valmsg-for=\"Input.Reason\" data-valmsg-replace=\"true\">请填写变更原因</span>", html);
        Assert.Equal(0L, (await app.HouseholdAsync(id)).Version);
    }

    /// <summary>The edit form as a browser would post it: every field with its current value.</summary>
    internal static async Task<Dictionary<string, string>> FormAsync(HttpClient client, long id)
    {
        var html = await client.GetStringAsync($"/households/{id}/edit");
        var form = Api.HiddenFields(html);
        var d = EditFields(html);
        foreach (var (k, v) in d) form.TryAdd(k, v);
        return form;
    }

    static Dictionary<string, string> EditFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match tag in Api.InputTag().Matches(html))
        {
            var a = Api.Attributes(tag.Value);
            if (!a.TryGetValue("name", out var name) || !name.StartsWith("Input.", StringComparison.Ordinal)) continue;
            switch (a.GetValueOrDefault("type"))
            {
                case "hidden":
                    break;
                case "checkbox":
                    if (a.ContainsKey("checked") && name != "Input.OtherCauses") fields[name] = a.GetValueOrDefault("value") ?? "true";
                    break;
                default:
                    fields[name] = a.GetValueOrDefault("value") ?? "";
                    break;
            }
        }
        foreach (Match m in Regex.Matches(html, """<select[^>]*name="(?<n>Input\.[^"]+)"[^>]*>(?<body>.*?)</select>""", RegexOptions.Singleline))
        {
            var selected = Regex.Match(m.Groups["body"].Value, """<option selected="selected" value="(?<v>[^"]*)">""");
            if (selected.Success) fields[m.Groups["n"].Value] = selected.Groups["v"].Value;
        }
        return fields;
    }
}
