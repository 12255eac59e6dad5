using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="County">A county code; null: every county the user sees.</param>
public sealed record ListSatisfactionSurveysRequest(string? County = null, int? Year = null);

/// <param name="Rate">Approving ÷ surveyed households (in the user's regions); null with none surveyed.</param>
public sealed record SatisfactionSurveySummary(
    long Id, string CountyCode, int Year, string Name, string TemplateName, int Seed, string DrawnBy, DateTimeOffset DrawnAt, bool Closed,
    int Sampled, int Surveyed, int Unreached, int Approving, decimal? Rate)
{
    public string RateText => ExitText.Percent(Rate);

    /// <summary>Visited (answered or unreached) ÷ sampled, for the progress bar.</summary>
    public decimal Progress => Sampled == 0 ? 0m : (decimal)(Surveyed + Unreached) / Sampled;
}

/// <summary>Satisfaction surveys newest year first, with their progress and county rate as far as the user's regions reach.</summary>
public sealed class ListSatisfactionSurveys(AppDbContext db)
{
    public async Task<Result<IReadOnlyList<SatisfactionSurveySummary>>> HandleAsync(ListSatisfactionSurveysRequest request, CancellationToken ct)
    {
        var county = string.IsNullOrWhiteSpace(request.County) ? null : request.County.Trim();
        if (county is not null && (county.Length != 6 || !county.All(char.IsAsciiDigit)))
            return Result.Invalid([new FieldError(nameof(request.County), "county.invalid", $"“{county}”不是6位县级区划代码")]);
        var query = db.SatisfactionSurveys.AsNoTracking();
        if (county is not null) query = query.Where(s => s.CountyCode == county);
        if (request.Year is { } year) query = query.Where(s => s.Year == year);
        var surveys = await query.OrderByDescending(s => s.Year).ThenByDescending(s => s.Id)
            .Select(s => new
            {
                s.Id, s.CountyCode, s.Year, s.Name, s.Seed, s.DrawnBy, s.DrawnAt, s.Closed,
                Template = db.ChecklistTemplates.Where(t => t.Id == s.TemplateId).Select(t => t.Name).FirstOrDefault(),
            })
            .Take(500).ToListAsync(ct);
        var ids = surveys.Select(s => s.Id).ToList();
        var counts = await db.SurveyedHouseholds.AsNoTracking().Where(h => ids.Contains(h.SurveyId))
            .GroupBy(h => h.SurveyId)
            .Select(g => new
            {
                Id = g.Key, Sampled = g.Count(),
                Surveyed = g.Count(h => h.Approves != null),
                Unreached = g.Count(h => h.SurveyedOn != null && h.Approves == null),
                Approving = g.Count(h => h.Approves == true),
            })
            .ToDictionaryAsync(x => x.Id, ct);
        return surveys.Select(s =>
        {
            var c = counts.GetValueOrDefault(s.Id);
            var surveyed = c?.Surveyed ?? 0;
            return new SatisfactionSurveySummary(s.Id, s.CountyCode, s.Year, s.Name, s.Template ?? "", s.Seed, s.DrawnBy, s.DrawnAt, s.Closed,
                c?.Sampled ?? 0, surveyed, c?.Unreached ?? 0, c?.Approving ?? 0, surveyed > 0 ? (decimal)c!.Approving / surveyed : null);
        }).ToList();
    }
}
