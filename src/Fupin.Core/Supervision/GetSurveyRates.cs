using System.Globalization;
using System.Text.Json;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="Region">County, township or village code; null: the survey's county.</param>
/// <param name="Filter">Which households to list: null (all), <c>disapprove</c>, <c>approve</c>, <c>pending</c> (not yet surveyed) or <c>unreached</c>.</param>
public sealed record GetSurveyRatesRequest(long SurveyId, string? Region = null, string? Filter = null);

public sealed record SurveyHeader(
    long Id, string CountyCode, string CountyName, int Year, string Name, long TemplateId, string TemplateName, int Seed,
    SurveyParameters? Parameters, string DrawnBy, DateTimeOffset DrawnAt, bool Closed);

/// <summary>
/// The counts of a region: sampled households, surveyed (answered), unreached (外出/拒访, left out of the rate),
/// pending (not yet visited) and approving. <see cref="Rate"/> = approving ÷ surveyed; null with none surveyed.
/// </summary>
public sealed record SurveyTally(string Code, string Name, int Sampled, int Surveyed, int Unreached, int Pending, int Approving, decimal? Rate)
{
    public int Disapproving => Surveyed - Approving;
    public string RateText => ExitText.Percent(Rate);

    public static SurveyTally Of(string code, string name, IEnumerable<SurveyedHousehold> rows)
    {
        int sampled = 0, surveyed = 0, unreached = 0, approving = 0;
        foreach (var r in rows)
        {
            sampled++;
            if (r.Approves is { } a)
            {
                surveyed++;
                if (a) approving++;
            }
            else if (r.SurveyedOn is not null) unreached++;
        }
        return new SurveyTally(code, name, sampled, surveyed, unreached, sampled - surveyed - unreached, approving, surveyed > 0 ? (decimal)approving / surveyed : null);
    }
}

public sealed record SurveyAnswerCount(string Value, int Count, bool Fails);

/// <summary>How the surveyed households of the region answered one question (answers outside the options listed after them).</summary>
public sealed record SurveyQuestionTally(string Code, string Section, string Text, bool CountsForApproval, int Answered, IReadOnlyList<SurveyAnswerCount> Answers);

/// <summary>One sampled household: names only, no ID numbers.</summary>
public sealed record SurveyHouseholdRow(
    long Id, string VillageCode, string Village, string Township, int Slot, long HouseholdId, string HouseholdNumber, string? Head,
    PovertyStatus Status, string StatusLabel, DateOnly? SurveyedOn, string? Surveyor, bool? Approves, bool Unreached, string? Note,
    IReadOnlyDictionary<string, string> Answers, long Version)
{
    public string ResultLabel => Approves switch { true => "认可", false => "不认可", null when Unreached => "未能调查", _ => "未调查" };
}

public sealed record SurveyRegionStep(string Code, string Name);

/// <param name="Path">County → township → village down to the region, for the breadcrumb.</param>
/// <param name="Parts">The region's townships (county) or villages (township) in the sample; none for a village.</param>
/// <param name="ApprovalMin">The exit standard's 群众认可度 (90%).</param>
public sealed record SurveyRates(
    SurveyHeader Survey, string RegionCode, string RegionName, IReadOnlyList<SurveyRegionStep> Path, SurveyTally Total,
    IReadOnlyList<SurveyTally> Parts, IReadOnlyList<SurveyQuestion> Questions, IReadOnlyList<SurveyQuestionTally> Distribution,
    string? Filter, IReadOnlyList<SurveyHouseholdRow> Households, decimal ApprovalMin);

