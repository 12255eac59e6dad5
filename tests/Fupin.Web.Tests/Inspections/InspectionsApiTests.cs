using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Registry;
using Fupin.Testing;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Inspections;

public sealed class InspectionsApp : FupinApp
{
    public SignedInClient Inspector { get; private set; } = null!;
    public SignedInClient Township { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegistryBuilder.EnsureVillageAsync(Db);
        for (var i = 0; i < 3; i++) await RegistryBuilder.AddHouseholdAsync(Db);
        await RegistryBuilder.AddHouseholdAsync(Db, h => h.Status = PovertyStatus.ExitedWithPolicy);
        Inspector = await SignInAsync(await UserAsync(Role.Inspector, [RegistryBuilder.County]));
        Township = await SignInAsync(await UserAsync(Role.TownshipOfficer, [RegistryBuilder.Township]));
    }
}

/// <summary>Issue #9: a sealed plan does not exist for a township by page, API or search until it is opened on the day.</summary>
public class InspectionsApiTests(InspectionsApp app) : IClassFixture<InspectionsApp>
{
    [Fact]
    public async Task SealedPlan_IsNotFoundForTheTownship_ByPageApiAndSearch_UntilOpened()
    {
        using var inspector = app.ClientFor(app.Inspector);
        using var township = app.ClientFor(app.Township);
        var name = "接口测试暗访" + Guid.NewGuid().ToString("N")[..6];
        var drawn = await inspector.PostAsJsonAsync("/api/inspections", new
        {
            townshipCodes = new[] { RegistryBuilder.Township }, plannedOn = "2018-10-08", seed = 5, name,
            size = new { poorVillages = 1, otherVillages = 0, notExitedPerVillage = 2, exitedPerVillage = 1, nonRegisteredPerVillage = 1, relocatedPerTownship = 0, workshops = 0, settlementSites = 0 },
        }, FupinApp.Json);
        Assert.Equal(HttpStatusCode.Created, drawn.StatusCode);
        var id = JsonDocument.Parse(await drawn.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/inspections/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/inspections/{id + 1000}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/inspections/{id}")).StatusCode);
        Assert.DoesNotContain(name, await township.GetStringAsync($"/api/inspections?q={name}"), StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/inspections/{id}\"", await township.GetStringAsync($"/inspections?q={name}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsync($"/api/inspections/{id}/open", null)).StatusCode);
        Assert.Contains(name, await inspector.GetStringAsync($"/api/inspections?q={name}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await inspector.PostAsync($"/api/inspections/{id}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync($"/api/inspections/{id}")).StatusCode);
        Assert.Contains($"href=\"/inspections/{id}\"", await township.GetStringAsync($"/inspections?q={name}"), StringComparison.Ordinal);
        var page = await township.GetStringAsync($"/inspections/{id}");
        Assert.Contains("未脱贫户", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Visit_Multipart_FailedAnswer_MakesAnItem_AndResendReturnsTheSameVisit()
    {
        using var inspector = app.ClientFor(app.Inspector);
        var drawn = await inspector.PostAsJsonAsync("/api/inspections", new
        {
            townshipCodes = new[] { RegistryBuilder.Township }, plannedOn = "2018-10-08", seed = 9,
            size = new { poorVillages = 1, otherVillages = 0, notExitedPerVillage = 1, exitedPerVillage = 0, nonRegisteredPerVillage = 0, relocatedPerTownship = 0, workshops = 0, settlementSites = 0 },
        }, FupinApp.Json);
        var id = JsonDocument.Parse(await drawn.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await inspector.PostAsync($"/api/inspections/{id}/open", null)).StatusCode);
        var plan = JsonDocument.Parse(await inspector.GetStringAsync($"/api/inspections/{id}")).RootElement;
        var target = plan.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("kind").GetString() == "Household").GetProperty("id").GetInt64();
        var checklist = JsonDocument.Parse(await inspector.GetStringAsync($"/api/inspections/{id}/targets/{target}")).RootElement;
        var answers = checklist.GetProperty("questions").EnumerateArray().Select(q => new
        {
            questionCode = q.GetProperty("code").GetString(),
            value = q.GetProperty("code").GetString() == "H-WATER" ? "否" : q.GetProperty("choices")[0].GetString(),
            note = (string?)null,
        }).ToList();
        var key = Guid.NewGuid();
        MultipartFormDataContent Form()
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(key.ToString()), "clientKey" },
                { new StringContent(JsonSerializer.Serialize(answers, FupinApp.Json)), "answers" },
            };
            return form;
        }
        var first = await inspector.PostAsync($"/api/inspections/{id}/targets/{target}/visits", Form());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var saved = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, saved.GetProperty("failedCount").GetInt32());
        var again = await inspector.PostAsync($"/api/inspections/{id}/targets/{target}/visits", Form());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var resent = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(saved.GetProperty("id").GetInt64(), resent.GetProperty("id").GetInt64());
        Assert.True(resent.GetProperty("repeated").GetBoolean());
        Assert.Equal(saved.GetProperty("rectifications")[0].GetProperty("number").GetString(), resent.GetProperty("rectifications")[0].GetProperty("number").GetString());
    }
}
