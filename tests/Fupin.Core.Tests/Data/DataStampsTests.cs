using Fupin.Board;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Data;

/// <summary>The board's cache key: a county's stamp goes up once a change of its data has committed, and only then.</summary>
public class DataStampsTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    static readonly string[] Keys = [DataStamps.Everywhere, RegistryBuilder.County, "411322"];

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<long[]> StampsAsync()
    {
        await using var ctx = _db.NewContext();
        return await DataStamps.ReadAsync(ctx, Keys, CancellationToken.None);
    }

    [Fact]
    public async Task Save_OfAHousehold_BumpsItsCountyOnly()
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db);
        var before = await StampsAsync();

        await using (var ctx = _db.NewContext())
        {
            (await ctx.Households.SingleAsync(h => h.Id == id)).MainCause = PovertyCause.Disability;
            await ctx.SaveChangesAsync();
        }

        var after = await StampsAsync();
        Assert.Equal((before[0], before[1] + 1, before[2]), (after[0], after[1], after[2]));
    }

    [Fact]
    public async Task Save_InsideATransaction_BumpsOnCommit_AndNotOnRollback()
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db);
        var before = await StampsAsync();

        await using (var ctx = _db.NewContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            (await ctx.Households.SingleAsync(h => h.Id == id)).MainCause = PovertyCause.Disability;
            await ctx.SaveChangesAsync();
            Assert.Equal(before[1], (await StampsAsync())[1]); // not committed yet: nobody may cache on its account
            await tx.RollbackAsync();
        }
        Assert.Equal(before[1], (await StampsAsync())[1]);

        await using (var ctx = _db.NewContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            (await ctx.Households.SingleAsync(h => h.Id == id)).MainCause = PovertyCause.Illness;
            await ctx.SaveChangesAsync();
            (await ctx.Households.SingleAsync(h => h.Id == id)).HousingArea = 75;
            await ctx.SaveChangesAsync();
            await tx.CommitAsync();
        }
        Assert.Equal(before[1] + 1, (await StampsAsync())[1]); // one bump per committed transaction, however many saves
    }

    [Fact]
    public async Task Save_OfARowNamingNoCounty_BumpsEverywhere()
    {
        var before = await StampsAsync();

        await using (var ctx = _db.NewContext())
        {
            ctx.PovertyLines.Add(new Fupin.Assessment.PovertyLine { Year = 2030, Scope = Fupin.Assessment.PovertyLineScope.ExitThreshold, AmountYuan = 5000, Source = "测试" });
            await ctx.SaveChangesAsync();
        }

        var after = await StampsAsync();
        Assert.Equal((before[0] + 1, before[1]), (after[0], after[1]));
    }
}
