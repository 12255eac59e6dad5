using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record RectificationEventRow(long Id, RectificationEventKind Kind, string KindLabel, DateOnly On, string By, DateTimeOffset At, string? Note);

public sealed record RectificationEvidenceRow(long Id, string FileName, string ContentType, int Size, string? Note, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// One item as its page shows it. <see cref="Level"/> is the escalation it stands at today (computed, so right before the
/// daily run has recorded it); <see cref="DaysLeft"/> counts to the deadline (negative when overdue).
/// </summary>
public sealed record RectificationDetails
{
    public long Id { get; init; }
    public required string Number { get; init; }
    public RectificationSource Source { get; init; }
    public required string SourceLabel { get; init; }
    public string? SourceDocument { get; init; }
    public required string RegionCode { get; init; }
    public required string PlaceName { get; init; }
    public required string TownshipName { get; init; }
    public required string VillageName { get; init; }
    public long? HouseholdId { get; init; }
    public string? HouseholdNumber { get; init; }
    public long? FindingId { get; init; }
    public long? VisitId { get; init; }
    public string? QuestionCode { get; init; }
    public required string Problem { get; init; }
    public string? Requirement { get; init; }
    public required string ResponsibleUnit { get; init; }
    public string? ResponsiblePerson { get; init; }
    public long? OwnerUserId { get; init; }
    public string? OwnerName { get; init; }
    public DateOnly FoundOn { get; init; }
    public DateOnly Deadline { get; init; }
    public int DaysLeft { get; init; }
    public int DaysOverdue { get; init; }
    public bool Overdue { get; init; }
    public required string RequiredEvidence { get; init; }
    public string? Measures { get; init; }
    public RectificationStatus Status { get; init; }
    public required string StatusLabel { get; init; }
    public EscalationLevel Level { get; init; }
    public required string LevelLabel { get; init; }
    public EscalationLevel RecordedLevel { get; init; }
    public DateOnly? EscalatedOn { get; init; }
    public string? EscalatedTo { get; init; }
    public string? EscalatedToName { get; init; }
    public required string CreatedBy { get; init; }
    public string? SubmittedBy { get; init; }
    public DateOnly? SubmittedOn { get; init; }
    public string? ClosedBy { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public DateOnly AsOf { get; init; }
    public long Version { get; init; }
    public required IReadOnlyList<RectificationEventRow> Events { get; init; }
    public required IReadOnlyList<RectificationEvidenceRow> Evidence { get; init; }
}

/// <summary>An item of the user's scope with its history (oldest first) and evidence files; one outside it is not found.</summary>
public sealed class GetRectification(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<RectificationDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var r = await db.Rectifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Result.NotFound(RectificationRules.NotFoundMessage);
        var today = clock.Today();
        var names = await RectificationPlaces.NamesAsync(db, r.EscalatedTo is { } to ? [r.RegionCode, to] : [r.RegionCode], ct);
        var household = r.HouseholdId is { } hid
            ? await db.Households.AsNoTracking().IgnoreQueryFilters().Where(h => h.Id == hid).Select(h => h.Number).SingleOrDefaultAsync(ct)
            : null;
        var owner = r.OwnerUserId is { } oid
            ? await db.Users.AsNoTracking().Where(u => u.Id == oid).Select(u => u.DisplayName + "（" + u.UserName + "）").SingleOrDefaultAsync(ct)
            : null;
        var events = await db.RectificationEvents.AsNoTracking().Where(e => e.RectificationId == id).OrderBy(e => e.On).ThenBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Kind, e.On, e.By, e.At, e.Note }).ToListAsync(ct);
        var files = await db.RectificationEvidence.AsNoTracking().Where(e => e.RectificationId == id).OrderBy(e => e.Id)
            .Select(e => new RectificationEvidenceRow(e.Id, e.FileName, e.ContentType, e.Size, e.Note, e.UploadedBy, e.UploadedAt)).ToListAsync(ct);
        var level = Escalation.Effective(r.Deadline, r.Status, r.Escalation, today);
        return new RectificationDetails
        {
            Id = r.Id, Number = r.Number, Source = r.Source, SourceLabel = SupervisionLabels.Label(r.Source), SourceDocument = r.SourceDocument,
            RegionCode = r.RegionCode, PlaceName = RectificationPlaces.Full(names, r.RegionCode),
            TownshipName = RectificationPlaces.Township(names, r.RegionCode), VillageName = RectificationPlaces.Village(names, r.RegionCode),
            HouseholdId = r.HouseholdId, HouseholdNumber = household, FindingId = r.FindingId, VisitId = r.VisitId, QuestionCode = r.QuestionCode,
            Problem = r.Problem, Requirement = r.Requirement, ResponsibleUnit = r.ResponsibleUnit, ResponsiblePerson = r.ResponsiblePerson,
            OwnerUserId = r.OwnerUserId, OwnerName = owner, FoundOn = r.FoundOn, Deadline = r.Deadline,
            DaysLeft = r.Deadline.DayNumber - today.DayNumber,
            DaysOverdue = Escalation.DaysOverdue(r.Deadline, r.Status, r.ClosedOn, today),
            Overdue = Escalation.IsOverdue(r.Deadline, r.Status, today),
            RequiredEvidence = r.RequiredEvidence, Measures = r.Measures, Status = r.Status, StatusLabel = SupervisionLabels.Label(r.Status),
            Level = level, LevelLabel = SupervisionLabels.Label(level), RecordedLevel = r.Escalation, EscalatedOn = r.EscalatedOn,
            EscalatedTo = r.EscalatedTo, EscalatedToName = r.EscalatedTo is { } t ? names.GetValueOrDefault(t, t) : null,
            CreatedBy = r.CreatedBy, SubmittedBy = r.SubmittedBy, SubmittedOn = r.SubmittedOn, ClosedBy = r.ClosedBy, ClosedOn = r.ClosedOn,
            AsOf = today, Version = r.Version,
            Events = [.. events.Select(e => new RectificationEventRow(e.Id, e.Kind, SupervisionLabels.Label(e.Kind), e.On, e.By, e.At, e.Note))],
            Evidence = files,
        };
    }
}
