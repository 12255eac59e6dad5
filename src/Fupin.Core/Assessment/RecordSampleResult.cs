using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>
/// The field result of one sampled household. <see cref="WrongExitPersons"/> only for the exited frame,
/// <see cref="MissedPersons"/> and <see cref="HeadName"/> only for a non-registered slot. <see cref="Version"/>
/// is the version the user saw (null skips the check, for bulk entry).
/// </summary>
public sealed record RecordSampleResultRequest(
    long SampledHouseholdId, long? Version, DateOnly? SurveyedOn, string? Surveyor, int? Persons,
    int? WrongExitPersons, int? MissedPersons, string? HeadName,
    bool? Approves, bool? ApprovesPolicy, bool? ApprovesMeasures, bool? ApprovesExit, bool? ApprovesCadres,
    string? Note, string User);

public sealed record SampleResultSaved(long Id, long Version);

/// <summary>
/// Enters (or corrects) the result of one sampled household: date, surveyor, persons, wrong-exit or
/// missed persons, the 认可 answer and its four dimensions. Checked before anything is written: a closed
/// sample takes no results, persons 1–30, wrong-exit and missed persons 0 … persons, a date within the
/// sample's year up to today.
/// </summary>
public sealed class RecordSampleResult(AppDbContext db, TimeProvider clock)
{
    public const int MaxPersons = 30;
    public const int MaxNote = 1000;
    public const string ConflictMessage = "该户的调查结果已被他人修改，请刷新后重新录入";

    public async Task<Result<SampleResultSaved>> HandleAsync(RecordSampleResultRequest request, CancellationToken ct)
    {
        var row = await db.SampledHouseholds.FirstOrDefaultAsync(h => h.Id == request.SampledHouseholdId, ct);
        if (row is null) return Result.NotFound("未找到该抽样户，或不在您的管辖范围内");
        var sample = await db.EvaluationSamples.AsNoTracking().FirstAsync(s => s.Id == row.SampleId, ct);
        if (sample.Closed) return Result.Conflict($"抽样“{sample.Name}”已关闭，不能再录入结果");
        if (request.Version is { } v && v != row.Version) return Result.Conflict(ConflictMessage);

        var inv = CultureInfo.InvariantCulture;
        var errors = new List<FieldError>();
        var today = clock.Today();
        if (request.SurveyedOn is not { } on)
            errors.Add(new FieldError(nameof(request.SurveyedOn), "result.date_required", "请填写调查日期"));
        else if (on.Year < sample.Year || on > today)
            errors.Add(new FieldError(nameof(request.SurveyedOn), "result.date_invalid", $"调查日期应在{sample.Year.ToString(inv)}-01-01至{today.ToString("yyyy-MM-dd", inv)}之间"));
        var surveyor = request.Surveyor?.Trim();
        if (string.IsNullOrEmpty(surveyor)) errors.Add(new FieldError(nameof(request.Surveyor), "result.surveyor_required", "请填写调查人"));
        else if (surveyor.Length > 64) errors.Add(new FieldError(nameof(request.Surveyor), "result.surveyor_too_long", "调查人不能超过64字"));
        if (request.Persons is not { } persons || persons is < 1 or > MaxPersons)
        {
            errors.Add(new FieldError(nameof(request.Persons), "result.persons", $"家庭人口应在1到{MaxPersons}人之间"));
            persons = 0;
        }

        var head = request.HeadName?.Trim();
        switch (row.Frame)
        {
            case SampleFrame.Exited:
                if (request.WrongExitPersons is not { } w) errors.Add(new FieldError(nameof(request.WrongExitPersons), "result.wrong_required", "脱贫户须填写错退人数（没有填0）"));
                else if (w < 0 || (persons > 0 && w > persons)) errors.Add(new FieldError(nameof(request.WrongExitPersons), "result.wrong_range", "错退人数应在0到家庭人口之间"));
                if (request.MissedPersons is not null) errors.Add(new FieldError(nameof(request.MissedPersons), "result.missed_frame", "漏评人数只对非建档立卡户填写"));
                break;
            case SampleFrame.NonRegistered:
                if (request.MissedPersons is not { } m) errors.Add(new FieldError(nameof(request.MissedPersons), "result.missed_required", "非建档立卡户须填写漏评人数（没有填0）"));
                else if (m < 0 || (persons > 0 && m > persons)) errors.Add(new FieldError(nameof(request.MissedPersons), "result.missed_range", "漏评人数应在0到家庭人口之间"));
                if (string.IsNullOrEmpty(head)) errors.Add(new FieldError(nameof(request.HeadName), "result.head_required", "非建档立卡户须填写户主姓名"));
                else if (head.Length > 40) errors.Add(new FieldError(nameof(request.HeadName), "result.head_too_long", "户主姓名不能超过40字"));
                if (request.WrongExitPersons is not null) errors.Add(new FieldError(nameof(request.WrongExitPersons), "result.wrong_frame", "错退人数只对脱贫户填写"));
                break;
            default:
                if (request.WrongExitPersons is not null) errors.Add(new FieldError(nameof(request.WrongExitPersons), "result.wrong_frame", "错退人数只对脱贫户填写"));
                if (request.MissedPersons is not null) errors.Add(new FieldError(nameof(request.MissedPersons), "result.missed_frame", "漏评人数只对非建档立卡户填写"));
                break;
        }
        if (request.Approves is null) errors.Add(new FieldError(nameof(request.Approves), "result.approves_required", "请填写是否认可"));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNote }) errors.Add(new FieldError(nameof(request.Note), "result.note_too_long", $"备注不能超过{MaxNote}字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        row.SurveyedOn = request.SurveyedOn;
        row.Surveyor = surveyor;
        row.Persons = request.Persons;
        row.WrongExitPersons = row.Frame == SampleFrame.Exited ? request.WrongExitPersons : null;
        row.MissedPersons = row.Frame == SampleFrame.NonRegistered ? request.MissedPersons : null;
        row.HeadName = row.Frame == SampleFrame.NonRegistered ? head : null;
        row.Approves = request.Approves;
        row.ApprovesPolicy = request.ApprovesPolicy;
        row.ApprovesMeasures = request.ApprovesMeasures;
        row.ApprovesExit = request.ApprovesExit;
        row.ApprovesCadres = request.ApprovesCadres;
        row.Note = note;
        var seen = row.Version;
        db.Entry(row).Property(h => h.Version).OriginalValue = seen;
        row.Version = seen + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
        return new SampleResultSaved(row.Id, row.Version);
    }
}
