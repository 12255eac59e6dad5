using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// Assigning an item (责任单位, 责任人, the owner account) and changing its requirement, evidence required or deadline.
/// A field left null keeps its value; <see cref="ClearOwner"/> removes the owner account. A new deadline needs
/// <see cref="DeadlineReason"/>.
/// </summary>
public sealed record UpdateRectificationRequest
{
    public long Id { get; init; }
    public long Version { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? ResponsiblePerson { get; init; }
    public long? OwnerUserId { get; init; }
    public bool ClearOwner { get; init; }
    public string? Requirement { get; init; }
    public string? RequiredEvidence { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? DeadlineReason { get; init; }
    public required string User { get; init; }
    public Role Role { get; init; }
}

/// <summary>
/// The county office assigns an item or moves its deadline until it is closed. An assignment writes an 交办 line, a
/// new deadline a 调整时限 line with the reason; an escalation already recorded stays (a later deadline does not undo
/// a 督办). A stale version is a conflict; nothing changed writes nothing.
/// </summary>
public sealed class UpdateRectification(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationSaved>> HandleAsync(UpdateRectificationRequest request, CancellationToken ct)
    {
        var (item, failure) = await RectificationRules.LoadForChangeAsync(db, request.Id, request.Version, ct);
        if (failure is not null) return failure;
        var r = item!;
        if (!SupervisionRoles.CanManageRectifications(request.Role))
            return Result.Invalid([RectificationRules.NotAllowed(nameof(request.ResponsibleUnit), "交办整改事项或调整整改时限")]);
        if (!RectificationRules.CanUpdate(r.Status))
            return Result.Invalid([RectificationRules.WrongStatus(nameof(request.ResponsibleUnit), r.Status, "再交办或调整时限")]);

        var errors = new List<FieldError>();
        var unit = request.ResponsibleUnit is null ? r.ResponsibleUnit : RectificationRules.Text(request.ResponsibleUnit);
        if (unit is null) errors.Add(new FieldError(nameof(request.ResponsibleUnit), "rectification.unit_required", "请填写责任单位"));
        RectificationRules.MaxLength(errors, nameof(request.ResponsibleUnit), unit, 100, "责任单位");
        var person = request.ResponsiblePerson is null ? r.ResponsiblePerson : RectificationRules.Text(request.ResponsiblePerson);
        RectificationRules.MaxLength(errors, nameof(request.ResponsiblePerson), person, 40, "责任人");
        var requirement = request.Requirement is null ? r.Requirement : RectificationRules.Text(request.Requirement);
        RectificationRules.MaxLength(errors, nameof(request.Requirement), requirement, 1000, "整改要求");
        var evidence = request.RequiredEvidence is null ? r.RequiredEvidence : RectificationRules.Text(request.RequiredEvidence) ?? RectificationRules.DefaultRequiredEvidence;
        RectificationRules.MaxLength(errors, nameof(request.RequiredEvidence), evidence, 500, "佐证材料要求");
        var owner = request.ClearOwner ? null : request.OwnerUserId ?? r.OwnerUserId;
        if (owner != r.OwnerUserId && await RectificationRules.CheckOwnerAsync(db, nameof(request.OwnerUserId), owner, r.RegionCode, ct) is { } ownerError)
            errors.Add(ownerError);
        var deadline = request.Deadline ?? r.Deadline;
        var reason = RectificationRules.Text(request.DeadlineReason);
        if (deadline != r.Deadline)
        {
            if (deadline < r.FoundOn) errors.Add(new FieldError(nameof(request.Deadline), "rectification.deadline_before_found", "整改时限不能早于发现日期"));
            if (reason is null) errors.Add(new FieldError(nameof(request.DeadlineReason), "rectification.deadline_reason_required", "调整整改时限须说明原因"));
            RectificationRules.MaxLength(errors, nameof(request.DeadlineReason), reason, 500, "调整原因");
        }
        if (errors.Count > 0) return Result.Invalid(errors);

        var assigned = !string.Equals(unit, r.ResponsibleUnit, StringComparison.Ordinal) || !string.Equals(person, r.ResponsiblePerson, StringComparison.Ordinal)
            || owner != r.OwnerUserId;
        var other = !string.Equals(requirement, r.Requirement, StringComparison.Ordinal) || !string.Equals(evidence, r.RequiredEvidence, StringComparison.Ordinal);
        var moved = deadline != r.Deadline;
        if (!assigned && !other && !moved) return new RectificationSaved(r.Id, r.Number, r.Status, r.Version);

        if (assigned || other)
        {
            var parts = new List<string>();
            if (assigned)
            {
                parts.Add("责任单位：" + unit);
                parts.Add("责任人：" + (person ?? "未指定"));
                if (owner != r.OwnerUserId)
                {
                    var name = owner is { } o
                        ? await db.Users.AsNoTracking().Where(u => u.Id == o).Select(u => u.DisplayName + "（" + u.UserName + "）").FirstOrDefaultAsync(ct)
                        : null;
                    parts.Add("责任人账户：" + (name ?? "无"));
                }
            }
            if (!string.Equals(requirement, r.Requirement, StringComparison.Ordinal)) parts.Add("修改整改要求");
            if (!string.Equals(evidence, r.RequiredEvidence, StringComparison.Ordinal)) parts.Add("修改佐证材料要求");
            db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.Assigned, request.User, clock, string.Join("；", parts)));
        }
        if (moved)
        {
            var inv = CultureInfo.InvariantCulture;
            db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.DeadlineChanged, request.User, clock,
                $"整改时限由 {r.Deadline.ToString("yyyy-MM-dd", inv)} 调整为 {deadline.ToString("yyyy-MM-dd", inv)}：{reason}"));
        }
        r.ResponsibleUnit = unit!;
        r.ResponsiblePerson = person;
        r.OwnerUserId = owner;
        r.Requirement = requirement;
        r.RequiredEvidence = evidence;
        r.Deadline = deadline;
        r.Version++;
        await db.SaveChangesAsync(ct);
        return new RectificationSaved(r.Id, r.Number, r.Status, r.Version);
    }
}
