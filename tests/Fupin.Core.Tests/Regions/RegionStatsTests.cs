using Fupin.Accounts;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Regions;

/// <summary>
/// A register over three counties of two cities of 河南 (41), worked out by hand: one village each, of 1,000, 2,000 and
/// 4,000 rural people.
/// 411321 南召县 (南阳 4113): A 未脱贫, 3 persons; B 已脱贫(享受政策), 2 persons — its village a poor village.
/// 411322 方城县 (南阳 4113): C 返贫, 1 person.
/// 410102 中原区 (郑州 4101): D 未脱贫, 2 persons — its village a poor village.
/// So 南阳: 3 households, 6 persons, poor 2 (A, C) with 4 persons; 郑州: 1, 2, poor 1 with 2; 河南: 4, 8, poor 3 with 6.
/// </summary>
public class RegionStatsTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    long _c;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        foreach (var (county, rural, poor) in new[] { ("411321", 1000, true), ("411322", 2000, false), ("410102", 4000, true) })
        {
            var township = RegionCatalog.ChainWithTownships(county).First(r => r.Level == RegionLevel.Township).Code;
            await RegistryBuilder.EnsureVillageAsync(_db, township + "201", "一村", poor, rural);
        }

        await AddAsync("411321", PovertyStatus.NotExited, 3);
        await AddAsync("411321", PovertyStatus.ExitedWithPolicy, 2);
        _c = await AddAsync("411322", PovertyStatus.Relapsed, 1);
        await AddAsync("410102", PovertyStatus.NotExited, 2);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<long> AddAsync(string county, PovertyStatus status, int persons)
    {
        await using var ctx = _db.NewContext();
        var village = await ctx.Regions.Where(r => r.Level == RegionLevel.Village && r.Code.StartsWith(county)).Select(r => r.Code).SingleAsync();
        var h = RegistryBuilder.Household(h =>
        {
            (h.CountyCode, h.VillageCode, h.Status) = (county, village, status);
            h.Number = village + h.Number[^5..];
            for (var i = 1; i < persons; i++) h.Members.Add(RegistryBuilder.Member(h));
            foreach (var m in h.Members) m.CountyCode = county;
        });
        ctx.Households.Add(h);
        await ctx.SaveChangesAsync();
        return h.Id;
    }

    async Task<RegionStats> StatsAsync(string code, CountyCounts? counties = null, AccessScope? scope = null)
    {
        await using var ctx = _db.NewContext(scope);
        return (await new GetRegionStats(ctx, counties).HandleAsync(new GetRegionStatsRequest(code), CancellationToken.None))!;
    }

    static (int Households, int Persons, int PoorHouseholds, int PoorPersons, int Villages, int PoorVillages, long Rural) Figures(RegionStatsRow r) =>
        (r.Households, r.Persons, r.PoorHouseholds, r.PoorPersons, r.Villages, r.PoorVillages, r.RuralPopulation);

    [Fact]
    public async Task Province_CountsEachCityAsTheSumOfItsCounties()
    {
        var stats = await StatsAsync("41");

        Assert.Equal((4, 8, 3, 6, 3, 2, 7000L), Figures(stats.Total));
        Assert.Equal((1, 2, 1, 2, 1, 1, 4000L), Figures(stats.Children.Single(c => c.Code == "4101")));
        Assert.Equal((3, 6, 2, 4, 2, 1, 3000L), Figures(stats.Children.Single(c => c.Code == "4113")));
        Assert.All(stats.Children.Where(c => c.Code is not ("4101" or "4113")), c => Assert.Equal(0, c.Households));
        var nanyang = stats.Children.Single(c => c.Code == "4113").ByStatus;
        Assert.Equal((1, 3), (nanyang.Single(s => s.Status == PovertyStatus.NotExited).Households, nanyang.Single(s => s.Status == PovertyStatus.NotExited).Persons));
        Assert.Equal((1, 1), (nanyang.Single(s => s.Status == PovertyStatus.Relapsed).Households, nanyang.Single(s => s.Status == PovertyStatus.Relapsed).Persons));
    }

    [Fact]
    public async Task City_CountsEachCounty_TheSameWithAndWithoutTheKeptCounts()
    {
        var counted = await StatsAsync("4113");
        var kept = await StatsAsync("4113", new CountyCounts());

        Assert.Equal((3, 6, 2, 4, 2, 1, 3000L), Figures(counted.Total));
        Assert.Equal((2, 5, 1, 3), (counted.Children.Single(c => c.Code == "411321").Households, counted.Children.Single(c => c.Code == "411321").Persons,
            counted.Children.Single(c => c.Code == "411321").PoorHouseholds, counted.Children.Single(c => c.Code == "411321").PoorPersons));
        Assert.Equal(counted.Children.Select(c => (c.Code, Figures(c))), kept.Children.Select(c => (c.Code, Figures(c))));
        Assert.Equal(Figures(counted.Total), Figures(kept.Total));
    }

    [Fact]
    public async Task KeptCounts_AfterAChangeInOneCounty_RecountThatCountyOnly_AndAfterAChangeOfRegions_RecountAll()
    {
        var counties = new CountyCounts();
        await StatsAsync("41", counties);
        Assert.Equal(3, counties.Counted);
        await StatsAsync("41", counties);
        Assert.Equal(3, counties.Counted); // nothing changed: nothing counted

        await using (var ctx = _db.NewContext())
        {
            (await ctx.Households.SingleAsync(h => h.Id == _c)).Status = PovertyStatus.ExitedWithPolicy;
            await ctx.SaveChangesAsync();
        }
        var after = await StatsAsync("41", counties);
        Assert.Equal(4, counties.Counted); // 方城县 alone
        Assert.Equal((4, 8, 2, 5), (after.Total.Households, after.Total.Persons, after.Total.PoorHouseholds, after.Total.PoorPersons));
        Assert.Equal(1, after.Children.Single(c => c.Code == "4113").PoorHouseholds);

        await using (var ctx = _db.NewContext())
        {
            (await ctx.Regions.SingleAsync(r => r.Code == "4113")).Name = "南阳市（改）";
            await ctx.SaveChangesAsync();
        }
        await StatsAsync("41", counties);
        Assert.Equal(7, counties.Counted); // a change that names no county may touch any: all three again
    }

    [Fact]
    public async Task Province_ForAUserOfOneCounty_CountsWhatTheUserSees_WithoutTheKeptCounts()
    {
        var counties = new CountyCounts();
        var stats = await StatsAsync("41", counties, AccessScope.For(1, Role.CountyLeader, ["411321"]));

        Assert.Equal((2, 5, 1, 3), (stats.Total.Households, stats.Total.Persons, stats.Total.PoorHouseholds, stats.Total.PoorPersons));
        Assert.Equal(0, counties.Counted);
    }
}
