using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="NextPending">The next household of the same village not yet visited, for entering one after another.</param>
public sealed record SurveyedHouseholdDetails(
    SurveyHeader Survey, SurveyHouseholdRow Household, int Persons, IReadOnlyList<SurveyQuestion> Questions, long? NextPending);

/// <summary>One sampled household with the questionnaire and its answers, for the entry form (names only, no ID numbers).</summary>
public sealed class GetSurveyedHousehold(AppDbContext db)
{
    public async Task<Result<SurveyedHouseholdDetails>> HandleAsync(long surveyId, long id, CancellationToken ct)
    {
        var row = await db.SurveyedHouseholds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id && h.SurveyId == surveyId, ct);
        if (row is null) return Result.NotFound("未找到该调查户，或不在您的管辖范围内");
        var header = await GetSurveyRates.HeaderAsync(db, surveyId, ct);
        if (header is null) return Result.NotFound("未找到该满意度调查");
        var answers = await db.SurveyAnswers.AsNoTracking().Where(a => a.SurveyedHouseholdId == id)
            .ToDictionaryAsync(a => a.QuestionCode, a => a.Value, StringComparer.Ordinal, ct);
        var codes = new[] { row.VillageCode, row.VillageCode[..9] };
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
        var rows = await GetSurveyRates.RowsAsync(db, [row], new Dictionary<long, IReadOnlyDictionary<string, string>> { [id] = answers },
            c => names.GetValueOrDefault(c, c), ct);
        if (rows.Count == 0) return Result.NotFound("未找到该调查户，或不在您的管辖范围内");
        var persons = await db.Members.AsNoTracking().CountAsync(m => m.HouseholdId == row.HouseholdId, ct);
        var next = await db.SurveyedHouseholds.AsNoTracking()
            .Where(h => h.SurveyId == surveyId && h.VillageCode == row.VillageCode && h.SurveyedOn == null && h.Id != id && h.Slot > row.Slot)
            .OrderBy(h => h.Slot).Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
        return new SurveyedHouseholdDetails(header, rows[0], persons, await SurveyQuestionnaire.LoadAsync(db, header.TemplateId, ct), next);
    }
}
