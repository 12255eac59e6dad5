using Fupin.Board;
using Fupin.Data;
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

    [Fact]
    public async Task BulkInsert_BumpsTheCountiesOfItsRows_AndEverywhereOnlyForRowsNamingNone()
    {
        await RegistryBuilder.EnsureVillageAsync(_db);
        var before = await StampsAsync();

        // An import of one county's households, members and change records: that county only, once, on commit.
        await using (var ctx = _db.NewContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await using (var bulk = new BulkWriter(ctx))
            {
                var households = Enumerable.Range(0, 3).Select(_ => RegistryBuilder.Household()).ToList();
                var ids = await bulk.ReserveIdsAsync<Household>(households.Count, default);
                for (var i = 0; i < households.Count; i++) households[i].Id = ids[i];
                var members = households.SelectMany(h => h.Members.Select(m => { m.HouseholdId = h.Id; return m; })).ToList();
                var memberIds = await bulk.ReserveIdsAsync<Member>(members.Count, default);
                for (var i = 0; i < members.Count; i++) members[i].Id = memberIds[i];
                await bulk.InsertAsync(households, default);
                await bulk.InsertAsync(members, default);
                var changeIds = await bulk.ReserveIdsAsync<ChangeRecord>(households.Count, default);
                await bulk.InsertAsync(households.Select((h, i) => new ChangeRecord { Id = changeIds[i], CountyCode = h.CountyCode, At = _db.Clock.GetUtcNow(), User = "test", Entity = "Household", EntityId = h.Id, HouseholdId = h.Id, Action = "导入" }), default);
            }
            Assert.Equal(before, await StampsAsync()); // not committed yet
            await tx.CommitAsync();
        }
        var afterImport = await StampsAsync();
        Assert.Equal((before[0], before[1] + 1, before[2]), (afterImport[0], afterImport[1], afterImport[2]));

        // Rows naming no county (regions) touch everywhere.
        await using (var ctx = _db.NewContext())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await using (var bulk = new BulkWriter(ctx))
                await bulk.InsertAsync([new Fupin.Regions.Region { Code = "411399", Name = "测试县", Level = RegionLevel.County, ParentCode = "4113" }], default);
            await tx.CommitAsync();
        }
        var afterRegions = await StampsAsync();
        Assert.Equal((afterImport[0] + 1, afterImport[1], afterImport[2]), (afterRegions[0], afterRegions[1], afterRegions[2]));
    }
}
