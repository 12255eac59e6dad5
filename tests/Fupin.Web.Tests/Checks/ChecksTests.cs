using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Checks;

/// <summary>
/// 石门村 (the village cadre's): a household of two heads and one of 55 migrants without months;
/// 竹园村 next door: a household of two heads. A village cadre, a department user and the admin.
/// </summary>
public sealed class ChecksApp : FupinApp
{
    public const string Mine = RegistryBuilder.Village;
    public const string Other = "411321304202";
    public const int Migrants = 55;

    public string MyTwoHeads { get; private set; } = "";
    public string MyMigrants { get; private set; } = "";
    public string OtherTwoHeads { get; private set; } = "";
    public SignedInClient Cadre { get; private set; } = null!;
    public SignedInClient Department { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Seed.HouseholdAsync(Db, Mine, "本村甲", h => { MyTwoHeads = h.Number; h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation) = ("本村二户主", "户主"))); });
        await Seed.HouseholdAsync(Db, Mine, "本村乙", h =>
        {
            MyMigrants = h.Number;
            for (var i = 0; i < Migrants; i++) h.Members.Add(RegistryBuilder.Member(h, m => m.MigrantWorkPlace = "江苏省苏州市"));
        });
        await Seed.HouseholdAsync(Db, Other, "外村丙", h => { OtherTwoHeads = h.Number; h.Members.Add(RegistryBuilder.Member(h, m => (m.Name, m.Relation) = ("外村二户主", "户主"))); });
        Cadre = await SignInAsync(await UserAsync(Role.VillageCadre, [Mine]));
        Department = await SignInAsync(await UserAsync(Role.Department, [RegistryBuilder.County]));
    }
}

public partial class ChecksTests(ChecksApp app) : IClassFixture<ChecksApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    static List<string> Households(JsonElement report) =>
        [.. report.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("household").GetString()!).Distinct()];

    [Fact]
    public async Task Api_Admin_DefaultsToTheCounty_FindsEveryVillagesProblemsWithRuleAndMember()
    {
        using var client = app.Client();
        var (status, report) = await GetAsync(client, "/api/checks");

        Assert.True(status == HttpStatusCode.OK, report.ToString());
        Assert.Equal(RegistryBuilder.County, report.GetProperty("region").GetString());
        Assert.Equal(3, report.GetProperty("households").GetInt32());
        Assert.Equal(new[] { app.MyTwoHeads, app.MyMigrants, app.OtherTwoHeads }.Order(), Households(report).Order());
        var other = report.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("household").GetString() == app.OtherTwoHeads);
        Assert.Equal(("竹园村", "外村二户主", "head.several", "error"),
            (other.GetProperty("village").GetString(), other.GetProperty("member").GetString(), other.GetProperty("rule").GetString(), other.GetProperty("severity").GetString()));
        var byRule = report.GetProperty("byRule").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["head.several"] = 2, ["migrant.together"] = ChecksApp.Migrants }, byRule);
    }

    [Fact]
    public async Task Api_VillageCadre_OwnVillageOnly_EvenAskingForTheTownship_OtherVillageIs404()
    {
        using var client = app.ClientFor(app.Cadre);
        foreach (var url in new[] { "/api/checks", $"/api/checks?region={RegistryBuilder.Township}", $"/api/checks?region={ChecksApp.Mine}" })
        {
            var (status, report) = await GetAsync(client, url);
            Assert.True(status == HttpStatusCode.OK, url + " " + report);
            Assert.Equal(2, report.GetProperty("households").GetInt32());
            Assert.Equal(new[] { app.MyTwoHeads, app.MyMigrants }.Order(), Households(report).Order());
            Assert.All(report.GetProperty("byVillage").EnumerateArray(), v => Assert.Equal(ChecksApp.Mine, v.GetProperty("villageCode").GetString()));
        }
        Assert.Equal(ChecksApp.Mine, (await GetAsync(client, "/api/checks")).Body.GetProperty("region").GetString());

        var (otherStatus, _) = await GetAsync(client, $"/api/checks?region={ChecksApp.Other}");
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
    }

    [Fact]
    public async Task Api_RuleFilter_ListsThatRuleOnly_UnknownRuleIs400WithCode()
    {
        using var client = app.Client();
        var (status, report) = await GetAsync(client, "/api/checks?rule=head.several");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(report.GetProperty("problems").EnumerateArray(), p => Assert.Equal("head.several", p.GetProperty("rule").GetString()));
        Assert.Equal(2, report.GetProperty("problems").GetArrayLength());
        Assert.Equal(2, report.GetProperty("byRule").GetArrayLength());

        var response = await client.GetAsync("/api/checks?rule=no.such");
        var (_, codes) = await Api.ValidationAsync(response);
        Assert.Equal(["rule.unknown"], codes["rule"]);
    }

    [Fact]
    public async Task Page_VillageCadre_CountsWithRuleTitles_OwnProblemsOnly_FormDefaultsToOwnVillage()
    {
        using var client = app.ClientFor(app.Cadre);

        var form = await client.GetStringAsync("/checks");
        Assert.Contains("<h1>数据质量检查</h1>", form);
        Assert.Contains($"<option value=\"{ChecksApp.Mine}\" selected=\"selected\">", form);
        Assert.DoesNotContain($"value=\"{ChecksApp.Other}\"", form);
        Assert.DoesNotContain("check-problems", form);
        Assert.Contains("href=\"/checks\" aria-current=\"page\"", form);

        var html = await client.GetStringAsync($"/checks?region={RegistryBuilder.Township}");
        Assert.Contains("同一户编号下有多个户主", html);
        Assert.Contains("有务工所在地没务工时间或有务工时间没务工所在地", html);
        Assert.Contains(app.MyTwoHeads, html);
        Assert.Contains("本村二户主", html);
        Assert.DoesNotContain(app.OtherTwoHeads, html);
        Assert.DoesNotContain("外村二户主", html);
        Assert.DoesNotContain("竹园村", html);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/checks?region={ChecksApp.Other}")).StatusCode);
    }

    [Fact]
    public async Task Page_RuleFilterAndPaging_FiftyARow_SecondPageHasTheRest()
    {
        using var client = app.Client();
        var first = await client.GetStringAsync($"/checks?region={ChecksApp.Mine}&rule=migrant.together");
        Assert.Equal(50, ProblemRow().Count(first));
        Assert.All(ProblemRow().Matches(first), m => Assert.Equal("migrant.together", m.Groups["rule"].Value));
        Assert.Contains("第 1 / 2 页", first);
        Assert.Contains($"href=\"/checks?region={ChecksApp.Mine}&amp;rule=migrant.together&amp;page=2\" rel=\"next\"", first);

        var second = await client.GetStringAsync($"/checks?region={ChecksApp.Mine}&rule=migrant.together&page=2");
        Assert.Equal(ChecksApp.Migrants - 50, ProblemRow().Count(second));

        var all = await client.GetStringAsync($"/checks?region={ChecksApp.Mine}");
        Assert.Contains("只看此规则", all);
        Assert.Contains("data-rule=\"head.several\"", all);
    }

    [Fact]
    public async Task WithoutRegistryAccess_PageAndApiAre403_AndNoNavLink()
    {
        using var client = app.ClientFor(app.Department);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/checks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/checks")).StatusCode);
        Assert.DoesNotContain("href=\"/checks\"", await client.GetStringAsync("/"));
        using var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/checks")).StatusCode);
    }

    [GeneratedRegex("<tr class=\"problem-(error|warning)\" data-rule=\"(?<rule>[^\"]+)\">")]
    private static partial Regex ProblemRow();
}
