using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <param name="Measures">整改措施 as finished; null keeps the ones written before.</param>
public sealed record SubmitRectificationRequest(long Id, long Version, string? Note, string? Measures, string User, Role Role);

/// <summary>
/// 提请验收: an item 整改中 with at least one evidence file goes to 待验收, recording who submitted it and when (the
/// submitter may not close it). A stale version is a conflict.
/// </summary>
public sealed class SubmitRectification(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationSaved>> HandleAsync(SubmitRectificationRequest request, CancellationToken ct)
    {
        var (item, failure) = await RectificationRules.LoadForChangeAsync(db, request.Id, request.Version, ct);
        if (failure is not null) return failure;
        var r = item!;
        if (!SupervisionRoles.CanWorkOnRectifications(request.Role)) return Result.Invalid([RectificationRules.NotAllowed(nameof(request.Note), "提请验收")]);
        if (!RectificationRules.CanSubmit(r.Status))
            return Result.Invalid([r.Status == RectificationStatus.Pending
                ? new FieldError(nameof(request.Note), RectificationRules.WrongStatusCode, "整改事项尚未开始整改，请先填报整改进展")
                : RectificationRules.WrongStatus(nameof(request.Note), r.Status, "提请验收")]);
        var errors = new List<FieldError>();
        if (!await db.RectificationEvidence.AnyAsync(e => e.RectificationId == r.Id, ct))
            errors.Add(new FieldError("File", RectificationRules.EvidenceRequiredCode, "提请验收前请至少上传一份佐证材料"));
        var note = RectificationRules.Text(request.Note);
        RectificationRules.MaxLength(errors, nameof(request.Note), note, RectificationRules.MaxNote, "说明");
        var measures = RectificationRules.Text(request.Measures);
        RectificationRules.MaxLength(errors, nameof(request.Measures), measures, RectificationRules.MaxMeasures, "整改措施");
        if (errors.Count > 0) return Result.Invalid(errors);

        db.RectificationEvents.Add(RectificationRules.Event(r, RectificationEventKind.Submitted, request.User, clock, note));
        r.Status = RectificationStatus.AwaitingReview;
        if (measures is not null) r.Measures = measures;
        r.SubmittedBy = RectificationRules.Clip(request.User, 64);
        r.SubmittedOn = clock.Today();
        r.Version++;
        await db.SaveChangesAsync(ct);
        return new RectificationSaved(r.Id, r.Number, r.Status, r.Version);
    }
}
