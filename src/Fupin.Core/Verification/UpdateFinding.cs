using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Verification;

/// <summary>The workflow of a finding (docs/verification.md, "Runs and findings") and who may move it.</summary>
public static class FindingWorkflow
{
    public const int MaxNote = 2000;

    public static string Label(FindingStatus status) => status switch
    {
        FindingStatus.Open => "待核实",
        FindingStatus.Verifying => "核实中",
        FindingStatus.Confirmed => "属实（已整改）",
        FindingStatus.Explained => "不属实（已说明）",
        FindingStatus.FalseAlarm => "误报",
        _ => status.ToString(),
    };

    public static bool IsClosed(FindingStatus status) => status is FindingStatus.Confirmed or FindingStatus.Explained or FindingStatus.FalseAlarm;

    /// <summary>Who works findings: the county office, townships and villages, each within their regions.</summary>
    public static bool CanWork(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer or Role.VillageCadre;

    /// <summary>A settled finding is reopened only by the county office.</summary>
    public static bool CanReopen(Role role) => role is Role.CountyAdmin;

    /// <summary>The statuses a finding may move to from <paramref name="from"/> for this role.</summary>
    public static IReadOnlyList<FindingStatus> Next(FindingStatus from, Role role) => from switch
    {
        _ when !CanWork(role) => [],
        FindingStatus.Open => [FindingStatus.Verifying, FindingStatus.Confirmed, FindingStatus.Explained, FindingStatus.FalseAlarm],
        FindingStatus.Verifying => [FindingStatus.Confirmed, FindingStatus.Explained, FindingStatus.FalseAlarm],
        _ when IsClosed(from) && CanReopen(role) => [FindingStatus.Verifying],
        _ => [],
    };
}

/// <summary>
/// A step on a finding. <see cref="Version"/> is the version the user saw. Null fields stay as they
/// are: <see cref="Status"/> the new status, <see cref="AssignedTo"/> the household's village or
/// its township, <see cref="Note"/> a note (required to settle a finding).
/// </summary>
public sealed record UpdateFindingRequest(long FindingId, long Version, FindingStatus? Status, string? AssignedTo, string? Note, string User, Role Role);

public sealed record FindingSaved(long Id, FindingStatus Status, string StatusLabel, string AssignedTo, long Version);

/// <summary>
/// Moves a finding on: status (待核实 → 核实中 → 属实/不属实/误报; a settled one reopened to 核实中 by
/// the county office), assignment, note. Each change is one <see cref="FindingEvent"/> and one
/// change record (entity Finding), saved with the finding in one transaction; a finding changed by
/// someone else since <see cref="UpdateFindingRequest.Version"/> is a conflict and nothing is saved.
/// A finding outside the user's scope does not exist for them.
/// </summary>
public sealed class UpdateFinding(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<FindingSaved>> HandleAsync(UpdateFindingRequest request, CancellationToken ct)
    {
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == request.FindingId, ct);
        if (finding is null) return Result.NotFound("未找到该疑点");
        if (!FindingWorkflow.CanWork(request.Role))
            return Result.Invalid([new FieldError(nameof(request.Status), "finding.not_allowed", "您的角色不能办理疑点")]);
        if (finding.Version != request.Version) return Result.Conflict(ConflictMessage);

        var errors = new List<FieldError>();
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > FindingWorkflow.MaxNote })
            errors.Add(new FieldError(nameof(request.Note), "finding.note_too_long", $"核实情况不能超过{FindingWorkflow.MaxNote}字"));

        var from = finding.Status;
        FindingStatus? to = request.Status is { } s && s != from ? s : null;
        if (to is { } target)
        {
            if (!Enum.IsDefined(target))
                errors.Add(new FieldError(nameof(request.Status), "status.invalid", "核实状态无效"));
            else if (FindingWorkflow.IsClosed(from) && target == FindingStatus.Verifying && !FindingWorkflow.CanReopen(request.Role))
                errors.Add(new FieldError(nameof(request.Status), "finding.reopen_admin_only", $"疑点已办结（{FindingWorkflow.Label(from)}），只有县级管理员可以重新打开"));
            else if (!FindingWorkflow.Next(from, request.Role).Contains(target))
                errors.Add(new FieldError(nameof(request.Status), "finding.transition", $"疑点不能从“{FindingWorkflow.Label(from)}”改为“{FindingWorkflow.Label(target)}”"));
            else if (FindingWorkflow.IsClosed(target) && note is null)
                errors.Add(new FieldError(nameof(request.Note), "finding.note_required", $"改为“{FindingWorkflow.Label(target)}”须填写核实情况"));
        }

        string? assign = null;
        if (!string.IsNullOrWhiteSpace(request.AssignedTo) && request.AssignedTo.Trim() != finding.AssignedTo)
        {
            assign = request.AssignedTo.Trim();
            if (assign != finding.VillageCode && assign != finding.VillageCode[..9])
                errors.Add(new FieldError(nameof(request.AssignedTo), "finding.assign_invalid", "疑点只能分派给该户所在的行政村或乡镇"));
        }
        if (errors.Count == 0 && to is null && assign is null && note is null)
            errors.Add(new FieldError(nameof(request.Status), "finding.unchanged", "没有要保存的修改：请选择新的状态、改派或填写核实情况"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var now = clock.GetUtcNow();
        var user = Clip(request.User, 64);
        var names = await db.Regions.AsNoTracking().IgnoreQueryFilters()
            .Where(r => r.Code == finding.AssignedTo || r.Code == assign)
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        string Name(string code) => names.GetValueOrDefault(code, code);

        void Log(string action, string field, string? oldValue, string? newValue, FindingStatus? eventFrom, FindingStatus? eventTo, string? eventNote)
        {
            db.FindingEvents.Add(new FindingEvent { FindingId = finding.Id, At = now, User = user, Action = action, From = eventFrom, To = eventTo, Note = eventNote });
            db.Changes.Add(new ChangeRecord
            {
                CountyCode = finding.CountyCode,
                At = now,
                User = user,
                Entity = nameof(Finding),
                EntityId = finding.Id,
                HouseholdId = finding.HouseholdId,
                Action = "修改",
                Field = field,
                OldValue = Clip(oldValue, 2000),
                NewValue = Clip(newValue, 2000),
                Reason = Clip(note is null ? $"核实疑点#{finding.Id}" : $"核实疑点#{finding.Id}：{note}", 500),
            });
        }

        if (to is { } next)
        {
            Log("状态变更", "核实状态", FindingWorkflow.Label(from), FindingWorkflow.Label(next), from, next, note);
            finding.Status = next;
        }
        if (assign is not null)
        {
            Log("分派", "分派给", Name(finding.AssignedTo), Name(assign), null, null, $"由{Name(finding.AssignedTo)}改派给{Name(assign)}");
            finding.AssignedTo = assign;
        }
        if (note is not null && to is null)
            Log("备注", "核实情况", finding.Note, note, null, null, note);
        if (note is not null) finding.Note = note;

        finding.UpdatedAt = now;
        db.Entry(finding).Property(f => f.Version).OriginalValue = request.Version;
        finding.Version = request.Version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
        return new FindingSaved(finding.Id, finding.Status, FindingWorkflow.Label(finding.Status), finding.AssignedTo, finding.Version);
    }

    public const string ConflictMessage = "该疑点已被他人办理，请刷新后重新操作";

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(s))]
    static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
