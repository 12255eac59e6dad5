using Fupin.Accounts;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Data;

/// <summary>
/// The audit log carries the county of what changed (its Citus distribution column): set by the writer, else taken from
/// the record's household when saved, else "*"; records written before the column existed get it from the migration.
/// </summary>
public class ChangeRecordCountyTests : IAsyncLifetime
{
    const string Other = "411322"; // 方城县
    TestDatabase _db = null!;
    long _here, _there;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _here = await RegistryBuilder.AddHouseholdAsync(_db);
        var village = RegionCatalog.ChainWithTownships(Other).First(r => r.Level == RegionLevel.Township).Code + "201";
        await RegistryBuilder.EnsureVillageAsync(_db, village, "一村");
        _there = await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            (h.CountyCode, h.VillageCode, h.Number) = (Other, village, village + h.Number[^5..]);
            foreach (var m in h.Members) m.CountyCode = Other;
        });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<List<(string Entity, long? HouseholdId, string Action, string County)>> RecordsAsync(long after)
    {
        await using var ctx = _db.NewContext();
        return (await ctx.Changes.AsNoTracking().Where(c => c.Id > after).OrderBy(c => c.Id)
            .Select(c => new { c.Entity, c.HouseholdId, c.Action, c.CountyCode }).ToListAsync())
            .Select(c => (c.Entity, c.HouseholdId, c.Action, c.CountyCode)).ToList();
    }

    async Task<long> LastIdAsync()
    {
        await using var ctx = _db.NewContext();
        return await ctx.Changes.MaxAsync(c => (long?)c.Id) ?? 0;
    }

    [Fact]
    public async Task Records_CarryTheCountyOfWhatChanged_OrOfTheirHousehold_OrNone()
    {
        Assert.All(await RecordsAsync(0), r => Assert.Equal(r.HouseholdId == _there ? Other : RegistryBuilder.County, r.County)); // households added

        var before = await LastIdAsync();
        await using (var ctx = _db.NewContext())
        {
            (await ctx.Members.FirstAsync(m => m.HouseholdId == _there)).Phone = "13900000000"; // audited edit: the member's county
            AccountLog.Add(ctx, "auditor", "Household", _here, AccountLog.Revealed, householdId: _here); // a reveal: its household's county
            AccountLog.Add(ctx, "auditor", "Household", _there, AccountLog.Revealed, householdId: _there);
            AccountLog.Add(ctx, "auditor", "User", 1, AccountLog.SignedIn); // names no county
            await ctx.SaveChangesAsync();
        }

        var added = await RecordsAsync(before);
        Assert.Equal(4, added.Count);
        Assert.Equal(Other, Assert.Single(added, r => r is { Entity: "Member" }).County);
        Assert.Equal(RegistryBuilder.County, Assert.Single(added, r => r.Action == AccountLog.Revealed && r.HouseholdId == _here).County);
        Assert.Equal(Other, Assert.Single(added, r => r.Action == AccountLog.Revealed && r.HouseholdId == _there).County);
        Assert.Equal(ChangeRecord.NoCounty, Assert.Single(added, r => r.Action == AccountLog.SignedIn).County);
    }

    [Fact]
    public async Task Backfill_GivesOldRecordsTheirRowsCounty_ElseTheirHouseholds_ElseNone()
    {
        long member;
        var before = await LastIdAsync();
        await using (var ctx = _db.NewContext())
        {
            member = await ctx.Members.Where(m => m.HouseholdId == _there).Select(m => m.Id).FirstAsync();
            // As the migration finds them: no county, the row named by entity and id, or only a household, or neither.
            ctx.Changes.AddRange(
                new ChangeRecord { CountyCode = "-", At = _db.Clock.GetUtcNow(), User = "old", Entity = "Member", EntityId = member, Action = "修改" },
                new ChangeRecord { CountyCode = "-", At = _db.Clock.GetUtcNow(), User = "old", Entity = "ExitProcedureStep", EntityId = 999, HouseholdId = _here, Action = "新增" },
                new ChangeRecord { CountyCode = "-", At = _db.Clock.GetUtcNow(), User = "old", Entity = "Member", EntityId = 999_999, HouseholdId = _there, Action = "删除" },
                new ChangeRecord { CountyCode = "-", At = _db.Clock.GetUtcNow(), User = "old", Entity = "User", EntityId = 1, Action = "吊销" });
            await ctx.SaveChangesAsync();
            Assert.Equal(4, await ctx.Database.ExecuteSqlRawAsync("UPDATE changes SET county_code = '' WHERE county_code = '-'"));
            foreach (var sql in ChangesCountyBackfill.Statements) await ctx.Database.ExecuteSqlRawAsync(sql);
        }

        var old = await RecordsAsync(before);
        Assert.Equal(
            [("Member", null, "修改", Other), ("ExitProcedureStep", _here, "新增", RegistryBuilder.County), ("Member", _there, "删除", Other), ("User", null, "吊销", ChangeRecord.NoCounty)],
            old);
    }
}
