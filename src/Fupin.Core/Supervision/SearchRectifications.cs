using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>
/// Filters combine with AND. <see cref="Region"/> is a county, township or village code (the items there and below);
/// <see cref="Text"/> matches the number, the problem or the responsible unit; <see cref="OverdueOnly"/> keeps the items
/// past their deadline and not closed, <see cref="EscalatedOnly"/> those at 督办 or 催办 today.
/// </summary>
public sealed record SearchRectificationsRequest
{
    public string? Region { get; init; }
    public RectificationStatus? Status { get; init; }
    public RectificationSource? Source { get; init; }
    public bool OverdueOnly { get; init; }

    /// <summary>Only the items not closed (待整改, 整改中, 待验收): the board's 未销号.</summary>
    public bool OpenOnly { get; init; }
    public bool EscalatedOnly { get; init; }
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchRectifications.DefaultPageSize;

    /// <summary>Every row on one page (the export).</summary>
    public bool AllRows { get; init; }
}

/// <summary>A line of the ledger (整改台账).</summary>
public sealed record RectificationRow(
    long Id, string Number, RectificationSource Source, string SourceLabel, string? SourceDocument, string RegionCode, string TownshipName,
    string VillageName, string Problem, string? Requirement, string ResponsibleUnit, string? ResponsiblePerson, DateOnly FoundOn, DateOnly Deadline,
    RectificationStatus Status, string StatusLabel, EscalationLevel Level, string LevelLabel, EscalationLevel RecordedLevel, DateOnly? EscalatedOn,
    string? EscalatedToName, int DaysOverdue, int DaysLeft, bool Overdue, string? Measures, DateOnly? SubmittedOn, DateOnly? ClosedOn, string? ClosedBy);

public sealed record RectificationStatusCount(RectificationStatus Status, string Label, int Count);

/// <summary>The region's items (other filters ignored): by status, overdue (not closed, past the deadline), 督办 and 催办 today.</summary>
public sealed record RectificationCounts(int Total, IReadOnlyList<RectificationStatusCount> ByStatus, int Overdue, int Supervised, int Urged);

public sealed record RectificationPage(DateOnly AsOf, IReadOnlyList<RectificationRow> Rows, int Total, int Page, int PageSize, RectificationCounts Counts)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// The ledger of the user's scope (the query filter hides the rest): 催办 first, then 督办, then the other items still being
/// worked on by deadline, then those waiting for review and closed; counted and paged.
/// </summary>
public sealed class SearchRectifications(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public async Task<Result<RectificationPage>> HandleAsync(SearchRectificationsRequest request, CancellationToken ct)
    {
        var query = db.Rectifications.AsNoTracking();
        var region = request.Region?.Trim();
        if (!string.IsNullOrEmpty(region))
        {
            if (!region.All(char.IsAsciiDigit) || region.Length is not (6 or 9 or 12))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.unknown", "区域代码无效")]);
#pragma warning disable CA1310 // EF translates StartsWith to SQL
            query = query.InCounty(Distribution.CountyOf(region)).Where(r => r.RegionCode.StartsWith(region));
#pragma warning restore CA1310
        }
        var today = clock.Today();
        var all = await query.Select(r => new
        {
            r.Id, r.Number, r.Source, r.SourceDocument, r.RegionCode, r.Problem, r.Requirement, r.ResponsibleUnit, r.ResponsiblePerson, r.FoundOn, r.Deadline,
            r.Status, r.Escalation, r.EscalatedOn, r.EscalatedTo, r.Measures, r.SubmittedOn, r.ClosedOn, r.ClosedBy,
        }).ToListAsync(ct);
        var names = await RectificationPlaces.NamesAsync(db, all.Select(r => r.RegionCode).Concat(all.Where(r => r.EscalatedTo != null).Select(r => r.EscalatedTo!)), ct);
        var rows = all.Select(r =>
        {
            var level = Escalation.Effective(r.Deadline, r.Status, r.Escalation, today);
            return new RectificationRow(r.Id, r.Number, r.Source, SupervisionLabels.Label(r.Source), r.SourceDocument, r.RegionCode,
                RectificationPlaces.Township(names, r.RegionCode), RectificationPlaces.Village(names, r.RegionCode), r.Problem, r.Requirement,
                r.ResponsibleUnit, r.ResponsiblePerson, r.FoundOn, r.Deadline, r.Status, SupervisionLabels.Label(r.Status), level, SupervisionLabels.Label(level),
                r.Escalation, r.EscalatedOn, r.EscalatedTo is { } t ? names.GetValueOrDefault(t, t) : null,
                Escalation.DaysOverdue(r.Deadline, r.Status, r.ClosedOn, today), r.Deadline.DayNumber - today.DayNumber,
                Escalation.IsOverdue(r.Deadline, r.Status, today), r.Measures, r.SubmittedOn, r.ClosedOn, r.ClosedBy);
        }).ToList();

        var counts = new RectificationCounts(rows.Count,
            [.. Enum.GetValues<RectificationStatus>().Select(s => new RectificationStatusCount(s, SupervisionLabels.Label(s), rows.Count(r => r.Status == s)))],
            rows.Count(r => r.Overdue), rows.Count(r => r.Level == EscalationLevel.Supervised), rows.Count(r => r.Level == EscalationLevel.Urged));

        IEnumerable<RectificationRow> list = rows;
        if (request.Status is { } status) list = list.Where(r => r.Status == status);
        if (request.Source is { } source) list = list.Where(r => r.Source == source);
        if (request.OverdueOnly) list = list.Where(r => r.Overdue);
        if (request.OpenOnly) list = list.Where(r => r.Status != RectificationStatus.Closed);
        if (request.EscalatedOnly) list = list.Where(r => r.Level != EscalationLevel.None);
        if (RectificationRules.Text(request.Text) is { } text)
            list = list.Where(r => r.Number.Contains(text, StringComparison.OrdinalIgnoreCase) || r.Problem.Contains(text, StringComparison.Ordinal)
                || r.ResponsibleUnit.Contains(text, StringComparison.Ordinal));
        var ordered = list
            .OrderByDescending(r => r.Level)
            .ThenBy(r => Rank(r.Status))
            .ThenByDescending(r => r.Overdue ? r.DaysOverdue : 0)
            .ThenBy(r => r.Status == RectificationStatus.Closed ? DateOnly.MaxValue.DayNumber - (r.ClosedOn ?? r.Deadline).DayNumber : r.Deadline.DayNumber)
            .ThenBy(r => r.Number, StringComparer.Ordinal)
            .ToList();
        var size = request.AllRows ? Math.Max(1, ordered.Count) : Math.Clamp(request.PageSize, 1, MaxPageSize);
        var pageCount = ordered.Count == 0 ? 1 : (ordered.Count + size - 1) / size;
        var page = Math.Clamp(request.Page, 1, pageCount);
        return new RectificationPage(today, [.. ordered.Skip((page - 1) * size).Take(size)], ordered.Count, page, size, counts);
    }

    /// <summary>Items still being worked on come before those waiting for review, closed ones last.</summary>
    static int Rank(RectificationStatus s) => s switch
    {
        RectificationStatus.InProgress or RectificationStatus.Pending => 0,
        RectificationStatus.AwaitingReview => 1,
        _ => 2,
    };
}
