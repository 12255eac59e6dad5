using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>One question of a survey template as the entry form and the rates show it.</summary>
public sealed record SurveyQuestion(
    string Code, string Section, string Text, AnswerKind Answer, string AnswerLabel, IReadOnlyList<string> Options, IReadOnlyList<string> FailValues,
    bool Required, bool CountsForApproval)
{
    /// <summary>The answers that can be given, in order: the options, 是/否, or none (free number or text).</summary>
    public IReadOnlyList<string> Choices => Answer switch
    {
        AnswerKind.YesNo => SurveyQuestionnaire.YesNo,
        AnswerKind.Choice => Options,
        _ => [],
    };
}

/// <summary>A survey template's questions and the rules for answering them.</summary>
public static class SurveyQuestionnaire
{
    public static readonly IReadOnlyList<string> YesNo = ["是", "否"];
    public const int MaxText = 500;

    static List<string> Split(string? s) => s is null ? [] : [.. s.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public static Task<List<SurveyQuestion>> LoadAsync(AppDbContext db, long templateId, CancellationToken ct) => LoadAsync(db, templateId, null, ct);

    /// <summary>The template's questions; <paramref name="county"/>, the template's county, when the caller knows it (one node on Citus).</summary>
    public static async Task<List<SurveyQuestion>> LoadAsync(AppDbContext db, long templateId, string? county, CancellationToken ct)
    {
        var rows = await db.ChecklistQuestions.AsNoTracking().InCounty(county).Where(q => q.TemplateId == templateId)
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id).ToListAsync(ct);
        return [.. rows.Select(q => new SurveyQuestion(q.Code, q.Section, q.Text, q.Answer, SupervisionLabels.Label(q.Answer),
            Split(q.Options), Split(q.FailValues), q.Required || q.CountsForApproval, q.CountsForApproval))];
    }

    /// <summary>A template a survey can use: of kind Survey, with exactly one approval question that is answered by a choice or 是/否.</summary>
    public static FieldError? CheckTemplate(ChecklistTemplate? template, IReadOnlyList<SurveyQuestion> questions, string field)
    {
        if (template is null || template.Kind != ChecklistKind.Survey)
            return new FieldError(field, "survey.template_invalid", "请选择一份满意度调查问卷");
        var approval = questions.Where(q => q.CountsForApproval).ToList();
        if (approval.Count != 1)
            return new FieldError(field, "survey.template_approval", $"问卷“{template.Name}”须有且只有一道“计入认可度”的题目（现有{approval.Count}道）");
        if (approval[0].Answer is not (AnswerKind.Choice or AnswerKind.YesNo) || approval[0].FailValues.Count == 0)
            return new FieldError(field, "survey.template_approval", $"问卷“{template.Name}”的认可度题目须为单选或是/否，并标明不认可的答案");
        return null;
    }

    /// <summary>
    /// Checks the answers against the questions: required questions answered, choices among the options, numbers
    /// whole and not negative, text not too long, no unknown codes. Blank answers are left out.
    /// </summary>
    public static (Dictionary<string, string> Answers, List<FieldError> Errors) Validate(IReadOnlyList<SurveyQuestion> questions, IReadOnlyDictionary<string, string?>? given)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var byCode = questions.ToDictionary(q => q.Code, StringComparer.Ordinal);
        foreach (var (code, _) in given ?? new Dictionary<string, string?>())
        {
            if (!byCode.ContainsKey(code))
                errors.Add(new FieldError("Answers." + code, "survey.answer_unknown", $"问卷中没有题目“{code}”"));
        }
        foreach (var q in questions)
        {
            var field = "Answers." + q.Code;
            var value = given is not null && given.TryGetValue(q.Code, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            if (value is null)
            {
                if (q.Required) errors.Add(new FieldError(field, "survey.answer_required", $"请回答：{q.Text}"));
                continue;
            }
            switch (q.Answer)
            {
                case AnswerKind.YesNo or AnswerKind.Choice when !q.Choices.Contains(value, StringComparer.Ordinal):
                    errors.Add(new FieldError(field, "survey.answer_option", $"“{value}”不是“{q.Text}”的选项（{string.Join("、", q.Choices)}）"));
                    continue;
                case AnswerKind.Number when !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _):
                    errors.Add(new FieldError(field, "survey.answer_number", $"“{q.Text}”应填不小于0的整数"));
                    continue;
                case AnswerKind.Text when value.Length > MaxText:
                    errors.Add(new FieldError(field, "survey.answer_too_long", $"“{q.Text}”的回答不能超过{MaxText}字"));
                    continue;
            }
            answers[q.Code] = value;
        }
        return (answers, errors);
    }

    /// <summary>认可: the approval question's answer is not one of its fail values.</summary>
    public static bool Approves(SurveyQuestion approval, string answer) => !approval.FailValues.Contains(answer, StringComparer.Ordinal);
}
