using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record InspectionAnswerView(string QuestionCode, string Section, string Text, string Value, bool Failed, string? Note);

public sealed record InspectionPhotoView(long Id, string? QuestionCode, string FileName, string ContentType, int Size);

public sealed record InspectionRectificationView(long Id, string Number, string Problem, RectificationStatus Status, DateOnly Deadline);

public sealed record InspectionVisitDetails(long Id, long PlanId, long TargetId, DateOnly VisitedOn, string Inspector, string? HeadName,
    double? Latitude, double? Longitude, string? Note, int FailedCount, IReadOnlyList<InspectionAnswerView> Answers,
    IReadOnlyList<InspectionPhotoView> Photos, IReadOnlyList<InspectionRectificationView> Rectifications);

public sealed record InspectionPhotoFile(string FileName, string ContentType, byte[] Content);

/// <summary>One recorded visit: its answers with the questions' texts, photos and the rectification items its failed checks made.</summary>
public sealed class GetInspectionVisit(AppDbContext db)
{
    public async Task<InspectionVisitDetails?> HandleAsync(long visitId, CancellationToken ct)
    {
        var v = await db.InspectionVisits.AsNoTracking().FirstOrDefaultAsync(x => x.Id == visitId, ct);
        if (v is null) return null;
        var templateId = await db.InspectionPlans.AsNoTracking().Where(p => p.Id == v.PlanId).Select(p => p.TemplateId).FirstOrDefaultAsync(ct);
        var questions = await db.ChecklistQuestions.AsNoTracking().Where(q => q.TemplateId == templateId)
            .Select(q => new { q.Code, q.Section, q.Text, q.SortOrder }).ToListAsync(ct);
        var byCode = questions.ToDictionary(q => q.Code, StringComparer.Ordinal);
        var answers = await db.InspectionAnswers.AsNoTracking().Where(a => a.VisitId == visitId).ToListAsync(ct);
        var photos = await db.InspectionPhotos.AsNoTracking().Where(p => p.VisitId == visitId).OrderBy(p => p.Id)
            .Select(p => new InspectionPhotoView(p.Id, p.QuestionCode, p.FileName, p.ContentType, p.Size)).ToListAsync(ct);
        var items = await db.Rectifications.AsNoTracking().Where(r => r.VisitId == visitId).OrderBy(r => r.Id)
            .Select(r => new InspectionRectificationView(r.Id, r.Number, r.Problem, r.Status, r.Deadline)).ToListAsync(ct);
        return new InspectionVisitDetails(v.Id, v.PlanId, v.TargetId, v.VisitedOn, v.Inspector, v.HeadName, v.Latitude, v.Longitude, v.Note, v.FailedCount,
            [.. answers.OrderBy(a => byCode.TryGetValue(a.QuestionCode, out var q) ? q.SortOrder : int.MaxValue)
                .Select(a => new InspectionAnswerView(a.QuestionCode, byCode.GetValueOrDefault(a.QuestionCode)?.Section ?? "", byCode.GetValueOrDefault(a.QuestionCode)?.Text ?? a.QuestionCode,
                    a.Value, a.Failed, a.Note))],
            photos, items);
    }

    /// <summary>A photo of a visit the user sees, or null.</summary>
    public async Task<InspectionPhotoFile?> PhotoAsync(long photoId, CancellationToken ct) =>
        await db.InspectionPhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Select(p => new InspectionPhotoFile(p.FileName, p.ContentType, p.Content)).FirstOrDefaultAsync(ct);
}
