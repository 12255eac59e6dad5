using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Data;

public class ChangeHistoryTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SaveChanges_ModifiedField_RecordsOldNewUserAndReason()
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db);

        await using (var ctx = _db.NewContext())
        {
            var h = await ctx.Households.SingleAsync(x => x.Id == id);
            h.MainCause = PovertyCause.Disability;
            ctx.Audit.User = "zhangsan";
            ctx.Audit.Reason = "入户核实";
            await ctx.SaveChangesAsync();
        }

        await using var read = _db.NewContext();
        var change = await read.Changes.SingleAsync(c => c.HouseholdId == id && c.Action == "修改");
        Assert.Equal(("MainCause", "因病", "因残", "zhangsan", "入户核实"), (change.Field, change.OldValue, change.NewValue, change.User, change.Reason));
        Assert.Equal(1, (await read.Households.SingleAsync(x => x.Id == id)).Version);
    }

    [Fact]
    public async Task SaveChanges_StaleVersion_ThrowsConcurrencyAndKeepsNewerValue()
    {
        var id = await RegistryBuilder.AddHouseholdAsync(_db);
        await using var first = _db.NewContext();
        await using var second = _db.NewContext();
        var a = await first.Households.SingleAsync(x => x.Id == id);
        var b = await second.Households.SingleAsync(x => x.Id == id);

        a.HousingArea = 80;
        await first.SaveChangesAsync();
        b.HousingArea = 20;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var read = _db.NewContext();
        Assert.Equal(80, (await read.Households.SingleAsync(x => x.Id == id)).HousingArea);
    }
}
