using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fupin.Board;
using Fupin.Tests.Infrastructure;

namespace Fupin.Tests.Board;

/// <summary>The web app with the demo county seeded at start-up (as `dotnet run` and the browser tests have it).</summary>
public sealed class DemoApp : FupinApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Fupin:Demo"] = "true" };
}

/// <summary>
/// The acceptance rule on the demo county: every figure on the board equals the count of the list it links to —
/// each figure with a <see cref="BoardFigure.Measure"/> is compared with the <c>data-total-{Measure}</c> of its link's page,
/// fetched as the county administrator.
/// </summary>
public partial class BoardDemoTests(DemoApp app) : IClassFixture<DemoApp>
{
    [GeneratedRegex("data-total-([a-z-]+)=\"(\\d+)\"")]
    private static partial Regex TotalAttribute();

    async Task AssertFiguresEqualTheirListsAsync(string region, int atLeast)
    {
        var board = await app.GetJsonAsync<BoardView>("/api/board/" + region);
        var measured = board.Figures.Where(f => f.Measure is not null && f.Link is not null).ToList();
        Assert.True(measured.Count >= atLeast, $"only {measured.Count} figures with a measure");
        using var client = app.Client();
        var mismatches = new List<string>();
        foreach (var f in measured)
        {
            var response = await client.GetAsync(f.Link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{f.Key}: GET {f.Link} answered {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            var total = TotalAttribute().Matches(html).FirstOrDefault(m => m.Groups[1].Value == f.Measure);
            if (total is null) { mismatches.Add($"{f.Key}: {f.Link} has no data-total-{f.Measure}"); continue; }
            var listed = decimal.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture);
            if (listed != f.Value) mismatches.Add($"{f.Key} = {f.Value}, but {f.Link} lists {listed}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public Task DemoCounty_EveryMeasuredFigure_EqualsTheTotalOfTheListItLinksTo() => AssertFiguresEqualTheirListsAsync("411321", 15);

    [Fact]
    public Task DemoShimen_EveryMeasuredFigure_EqualsTheTotalOfTheListItLinksTo() => AssertFiguresEqualTheirListsAsync("411321304", 15);

    [Fact]
    public async Task DemoCounty_Board_HasEveryContractKey_TheCountdownAndTrends()
    {
        var board = await app.GetJsonAsync<BoardView>("/api/board/411321");
        string[] keys = ["households", "persons", "poor_households", "poor_persons", "exited_households", "exit_plan", "poverty_incidence",
            "countdown_days", "readiness_met", "open_findings", "open_rectifications", "overdue_rectifications", "projects_on_time",
            "projects_at_risk", "projects_late", "fund_disbursement_rate", "workshops", "workshop_jobs", "workshop_poor_workers",
            "relocated_households", "relocated_moved_in", "industry_coverage", "employment_coverage", "satisfaction"];
        Assert.DoesNotContain(keys, k => board.Figure(k) is null);
        Assert.Equal(449m, board.Figure("countdown_days")!.Value); // 2018-10-08 → 2019-12-31
        foreach (var rate in board.Figures.Where(f => f.Unit == "%" && f.Value is not null))
            Assert.InRange(rate.Value!.Value, 0m, 100m);
        Assert.Equal(10, board.Figure("open_rectifications")!.Trend.Count);
        Assert.Equal(board.Figure("open_rectifications")!.Value, board.Figure("open_rectifications")!.Trend[^1].Value);
        Assert.Equal(16, board.Children.Count);
        foreach (var key in new[] { "poor_households", "poor_persons", "poverty_incidence", "exited_households", "open_rectifications", "overdue_rectifications" })
            Assert.All(board.Children, c => Assert.True(c.Indicators.ContainsKey(key), c.Name + " lacks " + key));
        // The children add up to the county.
        Assert.Equal(board.Figure("poor_households")!.Value, board.Children.Sum(c => c.Indicators["poor_households"]));
    }
}
