using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// The rectification flow: 待整改 → 整改中 (the first progress report) → 待验收 (submitted with at least one evidence
/// file) → 已销号 (closed by a reviewer who is neither the owner account nor the submitter); a reviewer may return
/// 待验收 → 整改中 with a reason. Who works on an item (progress, evidence, submit): <see cref="SupervisionRoles.CanWorkOnRectifications"/>
/// in the item's region (the query filter hides the rest); who registers, assigns and reviews:
/// <see cref="SupervisionRoles.CanManageRectifications"/>. Every step writes a history line and bumps the version.
/// </summary>
public static class RectificationRules
{
    public const string WrongStatusCode = "rectification.wrong_status";
    public const string EvidenceRequiredCode = "rectification.evidence_required";
    public const string OwnItemCode = "rectification.own_item";
    public const string FindingTakenCode = "rectification.finding_taken";
    public const string NoteRequiredCode = "rectification.note_required";
    public const string ReasonRequiredCode = "rectification.reason_required";
    public const string TextTooLongCode = "rectification.text_too_long";

    public const string ConflictMessage = "该整改事项已被他人更新，请刷新后重新操作";
    public const string NotFoundMessage = "未找到该整改事项";

    /// <summary>What the evidence of an item usually is, when the form leaves it to the default.</summary>
    public const string DefaultRequiredEvidence = "整改前后对比照片及相关佐证材料";

    public const int MaxNote = 1000;
    public const int MaxMeasures = 2000;

    public static FieldError NotAllowed(string field, string what) => new(field, SupervisionRoles.NotAllowedCode, $"您的角色不能{what}");

    public static FieldError WrongStatus(string field, RectificationStatus status, string what) =>
        new(field, WrongStatusCode, $"整改事项当前为“{SupervisionLabels.Label(status)}”，不能{what}");

    /// <summary>Progress reports and evidence while the item is being worked on (待整改, 整改中).</summary>
    public static bool CanReport(RectificationStatus s) => s is RectificationStatus.Pending or RectificationStatus.InProgress;

    /// <summary>Submitting for review from 整改中 only (the work has started with a progress report).</summary>
    public static bool CanSubmit(RectificationStatus s) => s == RectificationStatus.InProgress;

    public static bool CanReview(RectificationStatus s) => s == RectificationStatus.AwaitingReview;

    /// <summary>Owners, deadlines and requirements change until the item is closed.</summary>
    public static bool CanUpdate(RectificationStatus s) => s != RectificationStatus.Closed;

    /// <summary>The reviewer is the item's owner account or the user who submitted it.</summary>
    public static bool IsOwn(Rectification item, long? reviewerId, string reviewer) =>
        (reviewerId is { } id && item.OwnerUserId == id) || (item.SubmittedBy is { } s && string.Equals(s, reviewer, StringComparison.Ordinal));

    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>A text longer than <paramref name="max"/> adds an error.</summary>
    public static void MaxLength(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max) errors.Add(new FieldError(field, TextTooLongCode, $"{label}不能超过{max}字"));
    }

    /// <summary>The next history line of <paramref name="item"/>, stamped now.</summary>
    public static RectificationEvent Event(Rectification item, RectificationEventKind kind, string by, TimeProvider clock, string? note) => new()
    {
        RectificationId = item.Id,
        Kind = kind,
        On = clock.Today(),
        By = Clip(by, 64),
        At = clock.GetUtcNow(),
        Note = note is null ? null : Clip(note, MaxNote),
    };

    /// <summary>The item for a change: null when it is not there for the user; a stale version is a conflict.</summary>
    public static async Task<(Rectification? Item, Failure? Failure)> LoadForChangeAsync(AppDbContext db, long id, long? version, CancellationToken ct)
    {
        var item = await db.Rectifications.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (item is null) return (null, Result.NotFound(NotFoundMessage));
        if (version is { } v && v != item.Version) return (null, Result.Conflict(ConflictMessage));
        return (item, null);
    }

    /// <summary>
    /// An owner account must be active, able to work on rectification items and have the item's region in its regions.
    /// </summary>
    public static async Task<FieldError?> CheckOwnerAsync(AppDbContext db, string field, long? ownerId, string regionCode, CancellationToken ct)
    {
        if (ownerId is not { } id) return null;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.Role, u.IsActive, Regions = u.Regions.Select(r => r.RegionCode).ToList() }).SingleOrDefaultAsync(ct);
        if (user is null || !user.IsActive) return new FieldError(field, "rectification.owner_unknown", "未找到该责任人账户");
        if (!SupervisionRoles.CanWorkOnRectifications(user.Role))
            return new FieldError(field, "rectification.owner_role", $"责任人账户的角色（{Roles.Label(user.Role)}）不能办理整改事项");
        if (!user.Regions.Any(r => regionCode.StartsWith(r, StringComparison.Ordinal)))
            return new FieldError(field, "rectification.owner_region", "责任人账户的管辖范围不包括该整改事项所在地区");
        return null;
    }

    /// <summary>A failure of the conflict kind that carries its own code (one open item per finding).</summary>
    public static Failure ConflictWith(string field, string code, string message) => new(FailureKind.Conflict, message, [new FieldError(field, code, message)]);
}
