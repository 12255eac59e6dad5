using Fupin.Demo;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Demo;

public class SeedDemoTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    sealed class ListProgress : IProgress<string>
    {
        public List<string> Messages { get; } = [];

        public void Report(string value) => Messages.Add(value);
    }

    [Fact]
    public async Task HandleAsync_EmptyDatabase_WritesTheCountyOnceAndRefusesASecondTime()
    {
        var progress = new ListProgress();
        SeedDemoResult result;
        await using (var ctx = _db.NewContext())
        {
            result = await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), progress, CancellationToken.None);
            Assert.False(ctx.Audit.Suppressed);
        }

        await using (var read = _db.NewContext())
        {
            var villages = await read.Regions.Where(r => r.Level == RegionLevel.Village).ToListAsync();
            Assert.Equal(result.Villages, villages.Count);
            Assert.Equal(result.PoorVillages, villages.Count(v => v.IsPoorVillage));
            Assert.Equal(result.Households, await read.Households.CountAsync());
            Assert.Equal(result.Members, await read.Members.CountAsync());
            Assert.Equal(result.IncomeRecords, await read.Incomes.CountAsync());
            Assert.Equal(16, await read.Regions.CountAsync(r => r.Level == RegionLevel.Township));

            // The very registry the generator makes, field by field, not just the same counts.
            var generated = DemoGenerator.Generate(DemoCounty.DefaultSeed, DemoCounty.BusinessDate);
            var regions = await read.Regions.AsNoTracking().ToListAsync();
            var households = await read.Households.AsNoTracking().Include(h => h.Members).Include(h => h.Incomes).ToListAsync();
            foreach (var h in households)
            {
                h.Members = [.. h.Members.OrderBy(m => m.Number, StringComparer.Ordinal)];
                h.Incomes = [.. h.Incomes.OrderBy(i => i.Year)];
                Assert.All(h.Members, m => Assert.Equal(h.Id, m.HouseholdId));
                Assert.Equal(_db.Clock.GetUtcNow(), h.CreatedAt);
            }
            var stored = new DemoRegistry(
                DemoCounty.DefaultSeed,
                [.. regions.Where(r => r.Level != RegionLevel.Village).OrderBy(r => r.Code, StringComparer.Ordinal)],
                [.. regions.Where(r => r.Level == RegionLevel.Village).OrderBy(r => r.Code, StringComparer.Ordinal)],
                [.. households.OrderBy(h => h.Number, StringComparer.Ordinal)]);
            Assert.Equal(DemoCanonical.Hash(generated), DemoCanonical.Hash(stored));

            var change = await read.Changes.SingleAsync();
            Assert.Equal(("DemoSeed", "新增", $"生成演示县数据 seed={DemoCounty.DefaultSeed}"), (change.Entity, change.Action, change.Reason));
        }
        Assert.Contains($"已写入 {result.Households}/{result.Households} 户", progress.Messages);

        await using (var again = _db.NewContext())
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new SeedDemo(again).HandleAsync(new SeedDemoRequest(7), null, CancellationToken.None));
            Assert.Contains("已有", e.Message, StringComparison.Ordinal);
        }
        await using (var after = _db.NewContext())
        {
            Assert.Equal(result.Households, await after.Households.CountAsync());
            Assert.Equal(1, await after.Changes.CountAsync());
        }

        // Keys were given by the seed; the next ordinary insert must still get a fresh one.
        var added = await RegistryBuilder.AddHouseholdAsync(_db);
        Assert.Equal(result.Households + 1, added);
    }
}
