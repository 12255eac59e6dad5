using System.Net;
using System.Text.RegularExpressions;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Surveys;

public class SurveysPagesTests(SurveysApp app) : IClassFixture<SurveysApp>
{
    [Fact]
    public async Task Pages_InspectorDrawsThroughTheForm_EntersAHousehold_RatesPageShowsIt_TownshipOfficerOnlyReads()
    {
        using var inspector = app.ClientFor(app.Inspector, bearerForApi: false);
        var list = await inspector.GetStringAsync("/surveys");
        Assert.Contains("href=\"/surveys/new\"", list);

        var form = Api.HiddenFields(await inspector.GetStringAsync("/surveys/new"));
        form["Year"] = "2018";
        form["Name"] = "页面测试调查";
        form["Seed"] = "21";
        form["VillagesPerTownship"] = "";
        form["Size"] = "perVillage";
        form["HouseholdsPerVillage"] = "2";
        var drawn = await inspector.PostAsync("/surveys/new", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, drawn.StatusCode);
        var location = drawn.Headers.Location!.OriginalString;
        var id = long.Parse(Regex.Match(location, @"^/surveys/(\d+)\?drawn=true$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var page = await inspector.GetStringAsync(location);
        Assert.Contains("已抽取 4 户（随机种子 21）", page);
        Assert.Contains("data-part=\"411321304\"", page);
        Assert.Contains("data-survey-chart", page);

        long sid;
        await using (var db = app.Db.NewContext()) sid = await db.SurveyedHouseholds.Where(h => h.SurveyId == id).OrderBy(h => h.Id).Select(h => h.Id).FirstAsync();
        var entry = await inspector.GetStringAsync($"/surveys/{id}/households/{sid}");
        Assert.Contains("name=\"a.approve\"", entry);
        var fields = Api.HiddenFields(entry);
        fields["surveyedOn"] = "2018-10-08";
        fields["surveyor"] = "督查组";
        fields["mode"] = "answered";
        var missing = await inspector.PostAsync($"/surveys/{id}/households/{sid}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请回答：", await missing.Content.ReadAsStringAsync());

        foreach (var (code, value) in SurveysApp.Answers("认可")) fields["a." + code] = value!;
        var saved = await inspector.PostAsync($"/surveys/{id}/households/{sid}", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith($"/surveys/{id}?region=4113213042", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var after = await inspector.GetStringAsync($"/surveys/{id}");
        Assert.Contains("data-headline-rate>100.00%", after);
        Assert.Contains("<span data-surveyed>1</span>", after);

        using var township = app.ClientFor(app.Township, bearerForApi: false);
        Assert.DoesNotContain("href=\"/surveys/new\"", await township.GetStringAsync("/surveys"));
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync("/surveys/new")).StatusCode);
        var readOnly = await township.GetStringAsync($"/surveys/{id}/households/{sid}");
        Assert.DoesNotContain("name=\"a.approve\"", readOnly);
        Assert.Contains("只有县扶贫办和督查人员可以录入调查结果", readOnly);
    }
}
