using System.Text.Json;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests;

public class StatsCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DbMigrate_EmptyDatabase_CreatesSchemaThenReportsUpToDate()
    {
        var first = await CliRunner.RunAsync(_db, "db", "migrate");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("已应用", first.Out);
        await using (var ctx = _db.NewContext())
        {
            Assert.Equal(0, await ctx.Households.CountAsync());
            Assert.True(await ctx.CodeItems.AnyAsync(c => c.Kind == "PovertyCause" && c.Label == "因病"));
        }
        var second = await CliRunner.RunAsync(_db, "db", "migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("无需迁移", second.Out);
    }

    [Fact]
    public async Task Stats_Township_CountsHouseholdsAndPersonsByStatusPerVillage()
    {
        await CliRunner.RunAsync(_db, "db", "migrate");
        const string other = "411321304202";
        await RegistryBuilder.EnsureVillageAsync(_db, other, "杨树沟村", poor: false);
        // village 201: two poor households of 3 and 1 persons; village 202: one exited household of 2
        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.Members.Add(RegistryBuilder.Member(h)); h.Members.Add(RegistryBuilder.Member(h)); });
        await RegistryBuilder.AddHouseholdAsync(_db, h => h.Status = PovertyStatus.Relapsed);
        await RegistryBuilder.AddHouseholdAsync(_db, h => { h.VillageCode = other; h.Status = PovertyStatus.ExitedWithPolicy; h.Members.Add(RegistryBuilder.Member(h)); });

        var (code, output, err) = await CliRunner.RunAsync(_db, "stats", "--region", RegistryBuilder.Township, "--json");
        Assert.True(code == 0, err);
        using var json = JsonDocument.Parse(output);
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(2, total.GetProperty("villages").GetInt32());
        Assert.Equal(1, total.GetProperty("poorVillages").GetInt32());
        Assert.Equal(3, total.GetProperty("households").GetInt32());
        Assert.Equal(6, total.GetProperty("persons").GetInt32());
        Assert.Equal(4, total.GetProperty("poorPersons").GetInt32());

        var children = json.RootElement.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        var v201 = children[RegistryBuilder.Village].GetProperty("byStatus").EnumerateArray().ToDictionary(s => s.GetProperty("status").GetString()!);
        Assert.Equal((1, 3), (v201["NotExited"].GetProperty("households").GetInt32(), v201["NotExited"].GetProperty("persons").GetInt32()));
        Assert.Equal((1, 1), (v201["Relapsed"].GetProperty("households").GetInt32(), v201["Relapsed"].GetProperty("persons").GetInt32()));
        Assert.Equal(2, children[other].GetProperty("persons").GetInt32());
        Assert.Equal(0, children[other].GetProperty("poorPersons").GetInt32());

        var table = await CliRunner.RunAsync(_db, "stats", "--region", RegistryBuilder.Township);
        Assert.Contains("石门乡", table.Out);
        Assert.Contains("杨树沟村", table.Out);
        Assert.Contains("合计", table.Out);
    }

    [Fact]
    public async Task Stats_UnknownRegion_ExitsOneWithMessage()
    {
        await CliRunner.RunAsync(_db, "db", "migrate");
        var (code, _, err) = await CliRunner.RunAsync(_db, "stats", "--region", "999999");
        Assert.Equal(1, code);
        Assert.Contains("未找到区划", err);
    }

    [Fact]
    public async Task SnapshotFreeze_ThenLiveChange_StatsForYearStillShowFrozenRegister()
    {
        await CliRunner.RunAsync(_db, "db", "migrate");
        var id = await RegistryBuilder.AddHouseholdAsync(_db, h => h.Incomes.Add(new IncomeRecord { CountyCode = h.CountyCode, Year = 2017, HouseholdSize = 1, Wage = 300_000 }));

        var freeze = await CliRunner.RunAsync(_db, "snapshot", "freeze", "--year", "2017", "--region", RegistryBuilder.County);
        Assert.Equal(0, freeze.ExitCode);
        await using (var ctx = _db.NewContext())
        {
            var h = await ctx.Households.SingleAsync(x => x.Id == id);
            h.Status = PovertyStatus.ExitedWithPolicy;
            await ctx.SaveChangesAsync();

            var doc = SnapshotDocument.Deserialize((await ctx.Snapshots.SingleAsync(s => s.HouseholdId == id && s.Year == 2017)).Document);
            Assert.Equal(PovertyStatus.NotExited, doc.Status);
            Assert.Equal(300_000, Assert.Single(doc.Incomes).PerCapitaNetIncome);
            Assert.NotNull(Assert.Single(doc.Members).IdNumber);
        }

        var live = await CliRunner.RunAsync(_db, "stats", "--region", RegistryBuilder.County, "--json");
        var frozen = await CliRunner.RunAsync(_db, "stats", "--region", RegistryBuilder.County, "--year", "2017", "--json");
        Assert.Equal(0, JsonDocument.Parse(live.Out).RootElement.GetProperty("total").GetProperty("poorHouseholds").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(frozen.Out).RootElement.GetProperty("total").GetProperty("poorHouseholds").GetInt32());

        var again = await CliRunner.RunAsync(_db, "snapshot", "freeze", "--year", "2017", "--region", RegistryBuilder.County);
        Assert.Contains("替换原有 1 户", again.Out);
    }
}
