using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Relocation;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Relocation;

/// <summary>石门村 and a county leader (reads, may not change sites).</summary>
public sealed class RelocationApp : FupinApp
{
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }
}

public class RelocationTests(RelocationApp app) : IClassFixture<RelocationApp>
{
    static object SiteBody(string name, int planned = 20, int built = 12, int handed = 8) => new
    {
        name, kind = "Concentrated", regionCode = RegistryBuilder.Township, capacityPersons = 80, housesPlanned = planned, housesBuilt = built,
        housesHandedOver = handed, facilities = new[] { "CommunityCenter", "Clinic" }, followUpNote = "周边艾草产业园",
    };

    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    async Task<long> SiteAsync(string name)
    {
        using var client = app.Client();
        var (status, body) = await SendAsync(client.PostAsJsonAsync("/api/relocation/sites", SiteBody(name), FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Api_Site_BuiltOverPlannedRefusedWithCode_LeaderForbidden_GoodSiteCreated()
    {
        using var client = app.Client();
        await using var db = app.Db.NewContext();
        var before = await db.SettlementSites.CountAsync();

        var (status, problem) = await SendAsync(client.PostAsJsonAsync("/api/relocation/sites", SiteBody("超建社区", planned: 10, built: 11, handed: 11), FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["relocation.built_over_planned"], Codes(problem, "housesBuilt"));
        using var leader = app.ClientFor(app.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/relocation/sites", SiteBody("领导社区"), FupinApp.Json)).StatusCode);
        Assert.Equal(before, await db.SettlementSites.CountAsync());

        var id = await SiteAsync("测试社区甲");
        var got = await app.GetJsonAsync<SettlementSiteDetails>($"/api/relocation/sites/{id}");
        Assert.Equal(("测试社区甲", 20, 12, 8, 2), (got.Site.Name, got.MoveOut.HousesPlanned, got.MoveOut.HousesBuilt, got.MoveOut.HousesHandedOver, got.Settle.FacilitiesInPlace));
        Assert.Equal("石门乡", got.Site.RegionName);
    }

    [Fact]
    public async Task Api_Household_RelocatedTwiceRefused_FiguresAndListCountIt_ExportIsLoggedAndMasked()
    {
        var site = await SiteAsync("测试社区乙");
        var other = await SiteAsync("测试社区丙");
        var h = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "搬迁户甲", h => h.Members[0].MigrantWorkMonths = 9, extraMembers: 2);
        using var client = app.Client();

        var (status, _) = await SendAsync(client.PostAsJsonAsync($"/api/relocation/sites/{site}/households", new { householdId = h, movedInOn = "2018-09-20", stableJobs = 0 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, status);
        var (again, problem) = await SendAsync(client.PostAsJsonAsync($"/api/relocation/sites/{other}/households", new { householdId = h }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal([RelocationRules.AlreadyRelocatedCode], Codes(problem, "householdId"));

        var got = await app.GetJsonAsync<SettlementSiteDetails>($"/api/relocation/sites/{site}");
        Assert.Equal((1, 3, 1, 3, 1), (got.MoveOut.Households, got.MoveOut.Persons, got.MoveOut.HouseholdsMovedIn, got.MoveOut.PersonsMovedIn, got.Prosper.HouseholdsWithWork));
        var family = Assert.Single(got.Families);
        Assert.Equal(("搬迁户甲", "石门乡石门村", true), (family.HeadName, family.FromVillageName, family.HasStableWork));

        var list = await app.GetJsonAsync<SettlementSiteList>("/api/relocation/sites?region=" + RegistryBuilder.Township);
        var row = list.Rows.Single(r => r.Id == site);
        Assert.Equal((1, 3, 1), (row.Households, row.Persons, row.HouseholdsWithWork));

        var export = await client.GetAsync($"/api/relocation/export?site={site}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var x = Assert.Single(rows);
        Assert.Equal("搬迁户甲", x["户主"]);
        Assert.Contains("********", (string)x["户主证件号码"]!, StringComparison.Ordinal);
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportRelocatedHouseholds.Entity && c.Action == AccountLog.Exported && c.EntityId == site));
    }

    [Fact]
    public async Task Pages_ListLinksToSite_SitePageShowsThreeGoalsAndMarksTheNoWorkGap_FormAddsByHouseholdNumber()
    {
        var site = await SiteAsync("测试社区丁");
        var working = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "有业户", h => h.Members[0].MigrantWorkMonths = 7);
        var idle = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "无业户");
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/relocation/sites/{site}/households", new { householdId = working }, FupinApp.Json)).StatusCode);

        var list = await client.GetStringAsync("/relocation");
        Assert.Contains($"href=\"/relocation/{site}\"", list, StringComparison.Ordinal);
        Assert.Contains("测试社区丁", list, StringComparison.Ordinal);

        var html = await client.GetStringAsync($"/relocation/{site}");
        foreach (var goal in new[] { "搬得出", "稳得住", "能致富" }) Assert.Contains($">{goal}</h2>", html, StringComparison.Ordinal);
        Assert.Contains("该安置点尚未关联建设项目", html, StringComparison.Ordinal);

        await using (var db = app.Db.NewContext())
        {
            var number = await db.Households.Where(h => h.Id == idle).Select(h => h.Number).SingleAsync();
            var form = Api.HiddenFields(html);
            form["HouseholdNumber"] = number;
            form["StableJobs"] = "0";
            var posted = await client.PostAsync($"/relocation/{site}?handler=Family", new FormUrlEncodedContent(form.Where(f => !f.Key.StartsWith("Form.", StringComparison.Ordinal)
                && f.Key is not ("FamilyId" or "FamilyVersion"))));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        html = await client.GetStringAsync($"/relocation/{site}");
        Assert.Matches("data-stable-work=\"no\" class=\"gap\"", html);
        Assert.Contains("无人稳定就业：无业户（1人）", html, StringComparison.Ordinal);
        Assert.Contains("data-stable-work=\"yes\"", html, StringComparison.Ordinal);

        using var leader = app.ClientFor(app.Leader);
        var leaderHtml = await leader.GetStringAsync($"/relocation/{site}");
        Assert.DoesNotContain("登记搬迁户", leaderHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/relocation/999999")).StatusCode);
    }
}
