using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Industries;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Industry;

public sealed class EntitiesApp : FupinApp
{
    public const string OtherVillage = "411321304202";
    public SignedInClient Leader { get; private set; } = null!;
    public SignedInClient Township { get; private set; } = null!;
    public SignedInClient OwnCadre { get; private set; } = null!;
    public SignedInClient OtherCadre { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        await RegistryBuilder.EnsureVillageAsync(Db, OtherVillage, "竹园村");
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
        Township = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
        OwnCadre = await SignInAsync(await UserAsync(Role.VillageCadre, [RegistryBuilder.Village]));
        OtherCadre = await SignInAsync(await UserAsync(Role.VillageCadre, [OtherVillage]));
    }
}

public class EntitiesApiTests(EntitiesApp app) : IClassFixture<EntitiesApp>
{
    static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    static object Entity(string name, string region = RegistryBuilder.Township) => new
    {
        regionCode = region, name, kind = "Cooperative", level = "县级", employees = 20, areaMu = 150.5, annualOutputYuan = 1_200_000.50m, contactPhone = "13800001111",
    };

    static async Task<long> CreateEntityAsync(HttpClient client, string name)
    {
        var (status, body) = await SendAsync(client.PostAsJsonAsync("/api/industry/entities", Entity(name), FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetInt64();
    }

    static async Task<long> CreateContractAsync(HttpClient client, long entity, string number, string kind = "Equity", decimal agreed = 600m, string start = "2017-01-01")
    {
        var (status, body) = await SendAsync(client.PostAsJsonAsync("/api/industry/contracts", new
        {
            entityId = entity, number, kind, model = "合作社+基地+贫困户", startOn = start, agreedPerYearYuan = agreed,
        }, FupinApp.Json));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Api_EntityContractPartyAndDividendRun_FeedIncome_AndRefusalsCarryTheirCodes()
    {
        using var client = app.ClientFor(app.Township);
        var entity = await CreateEntityAsync(client, "石门乡食用菌专业合作社");
        var (dup, dupProblem) = await SendAsync(client.PostAsJsonAsync("/api/industry/entities", Entity("石门乡食用菌专业合作社", RegistryBuilder.Village), FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, dup);
        Assert.Equal([LinkageRules.NameTakenCode], Codes(dupProblem, "name"));
        var (_, bad) = await SendAsync(client.PostAsJsonAsync("/api/industry/entities", new { regionCode = RegistryBuilder.Village, name = "乙", kind = "Other", level = "乡级", creditCode = "123", employees = -1, annualOutputYuan = 0 }, FupinApp.Json));
        Assert.Equal(["entity.level_invalid"], Codes(bad, "level"));
        Assert.Equal(["entity.credit_code_invalid"], Codes(bad, "creditCode"));
        Assert.Equal(["entity.size_invalid"], Codes(bad, "employees"));

        var contract = await CreateContractAsync(client, entity, "SM-SJ-2017-01");
        var (taken, takenProblem) = await SendAsync(client.PostAsJsonAsync("/api/industry/contracts", new { entityId = entity, number = "SM-SJ-2017-01", kind = "Equity", startOn = "2018-01-01", agreedPerYearYuan = 1 }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, taken);
        Assert.Equal([LinkageRules.NumberTakenCode], Codes(takenProblem, "number"));

        var a = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "刘甲", h => h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2018, HouseholdSize = 2, Wage = 500_000 }), extraMembers: 1);
        var b = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "刘乙");
        var exited = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "刘丙", h => h.Status = PovertyStatus.ExitedWithoutPolicy);
        await using var db = app.Db.NewContext();
        string Number(long id) => db.Households.Where(h => h.Id == id).Select(h => h.Number).Single();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdNumber = Number(a) }, FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdId = b, agreedPerYearYuan = 300m }, FupinApp.Json)).StatusCode);
        var (again, againProblem) = await SendAsync(client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdId = a }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal([LinkageRules.PartyExistsCode], Codes(againProblem, "householdId"));
        var (_, exitedProblem) = await SendAsync(client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdNumber = Number(exited) }, FupinApp.Json));
        Assert.Equal([LinkageRules.HouseholdNotEligibleCode], Codes(exitedProblem, "householdNumber"));

        var (future, futureProblem) = await SendAsync(client.PostAsJsonAsync($"/api/industry/contracts/{contract}/payments", new { paidOn = "2018-10-09" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Equal([LinkageRules.DateFutureCode], Codes(futureProblem, "paidOn"));

        var (run, runBody) = await SendAsync(client.PostAsJsonAsync($"/api/industry/contracts/{contract}/payments", new { paidOn = "2018-09-28", note = "2018年度分红" }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, run);
        Assert.Equal((2, 90_000L), (runBody.GetProperty("count").GetInt32(), runBody.GetProperty("totalFen").GetInt64()));
        var incomeA = await db.Incomes.AsNoTracking().SingleAsync(i => i.HouseholdId == a && i.Year == 2018);
        Assert.Equal((60_000L, 280_000L), (incomeA.AssetDividend, incomeA.PerCapitaNetIncome));
        var incomeB = await db.Incomes.AsNoTracking().SingleAsync(i => i.HouseholdId == b && i.Year == 2018);
        Assert.Equal((1, 30_000L), (incomeB.HouseholdSize, incomeB.AssetDividend));

        var details = await app.GetJsonAsync<LinkageContractDetails>($"/api/industry/contracts/{contract}");
        Assert.Equal(90_000L, details.PaidThisYearFen);
        Assert.Equal([(a, 60_000L), (b, 30_000L)], details.Parties.OrderBy(p => p.HouseholdId).Select(p => (p.HouseholdId, p.PaidThisYearFen)));
        var partyB = details.Parties.Single(p => p.HouseholdId == b);
        var (hasPayments, hasPaymentsProblem) = await SendAsync(client.DeleteAsync($"/api/industry/parties/{partyB.Id}"));
        Assert.Equal(HttpStatusCode.BadRequest, hasPayments);
        Assert.Equal([LinkageRules.PartyHasPaymentsCode], Codes(hasPaymentsProblem, "partyId"));

        var paymentB = details.Payments.Single(p => p.PartyId == partyB.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/industry/payments/{paymentB.Id}/cancel", new { reason = "重复登记" }, FupinApp.Json)).StatusCode);
        Assert.Equal(0L, (await db.Incomes.AsNoTracking().SingleAsync(i => i.HouseholdId == b && i.Year == 2018)).AssetDividend);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/industry/parties/{partyB.Id}")).StatusCode);

        var list = await app.GetJsonAsync<BusinessEntityList>("/api/industry/entities?q=食用菌");
        var row = Assert.Single(list.Rows);
        Assert.Equal((1, 1, 2, 60_000L, 120_000_050L), (row.Contracts, row.Households, row.Persons, row.PaidThisYearFen, row.AnnualOutputFen));

        using var leader = app.ClientFor(app.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/industry/entities", Entity("领导的合作社"), FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/industry/entities/{entity}")).StatusCode);
    }

    [Fact]
    public async Task Api_UpdateWithAStaleVersion_Is409()
    {
        using var client = app.Client();
        var entity = await CreateEntityAsync(client, "版本测试合作社");
        var body = Entity("版本测试合作社（改）");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/industry/entities/{entity}", body, FupinApp.Json)).StatusCode);
        var (stale, problem) = await SendAsync(client.PutAsJsonAsync($"/api/industry/entities/{entity}", body, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Equal("conflict", problem.GetProperty("code").GetString());

        var contract = await CreateContractAsync(client, entity, "VER-1");
        var update = new { entityId = entity, startOn = "2017-01-01", endOn = "2020-12-31", agreedPerYearYuan = 700m, model = "公司+贫困户", version = 0 };
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/industry/contracts/{contract}", update, FupinApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"/api/industry/contracts/{contract}", update, FupinApp.Json)).StatusCode);
    }

    [Fact]
    public async Task Scope_OtherVillagesCadre_Gets404ForThePartysHousehold_AndSeesNoParty_WhileTheTownshipEntityIsVisibleToItsVillage()
    {
        using var client = app.Client();
        var entity = await CreateEntityAsync(client, "范围测试合作社");
        var contract = await CreateContractAsync(client, entity, "SCOPE-1");
        var h = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "范甲");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdId = h }, FupinApp.Json)).StatusCode);

        using var own = app.ClientFor(app.OwnCadre);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/households/{h}")).StatusCode);
        var ownView = await (await own.GetAsync($"/api/industry/contracts/{contract}")).Content.ReadFromJsonAsync<LinkageContractDetails>(FupinApp.Json);
        Assert.Equal([h], ownView!.Parties.Select(p => p.HouseholdId));
        Assert.Contains("范围测试合作社", await own.GetStringAsync("/api/industry/entities"), StringComparison.Ordinal);

        using var other = app.ClientFor(app.OtherCadre);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/households/{h}")).StatusCode);
        var otherView = await (await other.GetAsync($"/api/industry/contracts/{contract}")).Content.ReadFromJsonAsync<LinkageContractDetails>(FupinApp.Json);
        Assert.Empty(otherView!.Parties);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdId = h }, FupinApp.Json)).StatusCode);
    }

    [Fact]
    public async Task Exports_EntityListAndLedger_AreXlsx_AndLogged()
    {
        using var client = app.Client();
        var entity = await CreateEntityAsync(client, "导出测试龙头企业");
        var contract = await CreateContractAsync(client, entity, "EXP-1", "LandTransfer", 450m, "2018-03-01");
        var h = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "导出户");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/industry/contracts/{contract}/parties", new { householdId = h, landMu = 2.5 }, FupinApp.Json)).StatusCode);
        var details = await app.GetJsonAsync<LinkageContractDetails>($"/api/industry/contracts/{contract}");
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/industry/contracts/{contract}/payments",
            new { partyId = details.Parties[0].Id, amountYuan = 450m, paidOn = "2018-04-01" }, FupinApp.Json)).StatusCode);
        await using var db = app.Db.NewContext();
        Assert.Equal(45_000L, (await db.Incomes.AsNoTracking().SingleAsync(i => i.HouseholdId == h && i.Year == 2018)).OtherProperty);

        var ledger = await client.GetAsync($"/api/industry/contracts/export?contract={contract}");
        Assert.Equal(HttpStatusCode.OK, ledger.StatusCode);
        Assert.Equal(ExportLinkageLedger.ContentType, ledger.Content.Headers.ContentType!.MediaType);
        using var ls = new MemoryStream(await ledger.Content.ReadAsByteArrayAsync());
        var row = Assert.Single(MiniExcelLibs.MiniExcel.Query(ls, useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal(("EXP-1", "土地流转", "导出户", 450d, 450d, 2.5d), ((string)row["合同编号"], (string)row["联结方式"], (string)row["户主"],
            Convert.ToDouble(row["约定金额（元）"], System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(row["实际支付（元）"], System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDouble(row["流转面积（亩）"], System.Globalization.CultureInfo.InvariantCulture)));

        var list = await client.GetAsync("/api/industry/entities/export?q=导出测试");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var es = new MemoryStream(await list.Content.ReadAsByteArrayAsync());
        Assert.Equal("导出测试龙头企业", (string)Assert.Single(MiniExcelLibs.MiniExcel.Query(es, useHeaderRow: true).Cast<IDictionary<string, object>>())["经营主体名称"]);
        Assert.Equal(["q=导出测试"], await db.Changes.AsNoTracking().Where(c => c.Entity == ExportBusinessEntities.Entity).Select(c => c.NewValue!).ToListAsync());
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == ExportLinkageLedger.Entity && c.User == FupinApp.AdminName));
    }

    [Fact]
    public async Task Pages_ListEntityAndContract_Render_AndTheForms_Work()
    {
        using var client = app.ClientFor(app.Township, bearerForApi: false);
        var list = await client.GetAsync("/industry/entities");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var newPage = await client.GetStringAsync("/industry/entities/new");
        Assert.Contains("新增经营主体", newPage, StringComparison.Ordinal);

        using var api = app.ClientFor(app.Township);
        var entity = await CreateEntityAsync(api, "页面测试合作社");
        var html = await client.GetStringAsync($"/industry/entities/{entity}");
        Assert.Contains("页面测试合作社", html, StringComparison.Ordinal);
        Assert.Contains("新增利益联结合同", html, StringComparison.Ordinal);
        var contract = await CreateContractAsync(api, entity, "PAGE-1");
        var page = await client.GetStringAsync($"/industry/contracts/{contract}");
        Assert.Contains("PAGE-1", page, StringComparison.Ordinal);
        Assert.Contains("新增联结对象", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/industry/entities/{entity}\"", page, StringComparison.Ordinal);

        using var leader = app.ClientFor(app.Leader, bearerForApi: false);
        var leaderPage = await leader.GetStringAsync($"/industry/contracts/{contract}");
        Assert.DoesNotContain("新增联结对象", leaderPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync("/industry/entities/new")).StatusCode);
    }
}
