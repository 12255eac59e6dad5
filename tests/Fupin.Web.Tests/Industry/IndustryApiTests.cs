using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Industries;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industry;

/// <summary>石门村 (A1) and 四棵树村 (B1); a county leader, a township officer of 石门乡, a village cadre of each village.</summary>
public sealed class IndustryApp : FupinApp
{
    public const string VillageA = "411321304201";
    public const string VillageB = "411321305201";

    public SignedInClient Leader { get; private set; } = null!;
    public SignedInClient Officer { get; private set; } = null!;
    public SignedInClient CadreA { get; private set; } = null!;
    public SignedInClient CadreB { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db, VillageA, "石门村");
        await RegistryBuilder.EnsureVillageAsync(Db, VillageB, "四棵树村");
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        Officer = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        CadreA = await SignInAsync(await UserAsync(Role.VillageCadre, [VillageA]));
        CadreB = await SignInAsync(await UserAsync(Role.VillageCadre, [VillageB]));
    }

    static int _n;

    /// <summary>A fresh industry with a unique code, through the API as the county admin.</summary>
    public async Task<long> IndustryAsync(string name, string? unit = "斤")
    {
        var code = "T" + Interlocked.Increment(ref _n).ToString(CultureInfo.InvariantCulture);
        using var admin = Client();
        var response = await admin.PostAsJsonAsync("/api/industry/industries", new { code, name, outputUnit = unit }, Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt64();
    }
}