/// <summary>
/// A survey's 认可度 for a region with drill-down (county → townships → villages): rate = approving ÷ surveyed
/// households, the answers to each question and the households behind the figures, as far as the user's regions reach.
/// </summary>
public sealed class GetSurveyRates(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Filters = ["disapprove", "approve", "pending", "unreached"];
    static readonly int[] CodeLengths = [6, 9, 12];

    public async Task<Result<SurveyRates>> HandleAsync(GetSurveyRatesRequest request, CancellationToken ct)
    {
        // Looked up in the region's county first (one node on Citus); a survey of another county is still found, and refused below.
        var regionCounty = Distribution.CountyOf(request.Region?.Trim());
        var header = await HeaderAsync(db, request.SurveyId, regionCounty, ct) ?? (regionCounty is null ? null : await HeaderAsync(db, request.SurveyId, null, ct));
        if (header is null) return Result.NotFound("未找到该满意度调查");
        var region = string.IsNullOrWhiteSpace(request.Region) ? header.CountyCode : request.Region.Trim();
        if (region.Length is not (6 or 9 or 12) || !region.StartsWith(header.CountyCode, StringComparison.Ordinal) || !db.Scope.Overlaps(region))
            return Result.NotFound("区域不在该调查的范围内");
        var filter = request.Filter is { } f && Filters.Contains(f, StringComparer.Ordinal) ? f : null;

#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var rows = await db.SurveyedHouseholds.AsNoTracking().Where(h => h.CountyCode == header.CountyCode && h.SurveyId == header.Id && h.VillageCode.StartsWith(region)).ToListAsync(ct);
        var names = await db.Regions.AsNoTracking().Where(r => r.Code.StartsWith(header.CountyCode) && r.Code.Length <= 12)
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
#pragma warning restore CA1310
        string Name(string code) => names.GetValueOrDefault(code, code);

        var path = new List<SurveyRegionStep>();
        foreach (var len in CodeLengths.Where(l => l <= region.Length)) path.Add(new SurveyRegionStep(region[..len], Name(region[..len])));
        var total = SurveyTally.Of(region, Name(region), rows);
        var childLength = region.Length == 6 ? 9 : region.Length == 9 ? 12 : 0;
        IReadOnlyList<SurveyTally> parts = childLength == 0 ? [] : [.. rows.GroupBy(r => r.VillageCode[..childLength], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => SurveyTally.Of(g.Key, Name(g.Key), g))];

        var questions = await SurveyQuestionnaire.LoadAsync(db, header.TemplateId, header.CountyCode, ct);
        var ids = rows.Select(r => r.Id).ToList();
        var answers = new List<SurveyAnswer>();
        foreach (var chunk in ids.Chunk(1000))
            answers.AddRange(await db.SurveyAnswers.AsNoTracking().InCounty(header.CountyCode).Where(a => chunk.Contains(a.SurveyedHouseholdId)).ToListAsync(ct));
        var byRow = answers.GroupBy(a => a.SurveyedHouseholdId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(a => a.QuestionCode, a => a.Value, StringComparer.Ordinal));
        var surveyedIds = rows.Where(r => r.Approves is not null).Select(r => r.Id).ToHashSet();
        var distribution = questions.Select(q =>
        {
            var given = answers.Where(a => a.QuestionCode == q.Code && surveyedIds.Contains(a.SurveyedHouseholdId)).GroupBy(a => a.Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var counts = q.Choices.Select(c => new SurveyAnswerCount(c, given.GetValueOrDefault(c), q.FailValues.Contains(c, StringComparer.Ordinal)))
                .Concat(given.Where(g => !q.Choices.Contains(g.Key, StringComparer.Ordinal)).OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(20).Select(g => new SurveyAnswerCount(g.Key, g.Value, q.FailValues.Contains(g.Key, StringComparer.Ordinal))))
                .ToList();
            return new SurveyQuestionTally(q.Code, q.Section, q.Text, q.CountsForApproval, given.Values.Sum(), counts);
        }).ToList();

        var listed = filter switch
        {
            "disapprove" => rows.Where(r => r.Approves == false),
            "approve" => rows.Where(r => r.Approves == true),
            "pending" => rows.Where(r => r.SurveyedOn is null),
            "unreached" => rows.Where(r => RecordSurveyAnswers.IsUnreached(r.SurveyedOn, r.Approves)),
            _ => rows,
        };
        var households = await RowsAsync(db, [.. listed], byRow, Name, ct);
        var standard = await new GetExitStandard(db).HandleAsync(header.CountyCode, ct);
        return new SurveyRates(header, region, Name(region), path, total, parts, questions, distribution, filter, households, standard.ApprovalMin);
    }

    internal static Task<SurveyHeader?> HeaderAsync(AppDbContext db, long id, CancellationToken ct) => HeaderAsync(db, id, null, ct);

    /// <summary>The survey, looked for in <paramref name="inCounty"/> only when given.</summary>
    internal static async Task<SurveyHeader?> HeaderAsync(AppDbContext db, long id, string? inCounty, CancellationToken ct)
    {
        var s = await db.SatisfactionSurveys.AsNoTracking().InCounty(inCounty).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !db.Scope.Overlaps(s.CountyCode)) return null;
        var template = await db.ChecklistTemplates.AsNoTracking().Where(t => t.CountyCode == s.CountyCode && t.Id == s.TemplateId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "";
        var county = await db.Regions.AsNoTracking().Where(r => r.Code == s.CountyCode).Select(r => r.Name).FirstOrDefaultAsync(ct) ?? s.CountyCode;
        SurveyParameters? parameters = null;
        try
        {
            parameters = JsonSerializer.Deserialize<SurveyParameters>(s.Parameters);
        }
        catch (JsonException)
        {
            // Written by hand or by an older version: not needed for the rates.
        }
        return new SurveyHeader(s.Id, s.CountyCode, county, s.Year, s.Name, s.TemplateId, template, s.Seed, parameters, s.DrawnBy, s.DrawnAt, s.Closed);
    }

    internal static async Task<List<SurveyHouseholdRow>> RowsAsync(AppDbContext db, IReadOnlyList<SurveyedHousehold> rows,
        IReadOnlyDictionary<long, IReadOnlyDictionary<string, string>> answers, Func<string, string> name, CancellationToken ct)
    {
        var info = new Dictionary<long, (string Number, string? Head, PovertyStatus Status)>();
        foreach (var (county, chunk) in rows.GroupBy(r => r.CountyCode, StringComparer.Ordinal).SelectMany(g => g.Select(r => r.HouseholdId).Distinct().Chunk(1000).Select(c => (g.Key, c))))
        {
            var found = await db.Households.AsNoTracking().Where(h => h.CountyCode == county && chunk.Contains(h.Id))
                .Select(h => new { h.Id, h.Number, h.Status, Head = h.Members.Where(m => m.CountyCode == h.CountyCode && m.Relation == "户主").Select(m => m.Name).FirstOrDefault() })
                .ToListAsync(ct);
            foreach (var h in found) info[h.Id] = (h.Number, h.Head, h.Status);
        }
        IReadOnlyDictionary<string, string> none = new Dictionary<string, string>(StringComparer.Ordinal);
        return [.. rows.Where(r => info.ContainsKey(r.HouseholdId)).OrderBy(r => r.VillageCode, StringComparer.Ordinal).ThenBy(r => r.Slot).Select(r =>
        {
            var h = info[r.HouseholdId];
            return new SurveyHouseholdRow(r.Id, r.VillageCode, name(r.VillageCode), name(r.VillageCode[..9]), r.Slot, r.HouseholdId, h.Number, h.Head,
                h.Status, StatusLabel(h.Status), r.SurveyedOn, r.Surveyor, r.Approves, RecordSurveyAnswers.IsUnreached(r.SurveyedOn, r.Approves), r.Note,
                answers.GetValueOrDefault(r.Id, none), r.Version);
        })];
    }

    public static string StatusLabel(PovertyStatus s) => CodeCatalog.Label(s);
}
