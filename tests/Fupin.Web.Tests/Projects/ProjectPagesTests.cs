using System.Net;
using System.Net.Http.Json;
using Fupin.Projects;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Projects;

public class ProjectPagesTests(ProjectsApp app) : IClassFixture<ProjectsApp>
{
    [Fact]
    public async Task NewPage_CadreApplies_ErrorsNextToFields_ThenRedirectToProjectPage()
    {
        using var cadre = app.ClientFor(app.Cadre, bearerForApi: false);
        var html = await cadre.GetStringAsync("/projects/new");
        Assert.Contains("村申报项目", html);
        var form = Api.HiddenFields(html);
        form["RegionCode"] = ProjectsApp.MyVillage;
        form["Category"] = nameof(ProjectCategory.Workshop);
        form["Name"] = "石门村扶贫就业车间";
        form["ResponsibleUnit"] = "石门乡人民政府";
        form["ResponsiblePerson"] = "";
        form["BudgetYuan"] = "800000";
        form["Year"] = "2018";

        var refused = await cadre.PostAsync("/projects/new", new MultipartFormDataContent().With(form));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errorPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("请填写责任人", errorPage);
        Assert.Contains("石门村扶贫就业车间", errorPage); // what was typed stays

        form["ResponsiblePerson"] = "孙海";
        var ok = await cadre.PostAsync("/projects/new", new MultipartFormDataContent().With(form));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var location = ok.Headers.Location!.OriginalString;
        Assert.Matches("^/projects/[0-9]+\\?saved=new$", location);
        var page = await cadre.GetStringAsync(location);
        Assert.Contains("已申报，等待乡镇审核", page);
        Assert.Contains("data-stepper", page);
        Assert.Contains("尚未排期", page);
        Assert.DoesNotContain("data-form=\"advance\"", page); // a village cadre does not review
    }

    [Fact]
    public async Task DetailsPage_TownshipAdvancesByForm_CountyPlans_ChartDataAndMilestoneTableRendered()
    {
        var id = await app.ProjectAsync(category: ProjectCategory.Relocation);
        using var township = app.ClientFor(app.Township, bearerForApi: false);
        var page = await township.GetStringAsync($"/projects/{id}");
        Assert.Contains("data-form=\"advance\"", page);
        Assert.Contains("data-form=\"return\"", page);
        Assert.DoesNotContain("data-form=\"plan\"", page);

        var form = Api.HiddenFields(page);
        form["Date"] = "2018-04-02";
        form["Reference"] = "石乡审〔2018〕3号";
        var advanced = await township.PostAsync($"/projects/{id}?handler=Advance", new MultipartFormDataContent().With(form));
        Assert.Equal($"/projects/{id}?saved=advance", advanced.Headers.Location?.OriginalString);
        var after = await township.GetStringAsync($"/projects/{id}?saved=advance");
        Assert.Contains("已进入“乡镇审核”", after);
        Assert.Contains("2018-04-02 · ", after);

        // The same form again with the old version: the project moved on, nothing is saved.
        var stale = await township.PostAsync($"/projects/{id}?handler=Return", new MultipartFormDataContent().With(new Dictionary<string, string>(form) { ["Note"] = "再补充一下材料说明" }));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode); // 县级审定 is not the township's to turn back
        Assert.Contains("县级审定退回须由县扶贫办办理", await stale.Content.ReadAsStringAsync());

        using var admin = app.ClientFor(app.Admin, bearerForApi: false);
        var adminPage = Api.HiddenFields(await admin.GetStringAsync($"/projects/{id}"));
        adminPage["Deadline"] = "2019-12-31"; // 350 days of the settlement chain from 2019-01-15: feasible
        for (var i = 0; i < 8; i++) adminPage[$"Durations[{i}]"] = new[] { "20", "30", "30", "10", "150", "60", "20", "30" }[i];
        var planned = await admin.PostAsync($"/projects/{id}?handler=Plan", new MultipartFormDataContent().With(adminPage));
        Assert.Equal($"/projects/{id}?saved=plan&short=0", planned.Headers.Location?.OriginalString);

        var html = await admin.GetStringAsync($"/projects/{id}");
        Assert.Contains("data-schedule-chart=", html);
        Assert.Contains("/js/schedule.js", html);
        Assert.Contains("/lib/echarts.min.js", html);
        Assert.Contains("data-seq=\"8\"", html); // 入住, the 8th of the settlement chain
        Assert.Contains("入住", html);
        Assert.Contains("第1版（当前）", html);
        Assert.Contains($"/funds?project={id}", html);
    }

    [Fact]
    public async Task ListPage_CountsFilterAndCards_OtherVillageHidden()
    {
        var mine = await app.ProjectAsync(category: ProjectCategory.Health);
        var other = await app.ProjectAsync(ProjectsApp.OtherVillage, ProjectCategory.Health);
        using var cadre = app.ClientFor(app.Cadre, bearerForApi: false);

        var html = await cadre.GetStringAsync("/projects?category=Health");
        Assert.Contains($"data-project=\"{mine}\"", html);
        Assert.DoesNotContain($"data-project=\"{other}\"", html);
        Assert.Contains("data-category-count=\"Health\"", html);
        Assert.Contains("导出项目台账", html);
        Assert.Contains("class=\"data project-list\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/projects/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.GetAsync("/projects?region=abc")).StatusCode);

        using var leader = app.ClientFor(app.Leader, bearerForApi: false);
        var leaderHtml = await leader.GetStringAsync("/projects");
        Assert.DoesNotContain("村申报项目</a>", leaderHtml); // a leader reads, does not apply
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/projects/new")).StatusCode);
    }

    [Fact]
    public async Task DetailsPage_ProgressWithPhoto_ShowsPhotoInline_AndImageServed()
    {
        var id = await app.ProjectAsync(category: ProjectCategory.Water);
        using (var api = app.Client())
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/projects/{id}/plan", new { deadline = "2019-06-30" }, FupinApp.Json)).StatusCode);
        using var cadre = app.ClientFor(app.Cadre, bearerForApi: false);
        var form = Api.HiddenFields(await cadre.GetStringAsync($"/projects/{id}"));
        form["Seq"] = "1";
        form["Percent"] = "20";
        form["Note"] = "勘察队已进场";
        var content = new MultipartFormDataContent().With(form);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        content.Add(new ByteArrayContent(png), "Files", "现场.png");
        var posted = await cadre.PostAsync($"/projects/{id}?handler=Progress", content);
        Assert.Equal($"/projects/{id}?saved=progress", posted.Headers.Location?.OriginalString);

        var html = await cadre.GetStringAsync($"/projects/{id}");
        Assert.Contains("勘察队已进场", html);
        await using var db = app.Db.NewContext();
        var doc = await db.ProjectDocuments.Where(d => d.ProjectId == id).Select(d => d.Id).SingleAsync();
        Assert.Contains($"/projects/{id}/documents/{doc}?inline=1", html);
        var image = await cadre.GetAsync($"/projects/{id}/documents/{doc}?inline=1");
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Null(image.Content.Headers.ContentDisposition);
    }
}

internal static class MultipartExtensions
{
    public static MultipartFormDataContent With(this MultipartFormDataContent content, IDictionary<string, string> fields)
    {
        foreach (var (k, v) in fields) content.Add(new StringContent(v), k);
        return content;
    }
}
