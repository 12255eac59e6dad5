using System.Net;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Regions;

public class RegionTreeTests(FupinApp app) : IClassFixture<FupinApp>
{
    [Fact]
    public async Task Children_OfTownship_ListVillagesWithHouseholdAndPoorCounts()
    {
        await Seed.HouseholdAsync(app.Db, "411321304201", "甲", h => h.Status = PovertyStatus.NotExited, extraMembers: 2);
        await Seed.HouseholdAsync(app.Db, "411321304201", "乙", h => (h.Status, h.ExitYear) = (PovertyStatus.ExitedWithPolicy, 2017));
        await Seed.HouseholdAsync(app.Db, "411321304202", "丙", h => h.Status = PovertyStatus.Relapsed, extraMembers: 1);

        var tree = await app.GetJsonAsync<RegionTree>("/api/regions/411321304/children");

        Assert.Equal(("石门乡", RegionLevel.Township), (tree.Region.Name, tree.Region.Level));
        Assert.Equal(["河南省", "南阳市", "南召县", "石门乡"], tree.Path.Select(p => p.Name));
        var a = tree.Children.Single(c => c.Code == "411321304201");
        Assert.Equal((true, 2, 1, 1, 4, 3, 1), (a.IsPoorVillage, a.Households, a.PoorHouseholds, a.ExitedHouseholds, a.Persons, a.PoorPersons, a.ExitedPersons));
        var b = tree.Children.Single(c => c.Code == "411321304202");
        Assert.Equal((false, 1, 1, 2), (b.IsPoorVillage, b.Households, b.PoorHouseholds, b.Persons));
        Assert.Equal((3, 2, 6, 2, 1), (tree.Region.Households, tree.Region.PoorHouseholds, tree.Region.Persons, tree.Region.Villages, tree.Region.PoorVillages));
        Assert.Equal(Math.Round(5 * 100m / 3000, 2), tree.Region.PovertyIncidence);   // 5 poor persons of 2 × 1500 rural population
    }

    [Fact]
    public async Task Children_OfCounty_ListEveryTownship()
    {
        await Seed.HouseholdAsync(app.Db, "411321100201", "丁");

        var tree = await app.GetJsonAsync<RegionTree>("/api/regions/411321/children");

        Assert.Equal(16, tree.Children.Count(c => c.Level == RegionLevel.Township && string.CompareOrdinal(c.Code, "411321400") < 0));
        Assert.True(tree.Children.Single(c => c.Name == "城关镇").Households >= 1);
        Assert.Equal(tree.Children.Sum(c => c.Households), tree.Region.Households);
    }

    [Fact]
    public async Task Children_UnknownRegion_Returns404()
    {
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/regions/999999/children")).StatusCode);
    }

    [Fact]
    public async Task RegionPage_LinksEachVillageToTheFilteredHouseholdSearch()
    {
        await Seed.HouseholdAsync(app.Db, "411321304201", "戊");
        using var client = app.Client();

        var html = await client.GetStringAsync("/regions/411321304");

        Assert.Contains("<h1>", html);
        Assert.Contains("石门乡", html);
        Assert.Contains("石门村", html);
        Assert.Contains("贫困村", html);
        Assert.Contains("href=\"/households?region=411321304201\"", html);
        Assert.Contains("href=\"/regions/411321\"", html);          // breadcrumb back to the county
    }
}
