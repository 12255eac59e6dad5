using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record ChecklistTemplateRow(long Id, ChecklistKind Kind, string Name, string? Description, bool IsActive, int Questions,
    bool InUse, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The checklists and questionnaires of the user's county, optionally of one kind: active first, then by name.</summary>
public sealed class ListChecklistTemplates(AppDbContext db)
{
    public async Task<List<ChecklistTemplateRow>> HandleAsync(ChecklistKind? kind, CancellationToken ct)
    {
        var templates = db.ChecklistTemplates.AsNoTracking();
        if (kind is { } k) templates = templates.Where(t => t.Kind == k);
        var rows = await templates.Select(t => new
        {
            t.Id, t.Kind, t.Name, t.Description, t.IsActive, t.UpdatedBy, t.UpdatedAt,
            Questions = db.ChecklistQuestions.Count(q => q.TemplateId == t.Id),
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var used = await db.InspectionPlans.IgnoreQueryFilters().Where(p => ids.Contains(p.TemplateId)).Select(p => p.TemplateId)
            .Concat(db.SatisfactionSurveys.IgnoreQueryFilters().Where(s => ids.Contains(s.TemplateId)).Select(s => s.TemplateId))
            .Distinct().ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Kind).ThenByDescending(r => r.IsActive).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new ChecklistTemplateRow(r.Id, r.Kind, r.Name, r.Description, r.IsActive, r.Questions, used.Contains(r.Id), r.UpdatedBy, r.UpdatedAt))];
    }
}
