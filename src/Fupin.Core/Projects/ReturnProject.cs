using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>Turn a project back (退回) at the review it is waiting for, with the reason.</summary>
public sealed record ReturnProjectRequest
{
    public long ProjectId { get; init; }
    public string? Reason { get; init; }
    public DateOnly? On { get; init; }
    public string? Reference { get; init; }
    public long? Version { get; init; }
    public required string User { get; init; }
    public required Role Role { get; init; }
}

/// <summary>
/// A reviewer turns a project back to 村申报: at 乡镇审核 (a project waiting at 村申报, by the township or
/// the county office) or at 县级审定 (a project that passed 乡镇审核, by the county office). Later stages are
/// not turned back. The reason (at least 5 characters) is kept on the project until it is resubmitted and
/// in the event for good.
/// </summary>
public sealed class ReturnProject(AppDbContext db, TimeProvider clock)
{
    public const int MinReason = 5;

    public async Task<Result<ProjectSaved>> HandleAsync(ReturnProjectRequest request, CancellationToken ct)
    {
        var p = await db.Projects.SingleOrDefaultAsync(x => x.Id == request.ProjectId, ct);
        if (p is null) return ProjectSave.NotFound();
        ProjectStage review;
        if (p.Stage == ProjectStage.Applied && p.ReturnedReason is null) review = ProjectStage.TownshipReviewed;
        else if (p.Stage == ProjectStage.TownshipReviewed) review = ProjectStage.CountyApproved;
        else
            return Result.Invalid([new FieldError(nameof(request.Reason), "project.return_stage",
                p.ReturnedReason is not null ? "项目已被退回，等待重新申报" : "只有等待乡镇审核或县级审定的项目可以退回")]);
        if (!ProjectRoles.CanAdvanceTo(request.Role, review))
            return Result.Invalid([new FieldError(nameof(request.Reason), ProjectRoles.NotAllowedCode,
                review == ProjectStage.TownshipReviewed ? "乡镇审核退回须由乡镇或县扶贫办办理" : "县级审定退回须由县扶贫办办理")]);
        var errors = new List<FieldError>();
        var reason = ProjectText.Trim(request.Reason);
        if (reason is null || reason.Length < MinReason)
            errors.Add(new FieldError(nameof(request.Reason), "project.reason_required", $"请写明退回理由（至少{MinReason}个字）"));
        else if (reason.Length > 500)
            errors.Add(new FieldError(nameof(request.Reason), "project.reason_too_long", "退回理由不能超过500字"));
        var on = ProjectSave.CheckStepDate(request.On, clock.Today(), await ProjectSave.LastStepOnAsync(db, p.Id, ct), nameof(request.On), errors);
        var reference = ProjectText.Trim(request.Reference);
        if (reference is { Length: > 100 })
            errors.Add(new FieldError(nameof(request.Reference), "project.reference_too_long", "文号不能超过100字"));
        if (errors.Count > 0) return Result.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        p.Stage = ProjectStage.Applied;
        p.ReturnedReason = reason;
        db.ProjectEvents.Add(new ProjectEvent
        {
            ProjectId = p.Id, Action = ProjectAction.Returned, Stage = review, On = on, Reference = reference, Note = reason,
            By = ProjectText.Clip(request.User, 64), At = clock.GetUtcNow(),
        });
        if (!await ProjectSave.SaveAsync(db, p, request.Version, ct)) return Result.Conflict(ProjectSave.ConflictMessage);
        await tx.CommitAsync(ct);
        return new ProjectSaved(p.Id, p.Code, p.Stage, ProjectLabels.Label(p.Stage), p.Version);
    }
}
