using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;

namespace Fupin.Supervision;

/// <param name="Measures">整改措施 as they stand now; null keeps the ones written before.</param>
public sealed record ReportRectificationProgressRequest(long Id, long Version, string? Note, string? Measures, string User, Role Role);

/// <summary>
/// A progress report (进展) on an item being worked on: the note is required; the first one starts the work
/// (待整改 → 整改中, history line 开始整改). A stale version is a conflict.
/// </summary>
public sealed class ReportRectificationProgress(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationSaved>> HandleAsync(ReportRectificationProgressRequest request, CancellationToken ct)
    {
        var (item, failure) = await RectificationRules.LoadForChangeAsync(db, request.Id, request.Version, ct);
        if (failure is not null) return failure;
        var r = item!;
        if (!SupervisionRoles.CanWorkOnRectifications(request.Role))
            return Result.Invalid([RectificationRules.NotAllowed(nameof(request.Note), "填报整改进展")]);
        if (!RectificationRules.CanReport(r.Status)) return Result.Invalid([RectificationRules.WrongStatus(nameof(request.Note), r.Status, "填报进展")]);
        var errors = new List<FieldError>();
        var note = RectificationRules.Text(request.Note);
        if (note is null) errors.Add(new FieldError(nameof(request.Note), RectificationRules.NoteRequiredCode, "请填写整改进展"));
        RectificationRules.MaxLength(errors, nameof(request.Note), note, RectificationRules.MaxNote, "整改进展");
        var measures = RectificationRules.Text(request.Measures);
        RectificationRules.MaxLength(errors, nameof(request.Measures), measures, RectificationRules.MaxMeasures, "整改措施");
        if (errors.Count > 0) return Result.Invalid(errors);

        var kind = r.Status == RectificationStatus.Pending ? RectificationEventKind.Started : RectificationEventKind.Progress;
        db.RectificationEvents.Add(RectificationRules.Event(r, kind, request.User, clock, note));
        r.Status = RectificationStatus.InProgress;
        if (measures is not null) r.Measures = measures;
        r.Version++;
        await db.SaveChangesAsync(ct);
        return new RectificationSaved(r.Id, r.Number, r.Status, r.Version);
    }
}
