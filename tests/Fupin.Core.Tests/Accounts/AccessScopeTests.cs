using Fupin.Accounts;
using Fupin.Regions;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Accounts;

public class AccessScopeTests : IAsyncLifetime
{
    const string OtherVillage = "411321304202";
    const string OtherTownshipVillage = "411321100201";
    TestDatabase _db = null!;
    long _mine, _neighbour, _otherTownship;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.EnsureVillageAsync(_db, OtherVillage, "杨树沟村");
        await RegistryBuilder.EnsureVillageAsync(_db, OtherTownshipVillage, "城关村");
        _mine = await RegistryBuilder.AddHouseholdAsync(_db, h => h.Incomes.Add(new Fupin.Registry.IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 1 }));
        _neighbour = await RegistryBuilder.AddHouseholdAsync(_db, h => h.VillageCode = OtherVillage);
        _otherTownship = await RegistryBuilder.AddHouseholdAsync(_db, h => h.VillageCode = OtherTownshipVillage);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task VillageCadre_SeesOnlyOwnVillagesHouseholdsMembersIncomesAndRegionsOnTheWayDown()
    {
        await using var ctx = _db.NewContext(AccessScope.For(1, Role.VillageCadre, [RegistryBuilder.Village]));

        Assert.Equal([_mine], await ctx.Households.Select(h => h.Id).ToListAsync());
        Assert.All(await ctx.Members.ToListAsync(), m => Assert.Equal(_mine, m.HouseholdId));
        Assert.Single(await ctx.Incomes.ToListAsync());
        Assert.Null(await ctx.Households.SingleOrDefaultAsync(x => x.Id == _neighbour));
        var regions = await ctx.Regions.Select(r => r.Code).ToListAsync();
        Assert.Contains(RegistryBuilder.Village, regions);
        Assert.Contains(RegistryBuilder.Township, regions);   // ancestors, for the path
        Assert.DoesNotContain(OtherVillage, regions);
        Assert.DoesNotContain("411321100", regions);
    }

    [Fact]
    public async Task TownshipOfficer_SeesEveryVillageOfTheTownshipOnly()
    {
        await using var ctx = _db.NewContext(AccessScope.For(2, Role.TownshipOfficer, [RegistryBuilder.Township]));
        Assert.Equal(new[] { _mine, _neighbour }.Order(), (await ctx.Households.Select(h => h.Id).ToListAsync()).Order());
        var stats = await new GetRegionStats(ctx).HandleAsync(new GetRegionStatsRequest(RegistryBuilder.County), default);
        Assert.Equal(2, stats!.Total.Households);
    }

    [Fact]
    public async Task PairingCadre_SeesOnlyPairedHouseholdsInsideTheirRegion()
    {
        await using (var admin = _db.NewContext())
        {
            var user = new User { UserName = "pair1", DisplayName = "帮扶干部", Role = Role.PairingCadre, PasswordHash = "x", SecurityStamp = "s" };
            admin.Users.Add(user);
            await admin.SaveChangesAsync();
            admin.Pairings.Add(new Pairing { UserId = user.Id, CadreName = "帮扶干部", HouseholdId = _neighbour, CountyCode = RegistryBuilder.County, From = new DateOnly(2018, 1, 1) });
            await admin.SaveChangesAsync();
            await using var ctx = _db.NewContext(AccessScope.For(user.Id, Role.PairingCadre, [RegistryBuilder.Township]));
            Assert.Equal([_neighbour], await ctx.Households.Select(h => h.Id).ToListAsync());
            Assert.Equal(1, await ctx.Members.CountAsync());
        }
    }

    [Fact]
    public async Task NoScope_SeesNothing()
    {
        await using var ctx = _db.NewContext(AccessScope.None);
        Assert.Equal(0, await ctx.Households.CountAsync());
        Assert.Equal(0, await ctx.Members.CountAsync());
        Assert.Equal(0, await ctx.Regions.CountAsync());
    }
}
