using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Fupin.Workshops;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Workshops;

public sealed class WorkshopsApp : FupinApp
{
    public SignedInClient Leader { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        Leader = await SignInAsync(await UserAsync(Role.CountyLeader, [RegistryBuilder.County]));
    }
}

public class WorkshopsTests(WorkshopsApp app) : IClassFixture<WorkshopsApp>
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
    public async Task Api_Workshop_WorkerAndMonths_CountPoorWorkers_DuplicateMonthRefusedWithCode()
    {
        using var client = app.Client();
        var (created, ws) = await SendAsync(client.PostAsJsonAsync("/api/workshops", new
        {
            villageCode = RegistryBuilder.Village, name = "测试假发车间", status = "Operating", company = "某发制品公司", products = "假发", openedOn = "2018-05-01",
            jobsPlanned = 50, workersTotal = 30,
        }, FupinApp.Json));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = ws.GetProperty("id").GetInt64();
        var h = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "车间工");
        await using var db = app.Db.NewContext();
        var member = await db.Members.Where(m => m.HouseholdId == h).Select(m => m.Id).SingleAsync();

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/workshops/{id}/workers", new { memberId = member, startedOn = "2018-06-01", monthlyWageYuan = 1800.50m }, FupinApp.Json)).StatusCode);
        object Month(string m) => new { month = m, workers = 30, poorWorkers = 12, wagesYuan = 60000m, poorWagesYuan = 21600m, subsidyYuan = 3000m };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"/api/workshops/{id}/months", Month("2018-09-01"), FupinApp.Json)).StatusCode);
        var (dup, problem) = await SendAsync(client.PostAsJsonAsync($"/api/workshops/{id}/months", Month("2018-09-30"), FupinApp.Json));
        Assert.Equal(HttpStatusCode.BadRequest, dup);
        Assert.Equal([WorkshopRules.MonthExistsCode], Codes(problem, "month"));
        Assert.Equal(1, await db.WorkshopMonths.CountAsync(m => m.WorkshopId == id));

        var details = await app.GetJsonAsync<WorkshopDetails>($"/api/workshops/{id}");
        var w = Assert.Single(details.PoorWorkers);
        Assert.Equal(("车间工", 180_050L), (w.Name, w.MonthlyWageFen));
        Assert.Equal((2_160_000L, 300_000L), (details.PoorWagesThisYearFen, details.SubsidyThisYearFen));
        var list = await app.GetJsonAsync<WorkshopList>("/api/workshops?status=Operating");
        Assert.Equal(1, list.Rows.Single(r => r.Id == id).PoorWorkers);

        using var leader = app.ClientFor(app.Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync($"/api/workshops/{id}/months", Month("2018-08-01"), FupinApp.Json)).StatusCode);

        var end = await client.PostAsJsonAsync($"/api/workshops/workers/{w.Id}/end", new { endedOn = "2018-10-08" }, FupinApp.Json);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Empty((await app.GetJsonAsync<WorkshopDetails>($"/api/workshops/{id}")).PoorWorkers);
    }

    [Fact]
    public async Task Pages_ListAndDetails_ShowPoorWorkersWithoutIdNumbers()
    {
        await using var db = app.Db.NewContext();
        var ws = new Workshop { CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, Name = "页面车间", Status = WorkshopStatus.Operating, JobsPlanned = 20, WorkersTotal = 10, OpenedOn = new DateOnly(2018, 1, 1) };
        db.Workshops.Add(ws);
        await db.SaveChangesAsync();
        var h = await Seed.HouseholdAsync(app.Db, RegistryBuilder.Village, "页面工");
        var m = await db.Members.Where(x => x.HouseholdId == h).SingleAsync();
        db.WorkshopWorkers.Add(new WorkshopWorker { WorkshopId = ws.Id, CountyCode = RegistryBuilder.County, VillageCode = RegistryBuilder.Village, HouseholdId = h, MemberId = m.Id, StartedOn = new DateOnly(2018, 2, 1), MonthlyWageFen = 150_000, AddedBy = "t" });
        await db.SaveChangesAsync();
        using var client = app.Client();

        var list = await client.GetStringAsync("/workshops");
        Assert.Contains($"href=\"/workshops/{ws.Id}\"", list, StringComparison.Ordinal);
        var html = await client.GetStringAsync($"/workshops/{ws.Id}");
        Assert.Contains("页面工", html, StringComparison.Ordinal);
        Assert.Contains("data-poor-now>1<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(m.IdNumber!.Value.ToString(), html, StringComparison.Ordinal);
        Assert.DoesNotContain(m.IdNumber!.Value.Masked, html, StringComparison.Ordinal);
    }
}
