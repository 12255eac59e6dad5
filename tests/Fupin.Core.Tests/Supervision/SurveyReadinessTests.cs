using System.Globalization;
using Fupin.Assessment;
using Fupin.Supervision;
using Fupin.Testing;
using Fupin.Tests.Assessment;

namespace Fupin.Tests.Supervision;

/// <summary>群众认可度 of the county readiness from a satisfaction survey (the hand-built county of <see cref="HandBuiltCounty"/>, no evaluation sample).</summary>
public class SurveyReadinessTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await HandBuiltCounty.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A survey of H1…H10 (and H11, H12 not surveyed) of which the first <paramref name="approving"/> of <paramref name="surveyed"/> approve.</summary>
    async Task<long> SurveyAsync(int year, int surveyed, int approving, string name = "满意度调查")
    {
        await using var ctx = _db.NewContext();
        var template = await DefaultSurveyTemplate.EnsureAsync(ctx, RegistryBuilder.County, "test", default);
        var survey = new SatisfactionSurvey { CountyCode = RegistryBuilder.County, Year = year, Name = name, TemplateId = template, Seed = 1, Parameters = "{}", DrawnBy = "test" };
        ctx.SatisfactionSurveys.Add(survey);
        await ctx.SaveChangesAsync();
        for (var i = 1; i <= 12; i++)
        {
            var household = await HandBuiltCounty.HouseholdIdAsync(_db, "H" + i.ToString(CultureInfo.InvariantCulture));
            ctx.SurveyedHouseholds.Add(new SurveyedHousehold
            {
                SurveyId = survey.Id, CountyCode = RegistryBuilder.County, VillageCode = HandBuiltCounty.V1, HouseholdId = household, Slot = i,
                SurveyedOn = i <= surveyed ? new DateOnly(2018, 9, 20) : null, Surveyor = i <= surveyed ? "李调查" : null,
                Approves = i <= surveyed ? i <= approving : null,
            });
        }
        await ctx.SaveChangesAsync();
        return survey.Id;
    }

    async Task<ReadinessIndicator> ApprovalAsync()
    {
        await using var ctx = _db.NewContext();
        var r = await new GetCountyReadiness(ctx, _db.Clock).HandleAsync(new GetCountyReadinessRequest(RegistryBuilder.County), null, default);
        return r.Value!.Indicators.Single(i => i.Key == "approval");
    }

    [Fact]
    public async Task Readiness_NineOfTenApprovingInTheSurvey_Is90PercentAndPasses()
    {
        var id = await SurveyAsync(2018, 10, 9);
        var a = await ApprovalAsync();
        Assert.Equal((0.9m, ReadinessState.Pass, "90.00%"), (a.Value, a.State, a.ValueText));
        Assert.Equal([("认可户", "9"), ("调查户", "10")], a.Parts.Select(p => (p.Label, p.Value)));
        Assert.Equal($"/surveys/{id}?filter=disapprove", a.Link);
        Assert.StartsWith("来自满意度调查“满意度调查”（2018年）", a.Note, StringComparison.Ordinal);
        Assert.Single(a.Items);
    }

    [Fact]
    public async Task Readiness_EightOfTenApproving_Fails()
    {
        await SurveyAsync(2018, 10, 8);
        var a = await ApprovalAsync();
        Assert.Equal((0.8m, ReadinessState.Fail), (a.Value, a.State));
    }

    [Fact]
    public async Task Readiness_UsesTheLatestSurveyWithAnswersUpToTheYear_ElseTheEvaluationSample()
    {
        // Without a surveyed household anywhere the evaluation sample is used (none here: no data).
        await SurveyAsync(2018, 0, 0, "未开始的调查");
        var none = await ApprovalAsync();
        Assert.Equal(ReadinessState.NoData, none.State);
        Assert.StartsWith("没有已调查的满意度调查", none.Note, StringComparison.Ordinal);

        // 2017's survey (8/10) counts; a 2019 survey lies after the as-of year.
        await SurveyAsync(2017, 10, 8, "2017年调查");
        await SurveyAsync(2019, 10, 10, "2019年调查");
        var a = await ApprovalAsync();
        Assert.Equal(0.8m, a.Value);
        Assert.Contains("2017年调查", a.Note, StringComparison.Ordinal);
    }
}
