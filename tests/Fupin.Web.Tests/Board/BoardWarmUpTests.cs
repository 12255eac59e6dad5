using System.Net;
using System.Text.Json;
using Fupin.Board;
using Fupin.Testing;
using Fupin.Web.Pages.Board;
using Fupin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fupin.Tests.Board;

/// <summary>An app with the start-up warm-up on, over a county with a household (the other tests turn it off).</summary>
public sealed class WarmUpApp : FupinApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fupin:WarmUpBoards"] = "true" };

    protected override async Task BeforeStartAsync(TestDatabase db)
    {
        await RegistryBuilder.EnsureVillageAsync(db);
        await RegistryBuilder.EnsureVillageAsync(db, "411321304202", "竹园村");
        await using var ctx = db.NewContext();
        ctx.Households.Add(RegistryBuilder.Household());
        await ctx.SaveChangesAsync();
    }
}

public sealed class BoardWarmUpTests(WarmUpApp app) : IClassFixture<WarmUpApp>
{
    [Fact]
    public async Task AtStartUp_TheFirstCountyTownshipAndVillageAreComputed_AndServedWithoutComputingAgain()
    {
        var warmUp = app.Factory.Services.GetRequiredService<BoardWarmUp>();
        var warmed = await warmUp.Done.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal([RegistryBuilder.County, RegistryBuilder.Township, RegistryBuilder.Village], warmed);

        using var health = JsonDocument.Parse(await app.Client().GetStringAsync("/health"));
        Assert.Equal("ready", health.RootElement.GetProperty("boards").GetString());

        var boards = app.Factory.Services.GetRequiredService<BoardCache>();
        var computed = boards.Computed;
        using var client = app.Client();
        foreach (var code in warmed)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/" + code)).StatusCode);
        Assert.Equal(computed, boards.Computed);
        // A board not warmed is computed on its first request.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/411321304202")).StatusCode);
        Assert.Equal(computed + 1, boards.Computed);
    }
}
