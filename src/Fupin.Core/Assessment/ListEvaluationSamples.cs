using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

public sealed record EvaluationSampleSummary(long Id, string CountyCode, int Year, string Name, int Seed, string DrawnBy, DateTimeOffset DrawnAt, bool Closed, int Households, int Surveyed);

/// <summary>The evaluation samples of a county, newest year first.</summary>
public sealed class ListEvaluationSamples(AppDbContext db)
{
    public async Task<IReadOnlyList<EvaluationSampleSummary>> HandleAsync(string countyCode, CancellationToken ct)
    {
        if (!db.Scope.Overlaps(countyCode)) return [];
        var samples = await db.EvaluationSamples.AsNoTracking().Where(s => s.CountyCode == countyCode)
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Id).ToListAsync(ct);
        var ids = samples.Select(s => s.Id).ToList();
        var counts = await db.SampledHouseholds.AsNoTracking().Where(h => ids.Contains(h.SampleId))
            .GroupBy(h => h.SampleId)
            .Select(g => new { Id = g.Key, All = g.Count(), Surveyed = g.Count(h => h.SurveyedOn != null) })
            .ToDictionaryAsync(x => x.Id, ct);
        return [.. samples.Select(s => new EvaluationSampleSummary(s.Id, s.CountyCode, s.Year, s.Name, s.Seed, s.DrawnBy, s.DrawnAt, s.Closed,
            counts.GetValueOrDefault(s.Id)?.All ?? 0, counts.GetValueOrDefault(s.Id)?.Surveyed ?? 0))];
    }
}
