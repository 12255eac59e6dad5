using System.Net;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industry;

public class IndustryPagesTests(IndustryApp app) : IClassFixture<IndustryApp>
{
    [Fact]
    public async Task IndustryPage_CountyAdmin_AddsAnIndustryThroughTheForm_DuplicateShowsTheMessage_VillageCadreGetsNoForm()
    {
        using var admin = app.Client();
        var html = await admin.GetStringAsync("/industry?year=2018");
        Assert.Contains("2018 年产业扶贫", html);
        Assert.Contains("新增特色产业", html);
        var form = Api.HiddenFields(html);
        form["IndustryCode"] = "cy";
        form["Name"] = "茶叶（页面）";
        form["OutputUnit"] = "斤";
        var saved = await admin.PostAsync("/industry?year=2018&handler=Add", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/industry?year=2018&saved=add#industries", saved.Headers.Location!.OriginalString);
        var after = await admin.GetStringAsync("/industry?year=2018&saved=add");
        Assert.Contains("特色产业已新增", after);
        Assert.Contains("data-industry-row=\"CY\"", after);

        form["Name"] = "茶叶（重复）";
        var refused = await admin.PostAsync("/industry?year=2018&handler=Add", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("产业代码“CY”已被使用", await refused.Content.ReadAsStringAsync());
        await using (var db = app.Db.NewContext())
            Assert.Equal(1, await db.Industries.CountAsync(i => i.Code == "CY"));

        using var cadre = app.ClientFor(app.CadreA);
        var cadrePage = await cadre.GetAsync("/industry");
        Assert.Equal(HttpStatusCode.OK, cadrePage.StatusCode);
        var cadreHtml = await cadrePage.Content.ReadAsStringAsync();
        Assert.DoesNotContain("新增特色产业", cadreHtml);
        Assert.Contains("石门村", cadreHtml);
        var cadreForm = Api.HiddenFields(cadreHtml);
        cadreForm["IndustryCode"] = "ZZ";
        cadreForm["Name"] = "某产业";
        var cadrePost = await cadre.PostAsync("/industry?handler=Add", new FormUrlEncodedContent(cadreForm));
        Assert.True(cadrePost.StatusCode == HttpStatusCode.Forbidden, await cadrePost.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync("/industry?region=411321305")).StatusCode);
    }

    [Fact]
    public async Task IndustryDetailsPage_ShowsThePlanWithPercent_AdminAddsAndEditsALine_OthersSeeNoEditor()
    {
        var industry = await app.IndustryAsync("艾草（页面）");
        using var admin = app.Client();
        var html = await admin.GetStringAsync($"/industry/{industry}");
        Assert.Contains("产业发展规划", html);
        var form = Api.HiddenFields(html);
        form["Kind"] = "Base";
        form["PlanName"] = "云阳镇集中种植基地";
        form["RegionCode"] = "411321102";
        form["Unit"] = "亩";
        form["Target"] = "3000";
        form["Actual"] = "1250";
        form["Deadline"] = "2019-06-30";
        var saved = await admin.PostAsync($"/industry/{industry}?handler=Plan", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("规划条目已保存", page);
        Assert.Contains("41.7%", page);
        Assert.Contains("云阳镇", page);

        form["Target"] = "-5";
        var refused = await admin.PostAsync($"/industry/{industry}?handler=Plan", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("目标数应为不小于0的数", await refused.Content.ReadAsStringAsync());

        await using (var db = app.Db.NewContext())
        {
            var line = await db.IndustryPlanItems.SingleAsync(p => p.IndustryId == industry);
            form["PlanId"] = line.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            form["Version"] = line.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        form["Target"] = "3000";
        form["Actual"] = "3000";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/industry/{industry}?handler=Plan", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/industry/{industry}?handler=Plan", new FormUrlEncodedContent(form))).StatusCode);
        Assert.Contains("100.0%", await admin.GetStringAsync($"/industry/{industry}"));

        using var leader = app.ClientFor(app.Leader);
        var leaderHtml = await leader.GetStringAsync($"/industry/{industry}");
        Assert.Contains("云阳镇集中种植基地", leaderHtml);
        Assert.DoesNotContain("新增规划条目", leaderHtml);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/industry/{industry}?handler=Plan", new FormUrlEncodedContent(Api.HiddenFields(leaderHtml)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/industry/987654")).StatusCode);
    }
}
