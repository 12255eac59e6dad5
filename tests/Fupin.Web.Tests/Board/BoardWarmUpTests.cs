using System.Net;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
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
        // Two households in a second county, one in a third: warmed after the first chain, the larger county first.
        foreach (var (county, households) in new[] { ("411323", 1), ("411322", 2) })
        {
            var township = RegionCatalog.ChainWithTownships(county).First(r => r.Level == RegionLevel.Township).Code;
            await RegistryBuilder.EnsureVillageAsync(db, township + "201", "一村", poor: false);
            for (var i = 0; i < households; i++)
                ctx.Households.Add(RegistryBuilder.Household(h =>
                {
                    (h.CountyCode, h.VillageCode) = (county, township + "201");
                    foreach (var m in h.Members) m.CountyCode = county;
                }));
        }
        await ctx.SaveChangesAsync();
    }
}

public sealed class BoardWarmUpTests(WarmUpApp app) : IClassFixture<WarmUpApp>
{
    [Fact]
    public async Task AtStartUp_TheFirstCountyTownshipAndVillage_ThenEveryOtherCountyLargestFirst_AreComputed_AndServedWithoutComputingAgain()
    {
        var warmUp = app.Factory.Services.GetRequiredService<BoardWarmUp>();
        var warmed = await warmUp.Done.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal([RegistryBuilder.County, RegistryBuilder.Township, RegistryBuilder.Village, "411322", "411323"], warmed);

        using var health = JsonDocument.Parse(await app.Client().GetStringAsync("/health"));
        Assert.Equal("ready", health.RootElement.GetProperty("boards").GetString());

        var boards = app.Factory.Services.GetRequiredService<BoardCache>();
        var computed = boards.Computed;
        using var client = app.Client();
        foreach (var code in warmed.Take(3))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/" + code)).StatusCode);
        // The other counties' boards (outside the test client's county) straight from the cache.
        foreach (var code in warmed.Skip(3)) Assert.NotNull(await boards.GetAsync(code, default));
        Assert.Equal(computed, boards.Computed);
        // A board not warmed is computed on its first request.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board/411321304202")).StatusCode);
        Assert.Equal(computed + 1, boards.Computed);
    }

    [Fact]
    public async Task AtStartUp_TheCountsOfEachCounty_OfTheCityTheRegisterSpans_AreKept_AndTheCityIsServedFromThem()
    {
        await app.Factory.Services.GetRequiredService<BoardWarmUp>().Done.WaitAsync(TimeSpan.FromMinutes(2));
        var counties = app.Factory.Services.GetRequiredService<CountyCounts>();
        Assert.Equal(3, counties.Counted); // 411321, 411322, 411323: the register's top region is 南阳市 (4113)

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        var stats = await scope.ServiceProvider.GetRequiredService<GetRegionStats>().HandleAsync(new GetRegionStatsRequest("4113"), default);

        Assert.Equal(3, counties.Counted);
        Assert.Equal((1, 2, 1), (stats!.Children.Single(c => c.Code == RegistryBuilder.County).Households,
            stats.Children.Single(c => c.Code == "411322").Households, stats.Children.Single(c => c.Code == "411323").Households));
    }
}
