using System.Text.Json;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>One sampled household (or non-registered slot) with its result; names only, no ID numbers.</summary>
public sealed record SampledHouseholdRow(
    long Id, string VillageCode, string Village, string TownshipName, SampleFrame Frame, string FrameLabel, int Slot,
    long? HouseholdId, string? HouseholdNumber, string? Head, PovertyStatus? Status, int? RegisteredPersons,
    DateOnly? SurveyedOn, string? Surveyor, string? HeadName, int? Persons, int? WrongExitPersons, int? MissedPersons,
    bool? Approves, bool? ApprovesPolicy, bool? ApprovesMeasures, bool? ApprovesExit, bool? ApprovesCadres, string? Note, long Version);

public sealed record EvaluationSampleDetails(
    long Id, string CountyCode, int Year, string Name, int Seed, SampleParameters? Parameters, string DrawnBy, DateTimeOffset DrawnAt, bool Closed,
    int Villages, int Surveyed, IReadOnlyList<SampledHouseholdRow> Households);

/// <summary>A sample with its households village by village (frame, slot), as far as the user's regions reach.</summary>
public sealed class GetEvaluationSample(AppDbContext db)
{
    public async Task<Result<EvaluationSampleDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var sample = await db.EvaluationSamples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sample is null || !db.Scope.Overlaps(sample.CountyCode)) return Result.NotFound("未找到该抽样");
        var rows = await db.SampledHouseholds.AsNoTracking().Where(h => h.SampleId == id).ToListAsync(ct);
        var householdIds = rows.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).ToList();
        var households = new Dictionary<long, (string Number, string? Head, PovertyStatus Status, int Persons)>();
        foreach (var chunk in householdIds.Chunk(1000))
        {
            var found = await db.Households.AsNoTracking().Where(h => chunk.Contains(h.Id))
                .Select(h => new { h.Id, h.Number, h.Status, Head = h.Members.Where(m => m.Relation == "户主").Select(m => m.Name).FirstOrDefault(), Persons = h.Members.Count() })
                .ToListAsync(ct);
            foreach (var h in found) households[h.Id] = (h.Number, h.Head, h.Status, h.Persons);
        }
        var codes = rows.Select(r => r.VillageCode).Concat(rows.Select(r => r.VillageCode[..9])).Distinct().ToList();
        var names = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);

        var list = rows.OrderBy(r => r.VillageCode, StringComparer.Ordinal).ThenBy(r => r.Frame).ThenBy(r => r.Slot).Select(r =>
        {
            var known = r.HouseholdId is { } hid && households.TryGetValue(hid, out var h) ? h : ((string Number, string? Head, PovertyStatus Status, int Persons)?)null;
            return new SampledHouseholdRow(r.Id, r.VillageCode, names.GetValueOrDefault(r.VillageCode, r.VillageCode), names.GetValueOrDefault(r.VillageCode[..9], r.VillageCode[..9]),
                r.Frame, FrameLabel(r.Frame), r.Slot, r.HouseholdId, known?.Number, known?.Head, known?.Status, known?.Persons,
                r.SurveyedOn, r.Surveyor, r.HeadName, r.Persons, r.WrongExitPersons, r.MissedPersons,
                r.Approves, r.ApprovesPolicy, r.ApprovesMeasures, r.ApprovesExit, r.ApprovesCadres, r.Note, r.Version);
        }).ToList();
        SampleParameters? parameters = null;
        try
        {
            parameters = JsonSerializer.Deserialize<SampleParameters>(sample.Parameters);
        }
        catch (JsonException)
        {
            // Parameters written by hand or by an older version: shown raw elsewhere, not needed here.
        }
        return new EvaluationSampleDetails(sample.Id, sample.CountyCode, sample.Year, sample.Name, sample.Seed, parameters, sample.DrawnBy, sample.DrawnAt, sample.Closed,
            list.Select(r => r.VillageCode).Distinct().Count(), list.Count(r => r.SurveyedOn is not null), list);
    }

    public static string FrameLabel(SampleFrame frame) => frame switch
    {
        SampleFrame.Exited => "脱贫户",
        SampleFrame.Poor => "未脱贫户",
        SampleFrame.NonRegistered => "非建档立卡户",
        _ => frame.ToString(),
    };
}
