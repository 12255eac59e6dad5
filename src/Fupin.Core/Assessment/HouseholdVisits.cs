using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>Which home visit and which date the household test of a year reads.</summary>
public static class HouseholdVisits
{
    /// <summary>The date a year is assessed on: today for the current year, 31 December for a past one.</summary>
    public static DateOnly DefaultAsOf(int year, DateOnly today)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        return today < yearEnd ? today : yearEnd;
    }

    /// <summary>Per household, its latest visit dated in <paramref name="year"/> on or before <paramref name="asOf"/>.</summary>
    public static Task<Dictionary<long, HouseholdVisit>> LatestAsync(AppDbContext db, IReadOnlyCollection<long> householdIds, int year, DateOnly asOf, CancellationToken ct) =>
        LatestAsync(db, null, householdIds, year, asOf, ct);

    /// <summary>The same, reading only the households' county when it is known (one node on Citus).</summary>
    public static async Task<Dictionary<long, HouseholdVisit>> LatestAsync(AppDbContext db, string? county, IReadOnlyCollection<long> householdIds, int year, DateOnly asOf, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var visits = await db.Visits.AsNoTracking().InCounty(county)
            .Where(v => EF.Parameter(householdIds).Contains(v.HouseholdId) && v.VisitedOn >= from && v.VisitedOn <= asOf)
            .ToListAsync(ct);
        return visits.GroupBy(v => v.HouseholdId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).First());
    }
}