public class IndustryApiTests(IndustryApp app) : IClassFixture<IndustryApp>
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
    public async Task Api_AddIndustry_Created_DuplicateCodeOrName400WithCodes_OthersForbidden_RenameAndRetire()
    {
        using var admin = app.Client();
        var (s1, created) = await SendAsync(admin.PostAsJsonAsync("/api/industry/industries", new { code = "hm", name = "花卉苗木", outputUnit = "万株" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal("HM", created.GetProperty("code").GetString());
        var id = created.GetProperty("id").GetInt64();

        var (s2, dupCode) = await SendAsync(admin.PostAsJsonAsync("/api/industry/industries", new { code = "HM", name = "花卉" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal([IndustryPlanRules.CodeTaken], Codes(dupCode, "code"));
        var (_, dupName) = await SendAsync(admin.PostAsJsonAsync("/api/industry/industries", new { code = "HM2", name = "花卉苗木" }, FupinApp.Json));
        Assert.Equal([IndustryPlanRules.NameTaken], Codes(dupName, "name"));
        var (_, badCode) = await SendAsync(admin.PostAsJsonAsync("/api/industry/industries", new { code = "H M", name = "花卉2" }, FupinApp.Json));
        Assert.Equal([IndustryPlanRules.CodeInvalid], Codes(badCode, "code"));

        foreach (var user in new[] { app.Leader, app.Officer, app.CadreA })
        {
            using var client = app.ClientFor(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/industry/industries", new { code = "XX", name = "某产业" }, FupinApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutJsonAsync($"/api/industry/industries/{id}", new { isActive = false })).StatusCode);
            var list = await client.GetFromJsonAsync<JsonElement>("/api/industry/industries", FupinApp.Json);
            Assert.Contains(list.EnumerateArray(), i => i.GetProperty("code").GetString() == "HM");
        }

        var (s3, renamed) = await SendAsync(admin.PutJsonAsync($"/api/industry/industries/{id}", new { name = "花卉苗木产业", isActive = false }));
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(("花卉苗木产业", false, "万株"), (renamed.GetProperty("name").GetString(), renamed.GetProperty("isActive").GetBoolean(), renamed.GetProperty("outputUnit").GetString()));
        var active = await app.GetJsonAsync<JsonElement>("/api/industry/industries?active=true");
        Assert.DoesNotContain(active.EnumerateArray(), i => i.GetProperty("code").GetString() == "HM");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutJsonAsync("/api/industry/industries/987654", new { name = "无" })).StatusCode);
    }

    [Fact]
    public async Task Api_PlanLine_AddedWithPercent_StaleUpdate409_Update200_Delete204_OfficerForbidden()
    {
        var industry = await app.IndustryAsync("艾草测试");
        using var admin = app.Client();
        var (s1, line) = await SendAsync(admin.PostAsJsonAsync($"/api/industry/industries/{industry}/plan",
            new { kind = "Base", name = "云阳镇艾草集中种植基地", regionCode = "411321102", unit = "亩", target = 5000, actual = 3260, deadline = "2018-12-31" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(65.2m, line.GetProperty("percent").GetDecimal());
        var itemId = line.GetProperty("id").GetInt64();
        var version = line.GetProperty("version").GetInt64();

        var (s2, bad) = await SendAsync(admin.PostAsJsonAsync($"/api/industry/industries/{industry}/plan", new { kind = "Base", name = "外县", regionCode = "411303001", target = -1 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["industry.region_invalid"], Codes(bad, "regionCode"));
        Assert.Equal(["industry.plan_amount_invalid"], Codes(bad, "target"));

        using (var officer = app.ClientFor(app.Officer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutJsonAsync($"/api/industry/plan/{itemId}", new { version, kind = "Base", name = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.DeleteAsync($"/api/industry/plan/{itemId}")).StatusCode);
        }
        var (s3, updated) = await SendAsync(admin.PutJsonAsync($"/api/industry/plan/{itemId}",
            new { version, kind = "Base", name = "云阳镇艾草集中种植基地", regionCode = "411321102", unit = "亩", target = 5000, actual = 5000 }));
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(100.0m, updated.GetProperty("percent").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync($"/api/industry/plan/{itemId}", new { version, kind = "Base", name = "旧" })).StatusCode);

        var details = await app.GetJsonAsync<JsonElement>($"/api/industry/industries/{industry}");
        var bases = details.GetProperty("plan").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == "Base").GetProperty("lines");
        Assert.Equal("云阳镇", bases[0].GetProperty("placeName").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/industry/plan/{itemId}?version={version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/industry/plan/{itemId}?version={version + 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/industry/plan/{itemId}")).StatusCode);
    }

    [Fact]
    public async Task Api_Engagement_RecordedByTheVillageCadre_HiddenFromTheOtherVillage_LeaderForbidden_Removed()
    {
        var industry = await app.IndustryAsync("食用菌测试", "袋");
        var household = await Seed.HouseholdAsync(app.Db, IndustryApp.VillageA, "王大山", extraMembers: 2);
        using var cadre = app.ClientFor(app.CadreA);
        var (s1, row) = await SendAsync(cadre.PostAsJsonAsync("/api/industry/engagements",
            new { householdId = household, industryId = industry, year = 2018, persons = 2, areaMu = 1.5, output = 6000, incomeYuan = 4500.5m }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(450_050, row.GetProperty("incomeFen").GetInt64());
        var id = row.GetProperty("id").GetInt64();

        var (s2, bad) = await SendAsync(cadre.PostAsJsonAsync("/api/industry/engagements",
            new { householdId = household, industryId = industry, year = 2019, persons = 4, areaMu = -1, output = 0, incomeFen = 0 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Equal(["industry.year_invalid"], Codes(bad, "year"));
        Assert.Equal(["industry.persons_invalid"], Codes(bad, "persons"));
        Assert.Equal(["industry.area_invalid"], Codes(bad, "areaMu"));

        using (var other = app.ClientFor(app.CadreB))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/industry/households/{household}/engagements")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/industry/engagements",
                new { householdId = household, industryId = industry, year = 2018, persons = 1, areaMu = 1, output = 1, incomeFen = 1 }, FupinApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/industry/engagements/{id}")).StatusCode);
        }
        using (var leader = app.ClientFor(app.Leader))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/industry/engagements",
                new { householdId = household, industryId = industry, year = 2018, persons = 1, areaMu = 1, output = 1, incomeFen = 1 }, FupinApp.Json)).StatusCode);
            var seen = await leader.GetFromJsonAsync<JsonElement>($"/api/industry/households/{household}/engagements", FupinApp.Json);
            Assert.Equal(1.5, seen[0].GetProperty("areaMu").GetDouble());
        }
        Assert.Equal(HttpStatusCode.NoContent, (await cadre.DeleteAsync($"/api/industry/engagements/{id}")).StatusCode);
        await using var db = app.Db.NewContext();
        Assert.False(await db.IndustryEngagements.AnyAsync(e => e.HouseholdId == household));
    }

    [Fact]
    public async Task Api_OverviewAndExport_CountTheIndustrysHouseholds_ExportOpensWithMiniExcel_AndIsLogged_OutOfScope404()
    {
        var industry = await app.IndustryAsync("中药材测试");
        var linked = await Seed.HouseholdAsync(app.Db, IndustryApp.VillageA, "李一", extraMembers: 3);
        var own = await Seed.HouseholdAsync(app.Db, IndustryApp.VillageB, "赵二", extraMembers: 1);
        await using (var db = app.Db.NewContext())
        {
            var e = new BusinessEntity { CountyCode = RegistryBuilder.County, RegionCode = IndustryApp.VillageA, Name = "石门中药材合作社（测试）", Kind = EntityKind.Cooperative, IndustryId = industry, CreatedBy = "t" };
            db.BusinessEntities.Add(e);
            await db.SaveChangesAsync();
            var c = new LinkageContract { CountyCode = RegistryBuilder.County, EntityId = e.Id, RegionCode = e.RegionCode, Number = "ZY-T-001", Kind = LinkageKind.Order, StartOn = new DateOnly(2018, 1, 1), CreatedBy = "t" };
            db.LinkageContracts.Add(c);
            await db.SaveChangesAsync();
            var p = new LinkageParty { ContractId = c.Id, CountyCode = RegistryBuilder.County, VillageCode = IndustryApp.VillageA, HouseholdId = linked, AddedBy = "t" };
            db.LinkageParties.Add(p);
            await db.SaveChangesAsync();
            db.LinkagePayments.Add(new LinkagePayment { ContractId = c.Id, PartyId = p.Id, CountyCode = RegistryBuilder.County, VillageCode = IndustryApp.VillageA, HouseholdId = linked, Year = 2018, PaidOn = new DateOnly(2018, 8, 1), AmountFen = 123_400, RecordedBy = "t" });
            await db.SaveChangesAsync();
        }
        using var admin = app.Client();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/industry/engagements",
            new { householdId = own, industryId = industry, year = 2018, persons = 2, areaMu = 6, output = 900, incomeFen = 500_000 }, FupinApp.Json)).StatusCode);

        var o = await app.GetJsonAsync<JsonElement>($"/api/industry/overview?region={RegistryBuilder.County}&year=2018");
        var row = o.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("industryId").GetInt64() == industry);
        var f = row.GetProperty("figures");
        // The linked household's 4 members; the own-industry household in the other village; 带动 both.
        Assert.Equal((1, 1, 4, 123_400L, 1, 2, 6.0, 500_000L, 2),
            (f.GetProperty("contracts").GetInt32(), f.GetProperty("linkedHouseholds").GetInt32(), f.GetProperty("linkedPersons").GetInt32(), f.GetProperty("paidFen").GetInt64(),
             f.GetProperty("ownHouseholds").GetInt32(), f.GetProperty("ownPersons").GetInt32(), f.GetProperty("areaMu").GetDouble(), f.GetProperty("incomeFen").GetInt64(),
             f.GetProperty("householdsTotal").GetInt32()));
        var byPlace = row.GetProperty("byPlace").EnumerateArray().ToDictionary(p => p.GetProperty("code").GetString()!, p => p.GetProperty("figures").GetProperty("householdsTotal").GetInt32());
        Assert.Equal((1, 1), (byPlace["411321304"], byPlace["411321305"]));

        var export = await admin.GetAsync($"/api/industry/overview/export?region={RegistryBuilder.County}&year=2018");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(ExportIndustryOverview.ContentType, export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "产业总览").Cast<IDictionary<string, object?>>().ToList();
        var sheetRow = Assert.Single(rows, r => (string?)r["产业名称"] == "中药材测试");
        Assert.Equal((1.0, 1234.0, 2.0), (Convert.ToDouble(sheetRow["联结农户（户）"], CultureInfo.InvariantCulture), Convert.ToDouble(sheetRow["联结收益兑现（元）"], CultureInfo.InvariantCulture),
            Convert.ToDouble(sheetRow["带动农户合计（户）"], CultureInfo.InvariantCulture)));
        Assert.Equal("合计", rows[^1]["产业名称"]);
        var places = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "分乡镇").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["石门乡", "四棵树乡"], places.Where(p => (string?)p["产业名称"] == "中药材测试").Select(p => (string?)p["乡镇/村"]));
        await using (var db = app.Db.NewContext())
            Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportIndustryOverview.Entity && c.Action == AccountLog.Exported && c.NewValue == "region=411321&year=2018"));

        using var officer = app.ClientFor(app.Officer);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/industry/overview?region=411321305")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/industry/overview/export?region=411321305")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/industry/overview?year=2030")).StatusCode);
        var mine = await officer.GetFromJsonAsync<JsonElement>("/api/industry/overview", FupinApp.Json);
        Assert.Equal("411321304", mine.GetProperty("region").GetString());
        using var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/industry/overview")).StatusCode);
    }
}
