using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>重新申报 of a project that was turned back, saying what was changed.</summary>
public sealed record ResubmitProjectRequest
{
    public long ProjectId { get; init; }
    public string? Note { get; init; }
    public DateOnly? On { get; init; }
    public long? Version { get; init; }
    public IReadOnlyList<UploadedFile> Documents { get; init; } = [];
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>
/// The village (or township, or county office) submits a returned project again: the reason is cleared from
/// the project (it stays in the returned event) and the project waits for 乡镇审核 once more.
/// </summary>
public sealed class ResubmitProject(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProjectSaved>> HandleAsync(ResubmitProjectRequest request, CancellationToken ct)
    {
        var p = await db.Projects.SingleOrDefaultAsync(x => x.Id == request.ProjectId, ct);
        if (p is null) return ProjectSave.NotFound();
        if (!ProjectRoles.CanApply(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Note), ProjectRoles.NotAllowedCode, "您的角色不能重新申报项目")]);
        if (p.ReturnedReason is null)
            return Result.Invalid([new FieldError(nameof(request.Note), "project.not_returned", "项目没有被退回，无需重新申报")]);
        var errors = new List<FieldError>();
        var note = ProjectText.Trim(request.Note);
        if (note is null)
            errors.Add(new FieldError(nameof(request.Note), "project.note_required", "请说明针对退回理由所作的修改"));
        else if (note.Length > 1000)
            errors.Add(new FieldError(nameof(request.Note), "project.note_too_long", "说明不能超过1000字"));
        var on = ProjectSave.CheckStepDate(request.On, clock.Today(), await ProjectSave.LastStepOnAsync(db, p.Id, ct), nameof(request.On), errors);
        var files = ProjectFiles.CheckAll(request.Documents, nameof(request.Documents), errors);
        if (errors.Count > 0 || files is null) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        p.ReturnedReason = null;
        var ev = new ProjectEvent
        {
            ProjectId = p.Id, Action = ProjectAction.Resubmitted, Stage = ProjectStage.Applied, On = on, Note = note,
            By = ProjectText.Clip(request.User, 64), At = clock.GetUtcNow(),
        };
        db.ProjectEvents.Add(ev);
        if (!await ProjectSave.SaveAsync(db, p, request.Version, ct)) return Result.Conflict(ProjectSave.ConflictMessage);
        foreach (var f in files) db.ProjectDocuments.Add(ProjectFiles.ToDocument(f, p.Id, ev.Id, null, request.User, clock));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new ProjectSaved(p.Id, p.Code, p.Stage, ProjectLabels.Label(p.Stage), p.Version);
    }
}
