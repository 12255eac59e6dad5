using Fupin.Assessment;
using Fupin.Common;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Assessment;

/// <summary>Drawing the evaluation sample and entering its results, on <see cref="HandBuiltCounty"/>.</summary>
public class SampleTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await HandBuiltCounty.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    async Task<Result<EvaluationSampleDrawn>> DrawAsync(int? seed, SampleParameters? p)
    {
        await using var ctx = _db.NewContext();
        return await new DrawEvaluationSample(ctx, _db.Clock).HandleAsync(new DrawEvaluationSampleRequest(RegistryBuilder.County, 2018, seed, p, null, "县扶贫办"), default);
    }

    async Task<List<(string, SampleFrame, long?, int)>> RowsAsync(long sampleId)
    {
        await using var ctx = _db.NewContext();
        return [.. (await ctx.SampledHouseholds.Where(h => h.SampleId == sampleId).ToListAsync())
            .Select(h => (h.VillageCode, h.Frame, h.HouseholdId, h.Slot)).OrderBy(x => x.VillageCode, StringComparer.Ordinal).ThenBy(x => x.Frame).ThenBy(x => x.Slot)];
    }

    [Fact]
    public async Task Draw_SameSeedSameRegistry_SameSample_StratifiedByTownship()
    {
        // One village per township, 2 exited and 1 poor household and 2 slots per village.
        var p = new SampleParameters(VillagesPerTownship: 1, PoorVillageShare: 0.5m, ExitedPerVillage: 2, PoorPerVillage: 1, NonRegisteredPerVillage: 2);
        var first = (await DrawAsync(20181008, p)).Value!;
        var second = (await DrawAsync(20181008, p)).Value!;
        Assert.Equal(20181008, first.Seed);
        var a = await RowsAsync(first.Id);
        Assert.Equal(a, await RowsAsync(second.Id));

        // Two townships hold villages: one village from each.
        Assert.Equal(2, first.Villages);
        var villages = a.Select(x => x.Item1).Distinct().ToList();
        Assert.Equal(["411321100", "411321304"], villages.Select(v => v[..9]));
        // Every village holds at least 2 exited households and 1 poor one, so each frame is full.
        Assert.Equal((4, 2, 4), (first.Exited, first.Poor, first.NonRegistered));
        await using var ctx = _db.NewContext();
        var stored = await ctx.EvaluationSamples.SingleAsync(s => s.Id == first.Id);
        Assert.Equal((20181008, "南召县2018年退出评估抽样"), (stored.Seed, stored.Name));
        Assert.Contains("\"VillagesPerTownship\":1", stored.Parameters, StringComparison.Ordinal);
        // The exited frame holds only exited households, the poor frame only poor ones.
        var ids = a.Where(x => x.Item3 is not null).Select(x => x.Item3!.Value).ToList();
        var status = await ctx.Households.Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.IsPoor);
        Assert.All(a.Where(x => x.Item2 == SampleFrame.Exited), x => Assert.False(status[x.Item3!.Value]));
        Assert.All(a.Where(x => x.Item2 == SampleFrame.Poor), x => Assert.True(status[x.Item3!.Value]));
        Assert.All(a.Where(x => x.Item2 == SampleFrame.NonRegistered), x => Assert.Null(x.Item3));
    }

    [Fact]
    public async Task Draw_NoSeedGiven_StoresTheSeedItUsed_AndDrawingAgainWithItRepeatsTheSample()
    {
        var p = new SampleParameters(Villages: 3, ExitedPerVillage: 1, PoorPerVillage: 1, NonRegisteredPerVillage: 1);
        var drawn = (await DrawAsync(null, p)).Value!;
        var again = (await DrawAsync(drawn.Seed, p)).Value!;
        Assert.Equal(await RowsAsync(drawn.Id), await RowsAsync(again.Id));
        Assert.Equal(3, drawn.Villages);
    }

    [Fact]
    public void Allocate_SharesInProportionAfterOneEach_NeverMoreThanAStratumHolds()
    {
        // 25 over strata of 10, 30, 0, 60: one each (3 left 22) then 22 × (9, 29, 59)/97 = 2.04, 6.58, 13.38 → 2, 6, 13 and the
        // one left to the largest remainder (6.58): 3, 8, 0, 14.
        Assert.Equal([3, 8, 0, 14], DrawEvaluationSample.Allocate(25, [10, 30, 0, 60]));
        Assert.Equal([2, 1], DrawEvaluationSample.Allocate(5, [2, 1]));
        Assert.Equal([1, 1, 0], DrawEvaluationSample.Allocate(2, [4, 4, 4]));
    }

    async Task<SampledHousehold> FirstRowAsync(long sampleId, SampleFrame frame)
    {
        await using var ctx = _db.NewContext();
        return await ctx.SampledHouseholds.Where(h => h.SampleId == sampleId && h.Frame == frame).OrderBy(h => h.Id).FirstAsync();
    }

    static RecordSampleResultRequest Result(long id, int persons, int? wrong = null, int? missed = null, string? head = null, bool? approves = true) =>
        new(id, null, new DateOnly(2018, 9, 30), "李评估", persons, wrong, missed, head, approves, true, true, true, true, null, "李评估");

    async Task<Result<SampleResultSaved>> RecordAsync(RecordSampleResultRequest request)
    {
        await using var ctx = _db.NewContext();
        return await new RecordSampleResult(ctx, _db.Clock).HandleAsync(request, default);
    }

    [Fact]
    public async Task Result_Validation_RefusesAndWritesNothing_ThenAValidResultIsSaved()
    {
        var sample = (await DrawAsync(1, new SampleParameters(Villages: 2, ExitedPerVillage: 1, PoorPerVillage: 1, NonRegisteredPerVillage: 1))).Value!;
        var exited = await FirstRowAsync(sample.Id, SampleFrame.Exited);
        var slot = await FirstRowAsync(sample.Id, SampleFrame.NonRegistered);

        // More wrong-exit persons than persons; a missed count on an exited household.
        var bad = await RecordAsync(Result(exited.Id, 3, wrong: 4, missed: 1));
        Assert.Equal(["result.wrong_range", "result.missed_frame"], bad.Failure!.Errors.Select(e => e.Code));
        // A non-registered household needs its head's name and the missed count; a date after today is refused.
        bad = await RecordAsync(Result(slot.Id, 4) with { SurveyedOn = new DateOnly(2018, 10, 9) });
        Assert.Equal(["result.date_invalid", "result.missed_required", "result.head_required"], bad.Failure!.Errors.Select(e => e.Code));
        bad = await RecordAsync(Result(slot.Id, 0, missed: 0, head: "王大山", approves: null));
        Assert.Equal(["result.persons", "result.approves_required"], bad.Failure!.Errors.Select(e => e.Code));
        await using (var ctx = _db.NewContext())
            Assert.False(await ctx.SampledHouseholds.AnyAsync(h => h.SampleId == sample.Id && (h.SurveyedOn != null || h.Persons != null || h.Version != 0)));

        var ok = await RecordAsync(Result(slot.Id, 4, missed: 1, head: "王大山"));
        Assert.Equal(1, ok.Value!.Version);
        ok = await RecordAsync(Result(exited.Id, 3, wrong: 3));
        Assert.True(ok.IsOk);
        await using (var ctx = _db.NewContext())
        {
            var saved = await ctx.SampledHouseholds.SingleAsync(h => h.Id == slot.Id);
            Assert.Equal(("王大山", 4, 1, (int?)null, true), (saved.HeadName, saved.Persons!.Value, saved.MissedPersons!.Value, saved.WrongExitPersons, saved.Approves!.Value));
        }
        // Stale version → conflict.
        var stale = await RecordAsync(Result(slot.Id, 4, missed: 0, head: "王大山") with { Version = 0 });
        Assert.Equal(FailureKind.Conflict, stale.Failure!.Kind);
    }

    [Fact]
    public async Task Result_ClosedSample_RefusesResults()
    {
        var sample = (await DrawAsync(2, new SampleParameters(Villages: 1, ExitedPerVillage: 1, PoorPerVillage: 0, NonRegisteredPerVillage: 0))).Value!;
        await using (var ctx = _db.NewContext())
            await ctx.EvaluationSamples.Where(s => s.Id == sample.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Closed, true));
        var row = await FirstRowAsync(sample.Id, SampleFrame.Exited);
        var result = await RecordAsync(Result(row.Id, 3, wrong: 0));
        Assert.Equal(FailureKind.Conflict, result.Failure!.Kind);
        Assert.Contains("已关闭", result.Failure.Message, StringComparison.Ordinal);
    }
}
