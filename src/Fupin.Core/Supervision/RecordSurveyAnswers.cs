using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// The answers of one sampled household, or the reason it could not be surveyed (<paramref name="UnreachedReason"/>:
/// 外出务工, 拒绝访问 …; then no answers). <paramref name="Version"/> is the version the surveyor saw (null skips the
/// check). <paramref name="Answers"/> maps question codes to answers.
/// </summary>
public sealed record RecordSurveyAnswersRequest(
    long SurveyedHouseholdId, long? Version, DateOnly? SurveyedOn, string? Surveyor,
    IReadOnlyDictionary<string, string?>? Answers, string? UnreachedReason, string? Note, string User, Role Role);

/// <param name="Approves">认可 as derived from the approval question; null for a household that could not be surveyed.</param>
public sealed record SurveyAnswersSaved(long Id, long Version, bool? Approves);

/// <summary>
/// Enters or replaces the answers of a sampled household. The answers are checked against the survey's
/// questionnaire (required questions, options); 认可 follows the approval question's answer. A household that could
/// not be surveyed keeps the date, surveyor and reason (in <see cref="SurveyedHousehold.Note"/>) with
/// <see cref="SurveyedHousehold.Approves"/> null, and counts in neither the approving nor the surveyed households.
/// A closed survey takes nothing; a refused request writes nothing.
/// </summary>
public sealed class RecordSurveyAnswers(AppDbContext db, TimeProvider clock)
{
    public const int MaxNote = 1000;
    public const string ConflictMessage = "该户的调查结果已被他人修改，请刷新后重新录入";
    public const string ClosedCode = "survey.closed";
    public static readonly IReadOnlyList<string> UnreachedReasons = ["外出务工（举家外出）", "拒绝访问", "多次上门无人在家", "其他"];

    public async Task<Result<SurveyAnswersSaved>> HandleAsync(RecordSurveyAnswersRequest request, CancellationToken ct)
    {
        if (!SupervisionRoles.CanManageSurveys(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Answers), SupervisionRoles.NotAllowedCode, "只有县扶贫办和督查人员可以录入调查结果")]);
        var row = await db.SurveyedHouseholds.FirstOrDefaultAsync(h => h.Id == request.SurveyedHouseholdId, ct);
        if (row is null) return Result.NotFound("未找到该调查户，或不在您的管辖范围内");
        var survey = await db.SatisfactionSurveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == row.SurveyId, ct);
        if (survey is null) return Result.NotFound("未找到该调查");
        if (survey.Closed)
            return Result.Invalid([new FieldError(nameof(request.Answers), ClosedCode, $"调查“{survey.Name}”已结束，不能再录入")]);
        if (request.Version is { } v && v != row.Version) return Result.Conflict(ConflictMessage);

        var inv = CultureInfo.InvariantCulture;
        var errors = new List<FieldError>();
        var today = clock.Today();
        if (request.SurveyedOn is not { } on)
            errors.Add(new FieldError(nameof(request.SurveyedOn), "survey.date_required", "请填写调查日期"));
        else if (on.Year < survey.Year || on > today)
            errors.Add(new FieldError(nameof(request.SurveyedOn), "survey.date_invalid", $"调查日期应在{survey.Year.ToString(inv)}-01-01至{today.ToString("yyyy-MM-dd", inv)}之间"));
        var surveyor = request.Surveyor?.Trim();
        if (string.IsNullOrEmpty(surveyor)) errors.Add(new FieldError(nameof(request.Surveyor), "survey.surveyor_required", "请填写调查人"));
        else if (surveyor.Length > 64) errors.Add(new FieldError(nameof(request.Surveyor), "survey.surveyor_too_long", "调查人不能超过64字"));
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var unreached = string.IsNullOrWhiteSpace(request.UnreachedReason) ? null : request.UnreachedReason.Trim();

        var questions = await SurveyQuestionnaire.LoadAsync(db, survey.TemplateId, ct);
        var approval = questions.SingleOrDefault(q => q.CountsForApproval);
        Dictionary<string, string> answers = [];
        bool? approves = null;
        if (unreached is not null)
        {
            if (request.Answers?.Values.Any(a => !string.IsNullOrWhiteSpace(a)) == true)
                errors.Add(new FieldError(nameof(request.Answers), "survey.unreached_answers", "未能调查的户不填答案"));
            note = note is null ? unreached : unreached + "：" + note;
        }
        else if (approval is null)
        {
            errors.Add(new FieldError(nameof(request.Answers), "survey.template_approval", "问卷须有且只有一道“计入认可度”的题目"));
        }
        else
        {
            var (valid, answerErrors) = SurveyQuestionnaire.Validate(questions, request.Answers);
            errors.AddRange(answerErrors);
            answers = valid;
            if (valid.TryGetValue(approval.Code, out var a)) approves = SurveyQuestionnaire.Approves(approval, a);
        }
        if (note is { Length: > MaxNote }) errors.Add(new FieldError(nameof(request.Note), "survey.note_too_long", $"备注不能超过{MaxNote}字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SurveyAnswers.Where(x => x.SurveyedHouseholdId == row.Id).ExecuteDeleteAsync(ct);
        foreach (var (code, value) in answers)
            db.SurveyAnswers.Add(new SurveyAnswer { SurveyedHouseholdId = row.Id, CountyCode = row.CountyCode, QuestionCode = code, Value = value });
        row.SurveyedOn = request.SurveyedOn;
        row.Surveyor = surveyor;
        row.Approves = approves;
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
        await tx.CommitAsync(ct);
        return new SurveyAnswersSaved(row.Id, row.Version, approves);
    }

    /// <summary>Not surveyed although visited (外出, 拒访 …): a date and a reason but no 认可 answer.</summary>
    public static bool IsUnreached(DateOnly? surveyedOn, bool? approves) => surveyedOn is not null && approves is null;
}
