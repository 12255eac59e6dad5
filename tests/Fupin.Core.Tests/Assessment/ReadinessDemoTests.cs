using System.Globalization;
using Fupin.Assessment;
using Fupin.Demo;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fupin.Tests.Assessment;

/// <summary>The demo county with its exit-evaluation data (<see cref="SeedDemoAssessment"/>) seen as of 2018-10-08 and 2019-12-31.</summary>
public class ReadinessDemoTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var ctx = _db.NewContext();
        await new SeedDemo(ctx).HandleAsync(new SeedDemoRequest(), null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DemoCounty_ReadinessHasRealNumbersAndThe449DayCountdown_SeedIsDeterministicAndRunsOnce()
    {
        SeedDemoAssessmentResult seeded;
        await using (var ctx = _db.NewContext())
            seeded = (await new SeedDemoAssessment(ctx, _db.Clock).HandleAsync(CancellationToken.None))!;
        await using (var ctx = _db.NewContext())
            Assert.Null(await new SeedDemoAssessment(ctx, _db.Clock).HandleAsync(CancellationToken.None));
        output.WriteLine($"exited villages {seeded.ExitedVillages}, checklist villages {seeded.ChecklistVillages}, lacking {seeded.VillagesLacking}, slots {seeded.Slots}, surveyed {seeded.Surveyed}");

        // 25 villages × (10 + 5 + 10) slots at most; about 70% surveyed.
        Assert.InRange(seeded.Slots, 400, 625);
        Assert.InRange((double)seeded.Surveyed / seeded.Slots, 0.6, 0.8);
        Assert.InRange(seeded.VillagesLacking, 3, 10);

        await using var read = _db.NewContext();
        var r = (await new GetCountyReadiness(read, _db.Clock).HandleAsync(new GetCountyReadinessRequest(DemoCounty.CountyCode), null, default)).Value!;
        Print(r);
        Assert.Equal((449, "距摘帽目标还有449天（不足500天）"), (r.Countdown.Days, r.Countdown.Text));
        Assert.Equal(3, r.Sample!.WrongExitPersons);
        Assert.Equal(2, r.Sample.MissedPersons);
        Assert.All(r.Indicators, i => Assert.NotEqual(ReadinessState.NoData, i.State));
        Assert.InRange(r.Indicators.Single(i => i.Key == "approval").Value!.Value, 0.9m, 1m);
        var notReady = r.Villages.Villages.Where(v => v.State == VillageExitState.NotReady).SelectMany(v => v.Reasons).ToList();
        Assert.Contains("未达标：有标准化卫生室", notReady);
        Assert.Contains("未达标：基本实现通宽带", notReady);

        var end = (await new GetCountyReadiness(read, _db.Clock).HandleAsync(new GetCountyReadinessRequest(DemoCounty.CountyCode, new DateOnly(2019, 12, 31), true), null, default)).Value!;
        Print(end);
        Assert.Equal("今天是摘帽目标日", end.Countdown.Text);
        Assert.NotNull(end.Passes);
    }

    void Print(CountyReadiness r)
    {
        output.WriteLine($"{r.AsOf:yyyy-MM-dd} projected={r.Projected}: {r.Countdown.Text}");
        foreach (var i in r.Indicators)
            output.WriteLine($"  {i.Name} {i.ValueText} {i.ThresholdText} {i.StateLabel} [{string.Join("; ", i.Parts.Select(p => p.Label + " " + p.Value))}] {i.Note}");
        output.WriteLine("  " + r.Verdict);
        var states = r.Villages.Villages.Where(v => v.IsPoorVillage).GroupBy(v => v.StateLabel.Split('（')[0]).Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture));
        output.WriteLine("  poor villages: " + string.Join(", ", states));
        if (r.Projected)
        {
            output.WriteLine($"  projected exits {r.Villages.ProjectedExitHouseholds} households {r.Villages.ProjectedExitPersons} persons; staying {r.Villages.Projected.Count(p => !p.Exits)}");
            foreach (var g in r.Villages.Projected.Where(p => !p.Exits).GroupBy(p => string.Join("", p.Reason.Split('；').Where(x => !x.Contains("无收入记录", StringComparison.Ordinal)).Select(x => x.Split('（')[0]))).OrderByDescending(g => g.Count()).Take(8))
                output.WriteLine($"    {g.Count()} × {g.Key}");
        }
    }
}
