using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Campaign;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Campaign;

/// <summary>County 411321 with the default 2018 headings and one 县卫健委 line; today is 2018-10-08.</summary>
public sealed class CampaignApp : FupinApp
{
    public SignedInClient Health { get; private set; } = null!;
    public SignedInClient Labour { get; private set; } = null!;
    public SignedInClient Pairing { get; private set; } = null!;
    public long Task { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        var health = await UserAsync(Role.Department, [RegistryBuilder.County]);
        var labour = await UserAsync(Role.Department, [RegistryBuilder.County]);
        await using (var db = Db.NewContext())
        {
            (await db.Users.SingleAsync(u => u.Id == health.Id)).Department = "县卫健委";
            (await db.Users.SingleAsync(u => u.Id == labour.Id)).Department = "县人社局";
            await db.SaveChangesAsync();
            var headings = await DefaultCampaignHeadings.EnsureAsync(db, RegistryBuilder.County, 2018, "admin", default);
            Task = (await new SaveCampaignTask(db).HandleAsync(new SaveCampaignTaskRequest
            {
                CountyCode = RegistryBuilder.County, HeadingId = headings.Single(h => h.Name == "健康扶贫").Id, Name = "家庭医生签约", Indicator = "贫困人口签约",
                Target = 100, Unit = "人", Department = "县卫健委", StartsOn = new DateOnly(2018, 1, 1), Deadline = new DateOnly(2018, 12, 31), User = "admin",
            }, default)).Value!.Id;
        }
        Health = await SignInAsync(health);
        Labour = await SignInAsync(labour);
        Pairing = await SignInAsync(await UserAsync(Role.PairingCadre, [RegistryBuilder.Village]));
    }
}

public class CampaignApiTests(CampaignApp app) : IClassFixture<CampaignApp>
{
    [Fact]
    public async Task Progress_OtherDepartment403_OwnDepartmentOk_PairingCannotRead()
    {
        using var labour = app.ClientFor(app.Labour);
        var refused = await labour.PostAsJsonAsync($"/api/campaign/tasks/{app.Task}/progress", new { month = "2018-09-01", achieved = 50 }, FupinApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(CampaignRules.NotOwnLineCode, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());

        using var health = app.ClientFor(app.Health);
        var ok = await health.PostAsJsonAsync($"/api/campaign/tasks/{app.Task}/progress", new { month = "2018-09-01", achieved = 80 }, FupinApp.Json);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Green", JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetProperty("light").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await health.PutAsJsonAsync("/api/campaign/headings", new { year = 2018, headings = Array.Empty<object>() }, FupinApp.Json)).StatusCode);
        using var pairing = app.ClientFor(app.Pairing);
        Assert.Equal(HttpStatusCode.Forbidden, (await pairing.GetAsync("/api/campaign")).StatusCode);
    }

    [Fact]
    public async Task Export_OpensWithMiniExcel_HasTheLinesAndIsLogged()
    {
        using var client = app.Client();
        var response = await client.GetAsync("/api/campaign/export?department=" + Uri.EscapeDataString("县卫健委"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("家庭医生签约", "县卫健委", "健康扶贫"), (row["任务"]?.ToString(), row["责任单位"]?.ToString(), row["标题"]?.ToString()));
        await using var db = app.Db.NewContext();
        Assert.True(await db.Changes.AnyAsync(c => c.Entity == CampaignRules.LedgerEntity && c.Action == AccountLog.Exported));
    }
}
