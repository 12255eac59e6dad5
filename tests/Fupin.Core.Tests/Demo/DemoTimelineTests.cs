using Fupin.Assessment;
using Fupin.Demo;
using Fupin.Registry;

namespace Fupin.Tests.Demo;

/// <summary>The demo county carried forward from 2018-10-08: the 2018 estimates and visits, and at 2019-12-31 the planned exits.</summary>
public class DemoTimelineTests
{
    static readonly DemoRegistry At2018 = DemoGenerator.Generate(DemoCounty.DefaultSeed);
    static readonly DemoRegistry At2019End = DemoGenerator.Generate(DemoCounty.DefaultSeed, new DateOnly(2019, 12, 31));

    static long PerCapitaFen(Household h, int year) => h.Incomes.Single(i => i.Year == year).PerCapitaNetIncome;

    [Fact]
    public void At2018_The2018CohortMostlyClearsTheLineAndTheLaterCohortDoesNot()
    {
        var cohort2018 = At2018.Households.Where(h => h.Status == PovertyStatus.NotExited && h.PlannedExitYear == 2018).ToList();
        var cohort2019 = At2018.Households.Where(h => h.Status == PovertyStatus.NotExited && h.PlannedExitYear == 2019).ToList();
        Assert.InRange(cohort2018.Count(h => PerCapitaFen(h, 2018) >= 353_500) / (double)cohort2018.Count, 0.85, 0.95);
        Assert.True(cohort2019.All(h => PerCapitaFen(h, 2018) < 353_500));
        Assert.Empty(At2018.Timeline.Exits);
    }

    [Fact]
    public void At2018_EveryPoorHouseholdHasOneVisitOfThe2018SpringOrSummer()
    {
        Assert.All(At2018.Households.Where(h => h.IsPoor), h =>
        {
            var visit = Assert.Single(At2018.Timeline.Visits[h]);
            Assert.InRange(visit.VisitedOn, new DateOnly(2018, 3, 1), new DateOnly(2018, 9, 30));
        });
    }

    [Fact]
    public void At2019End_EveryExitWentThroughSixDatedStepsAndPassesItsTestOnTheDayOfTheDeliberation()
    {
        Assert.NotEmpty(At2019End.Timeline.Exits);
        foreach (var (h, exit) in At2019End.Timeline.Exits)
        {
            Assert.Equal((PovertyStatus.ExitedWithPolicy, (int?)exit.Year, ExitProcedureStatus.Completed), (h.Status, h.ExitYear, exit.Status));
            Assert.Equal(Enum.GetValues<ExitStep>(), exit.Steps.Select(s => s.Step));
            var dates = exit.Steps.Select(s => s.Date).ToList();
            Assert.Equal(dates.Order(), dates);
            Assert.True(dates[4].DayNumber - dates[3].DayNumber >= 7, "公告 before the 7-day notice ran out");
            Assert.Equal(exit.CompletedOn, dates[5]);
            Assert.True(dates[5] <= new DateOnly(exit.Year, 12, 31));

            var line = exit.Year == 2018 ? 3535 : 3747;
            var visit = At2019End.Timeline.Visits[h].Where(v => v.VisitedOn.Year == exit.Year && v.VisitedOn <= dates[0]).MaxBy(v => v.VisitedOn);
            var test = HouseholdTest.Run(h, h.Incomes.Single(i => i.Year == exit.Year), visit, line, HouseholdTest.DefaultMargin, dates[0]);
            Assert.True(test.MeetsExitStandard, $"{h.Number} {exit.Year}: {test.Summary}");
        }
    }

    [Fact]
    public void At2019End_ThePlannedCohortsHaveLargelyExitedAndTheRestAreStillPoor()
    {
        var planned = At2018.Households.Where(h => h.IsPoor).Select(h => h.Number).ToHashSet(StringComparer.Ordinal);
        var after = At2019End.Households.Where(h => planned.Contains(h.Number)).ToList();
        var exited = after.Count(h => !h.IsPoor);
        Assert.Equal(At2019End.Timeline.Exits.Count, exited);
        Assert.InRange(exited / (double)planned.Count, 0.85, 0.97);
        // Households exited before 2018 are not touched by the exits of 2018–2019.
        Assert.All(At2019End.Timeline.Exits.Keys, h => Assert.Contains(h.Number, planned));
    }
}
