using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <param name="Year">The assessed year; its poverty line, income record and home visits are used.</param>
/// <param name="AsOf">The date ages and visits are taken up to; by default today, or 31 December of a past year.</param>
public sealed record TestHouseholdRequest(long HouseholdId, int Year, DateOnly? AsOf = null, decimal Margin = HouseholdTest.DefaultMargin);

public sealed record HouseholdTestReport(long HouseholdId, string Number, int Year, DateOnly AsOf, int LineYuan, HouseholdTestResult Test);

/// <summary>The exit test of one household for one year, as the user's scope lets them see it.</summary>
public sealed class TestHousehold(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<HouseholdTestReport>> HandleAsync(TestHouseholdRequest request, CancellationToken ct)
    {
        var year = request.Year;
        var household = await db.Households.AsNoTracking()
            .Include(h => h.Members)
            .Include(h => h.Incomes.Where(i => i.Year == year))
            .AsSplitQuery()
            .FirstOrDefaultAsync(h => h.Id == request.HouseholdId, ct);
        if (household is null) return Result.NotFound("该户不存在或不在您的管辖范围内");
        var line = await db.PovertyLines.AsNoTracking().FirstOrDefaultAsync(l => l.Scope == PovertyLineScope.ExitThreshold && l.Year == year, ct);
        if (line is null) return Result.NotFound($"没有{year.ToString(CultureInfo.InvariantCulture)}年的贫困线（{PovertyLine.Label(PovertyLineScope.ExitThreshold)}），请先配置");

        var asOf = request.AsOf ?? HouseholdVisits.DefaultAsOf(year, clock.Today());
        var visits = await HouseholdVisits.LatestAsync(db, [household.Id], year, asOf, ct);
        var test = HouseholdTest.Run(household, household.Incomes.FirstOrDefault(), visits.GetValueOrDefault(household.Id), line.AmountYuan, request.Margin, asOf);
        return new HouseholdTestReport(household.Id, household.Number, year, asOf, line.AmountYuan, test);
    }
}
