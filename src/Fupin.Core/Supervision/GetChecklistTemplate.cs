using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>One question as shown and answered: options and fail values split.</summary>
public sealed record ChecklistQuestionView(long Id, int SortOrder, string Code, string Section, string Text, ChecklistSubject Subject, AnswerKind Answer,
    IReadOnlyList<string> Options, IReadOnlyList<string> FailValues, string? FindingText, bool Required, bool CountsForApproval)
{
    /// <summary>The values an answer may take (是/否, the options); empty for numbers and text.</summary>
    public IReadOnlyList<string> Choices => Answer switch
    {
        AnswerKind.YesNo => ChecklistTemplates.YesNo,
        AnswerKind.Choice => Options,
        _ => [],
    };

    public static ChecklistQuestionView Of(ChecklistQuestion q) => new(q.Id, q.SortOrder, q.Code, q.Section, q.Text, q.Subject, q.Answer,
        ChecklistTemplates.Split(q.Options), ChecklistTemplates.Split(q.FailValues), q.FindingText, q.Required, q.CountsForApproval);
}

/// <param name="InUse">Used by an inspection plan or a survey: saving makes a copy.</param>
public sealed record ChecklistTemplateDetails(long Id, string CountyCode, ChecklistKind Kind, string Name, string? Description, bool IsActive,
    string UpdatedBy, DateTimeOffset UpdatedAt, long Version, bool InUse, IReadOnlyList<ChecklistQuestionView> Questions);

/// <summary>One checklist or questionnaire with its questions in order.</summary>
public sealed class GetChecklistTemplate(AppDbContext db)
{
    public async Task<ChecklistTemplateDetails?> HandleAsync(long id, CancellationToken ct)
    {
        var t = await db.ChecklistTemplates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var questions = await db.ChecklistQuestions.AsNoTracking().Where(q => q.TemplateId == id).OrderBy(q => q.SortOrder).ThenBy(q => q.Id).ToListAsync(ct);
        var inUse = await ChecklistTemplates.InUseAsync(db, id, ct);
        return new ChecklistTemplateDetails(t.Id, t.CountyCode, t.Kind, t.Name, t.Description, t.IsActive, t.UpdatedBy, t.UpdatedAt, t.Version, inUse,
            [.. questions.Select(ChecklistQuestionView.Of)]);
    }
}

/// <summary>What checklist templates share: splitting lists and whether a template is in use.</summary>
public static class ChecklistTemplates
{
    public static IReadOnlyList<string> YesNo { get; } = ["是", "否"];

    public static IReadOnlyList<string> Split(string? s) =>
        string.IsNullOrWhiteSpace(s) ? [] : [.. s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Used by an inspection plan or a satisfaction survey (sealed plans count too).</summary>
    public static async Task<bool> InUseAsync(AppDbContext db, long id, CancellationToken ct) =>
        await db.InspectionPlans.IgnoreQueryFilters().AnyAsync(p => p.TemplateId == id, ct)
        || await db.SatisfactionSurveys.IgnoreQueryFilters().AnyAsync(s => s.TemplateId == id, ct);
}
