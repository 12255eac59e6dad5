using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>
/// Move a project to the next stage of the approval path. <see cref="ToStage"/> names the stage reached and
/// must be the next one; <see cref="On"/> defaults to the business date; <see cref="Version"/> is the
/// version the user saw (optional for API callers).
/// </summary>
public sealed record AdvanceProjectRequest
{
    public long ProjectId { get; init; }
    public ProjectStage ToStage { get; init; }
    public DateOnly? On { get; init; }
    public string? Reference { get; init; }
    public string? Note { get; init; }
    public long? Version { get; init; }
    public IReadOnlyList<UploadedFile> Documents { get; init; } = [];
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>
/// One step of 村申报 → 乡镇审核 → 县级审定 → 公示 → 入库 → 实施 → 验收 → 资产移交/管护, each reached once
/// and in order: a request for any stage but the next is refused (<c>project.stage_skip</c>). A project that
/// was turned back must be resubmitted first. 乡镇审核 is the township's (or the county office's), every later
/// stage the county office's. A project enters 实施 only with a plan (a completion deadline, reverse
/// scheduled): implementation without a deadline cannot be followed (<c>project.plan_required</c>).
/// The step, its documents and the project's new stage are saved together or not at all.
/// </summary>
public sealed class AdvanceProject(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ProjectSaved>> HandleAsync(AdvanceProjectRequest request, CancellationToken ct)
    {
        var p = await db.Projects.SingleOrDefaultAsync(x => x.Id == request.ProjectId, ct);
        if (p is null) return ProjectSave.NotFound();
        var errors = new List<FieldError>();
        if (p.Stage == ProjectStage.HandedOver)
            return Result.Invalid([new FieldError(nameof(request.ToStage), "project.stage_final", "项目已资产移交/管护，审批流程已结束")]);
        var next = p.Stage + 1;
        if (request.ToStage != next)
            return Result.Invalid([new FieldError(nameof(request.ToStage), "project.stage_skip",
                $"项目当前处于“{ProjectLabels.Label(p.Stage)}”，只能进入下一环节“{ProjectLabels.Label(next)}”，不能跳过或重复环节")]);
        if (!ProjectRoles.CanAdvanceTo(request.Role, next))
            return Result.Invalid([new FieldError(nameof(request.ToStage), ProjectRoles.NotAllowedCode,
                next == ProjectStage.TownshipReviewed ? "乡镇审核须由乡镇或县扶贫办办理" : $"“{ProjectLabels.Label(next)}”须由县扶贫办办理")]);
        if (p.ReturnedReason is not null)
            return Result.Invalid([new FieldError(nameof(request.ToStage), "project.returned", "项目已被退回，须重新申报后才能继续审核")]);
        if (next == ProjectStage.Implementing && p.PlanNumber == 0)
            errors.Add(new FieldError(nameof(request.ToStage), "project.plan_required", "进入实施前须设定完工期限（倒排工期）"));
        var today = clock.Today();
        var on = ProjectSave.CheckStepDate(request.On, today, await ProjectSave.LastStepOnAsync(db, p.Id, ct), nameof(request.On), errors);
        var reference = ProjectText.Trim(request.Reference);
        if (reference is { Length: > 100 })
            errors.Add(new FieldError(nameof(request.Reference), "project.reference_too_long", "文号不能超过100字"));
        var note = ProjectText.Trim(request.Note);
        if (note is { Length: > 1000 })
            errors.Add(new FieldError(nameof(request.Note), "project.note_too_long", "说明不能超过1000字"));
        var files = ProjectFiles.CheckAll(request.Documents, nameof(request.Documents), errors);
        if (errors.Count > 0 || files is null) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        p.Stage = next;
        var ev = new ProjectEvent
        {
            ProjectId = p.Id, Action = ProjectAction.Advanced, Stage = next, On = on, Reference = reference, Note = note,
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
