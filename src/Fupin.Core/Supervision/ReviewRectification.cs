using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public enum ReviewDecision
{
    /// <summary>验收通过，销号.</summary>
    Close = 1,

    /// <summary>退回整改.</summary>
    Return = 2,
}

/// <param name="UserId">The reviewer's account (compared with the item's owner account).</param>
/// <param name="Note">The review's opinion; required to return.</param>
public sealed record ReviewRectificationRequest(long Id, long Version, ReviewDecision Decision, string? Note, string User, long? UserId, Role Role);

/// <summary>
/// 验收 of an item 待验收: close it (销号; it needs evidence and a reviewer who is neither its owner account nor the user
/// who submitted it) or return it to 整改中 with a reason. A stale version is a conflict.
/// </summary>
public sealed class ReviewRectification(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationSaved>> HandleAsync(ReviewRectificationRequest request, CancellationToken ct)
    {
        var (item, failure) = await RectificationRules.LoadForChangeAsync(db, request.Id, request.Version, ct);
        if (failure is not null) return failure;
        var r = item!;
        if (!SupervisionRoles.CanManageRectifications(request.Role)) return Result.Invalid([RectificationRules.NotAllowed(nameof(request.Decision), "验收整改事项")]);
        if (!Enum.IsDefined(request.Decision))
            return Result.Invalid([new FieldError(nameof(request.Decision), "rectification.decision_invalid", "请选择验收结论（销号或退回）")]);
        if (!RectificationRules.CanReview(r.Status))
            return Result.Invalid([RectificationRules.WrongStatus(nameof(request.Decision), r.Status, request.Decision == ReviewDecision.Close ? "销号" : "退回")]);
        var errors = new List<FieldError>();
        var note = RectificationRules.Text(request.Note);
        RectificationRules.MaxLength(errors, nameof(request.Note), note, RectificationRules.MaxNote, "验收意见");
        if (request.Decision == ReviewDecision.Close)
        {
            if (RectificationRules.IsOwn(r, request.UserId, request.User))
                errors.Add(new FieldError(nameof(request.Decision), RectificationRules.OwnItemCode, "不能验收销号本人负责或本人提请验收的整改事项，请由其他人员验收"));
            if (!await db.RectificationEvidence.AnyAsync(e => e.RectificationId == r.Id, ct))
                errors.Add(new FieldError(nameof(request.Decision), RectificationRules.EvidenceRequiredCode, "没有佐证材料，不能销号"));
        }
        else if (note is null) errors.Add(new FieldError(nameof(request.Note), RectificationRules.ReasonRequiredCode, "退回须说明原因"));
        if (errors.Count > 0) return Result.Invalid(errors);

        if (request.Decision == ReviewDecision.Close)
        {
            db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.Closed, request.User, clock, note ?? "验收通过，予以销号"));
            r.Status = RectificationStatus.Closed;
            r.ClosedBy = RectificationRules.Clip(request.User, 64);
            r.ClosedOn = clock.Today();
        }
        else
        {
            db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.Returned, request.User, clock, note));
            r.Status = RectificationStatus.InProgress;
            r.SubmittedBy = null;
            r.SubmittedOn = null;
        }
        r.Version++;
        await db.SaveChangesAsync(ct);
        return new RectificationSaved(r.Id, r.Number, r.Status, r.Version);
    }
}
