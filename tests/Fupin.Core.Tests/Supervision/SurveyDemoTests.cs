using Fupin.Demo;
using Fupin.Supervision;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fupin.Tests.Supervision;

/// <summary>The demo county's 2018 satisfaction survey (<see cref="DemoSurveys"/>).</summary>
public class SurveyDemoTests(ITestOutputHelper output) : IAsyncLifetime
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
    public async Task DemoSurvey_AboutTenHouseholdsInTwoVillagesPerTownship_MostSurveyed_RateALittleAbove90_RunsOnce()
    {
        DemoSurveysResult seeded;
        await using (var ctx = _db.NewContext()) seeded = await new DemoSurveys(ctx, _db.Clock).SeedAsync(default);
        await using (var ctx = _db.NewContext()) Assert.Equal(seeded, await new DemoSurveys(ctx, _db.Clock).SeedAsync(default));

        await using var read = _db.NewContext();
        var survey = await read.SatisfactionSurveys.SingleAsync();
        var rates = (await new GetSurveyRates(read).HandleAsync(new GetSurveyRatesRequest(survey.Id), default)).Value!;
        output.WriteLine($"sampled {rates.Total.Sampled}, surveyed {rates.Total.Surveyed}, unreached {rates.Total.Unreached}, approving {rates.Total.Approving}, rate {rates.Total.RateText}");
        foreach (var t in rates.Parts) output.WriteLine($"{t.Name}: {t.Surveyed}/{t.Sampled} {t.RateText}");

        Assert.Equal((1, rates.Total.Surveyed, rates.Total.Approving), (seeded.Surveys, seeded.Surveyed, seeded.Approving));
        Assert.Equal(DemoSurveys.SurveyName, survey.Name);
        Assert.InRange(rates.Total.Sampled, 300, 400);
        Assert.InRange((double)rates.Total.Surveyed / rates.Total.Sampled, 0.8, 0.95);
        Assert.InRange(rates.Total.Rate!.Value, 0.92m, 0.94m);
        Assert.True(rates.Total.Unreached > 0);
        Assert.All(rates.Parts, t => Assert.InRange(t.Sampled, 10, 20));
        Assert.Contains(rates.Parts, t => t.Name == "石门乡" && t.Pending > 0);
        Assert.Contains(rates.Parts, t => t.Rate < 0.9m);
        Assert.True(await read.SurveyedHouseholds.Where(h => h.SurveyId == survey.Id).AllAsync(h => h.SurveyedOn == null || h.SurveyedOn <= new DateOnly(2018, 10, 8)));
    }
}
