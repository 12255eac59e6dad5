using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

public sealed record EscalationRun(DateOnly On, int Supervised, int Urged, IReadOnlyList<long> Escalated);

/// <summary>
/// The daily escalation (督办、催办), run under the system scope with today from the clock: every item still being
/// worked on whose <see cref="Escalation.LevelOn"/> is above what is recorded gets the new level, the day, where it went
/// (督办 the county office, 催办 the parent of its region) and one history line per level reached with the days overdue.
/// Running it again the same day changes nothing. All items of a run are saved together.
/// </summary>
public sealed class EscalateRectifications(AppDbContext db, TimeProvider clock)
{
    public const string By = "系统";

    public async Task<EscalationRun> HandleAsync(CancellationToken ct)
    {
        var today = clock.Today();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunAsync(today, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // A user saved one of the items meanwhile: start again from what is stored now.
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task<EscalationRun> RunAsync(DateOnly today, CancellationToken ct)
    {
        var items = await db.Rectifications
            .Where(r => (r.Status == RectificationStatus.Pending || r.Status == RectificationStatus.InProgress)
                && r.Deadline < today && r.Escalation != EscalationLevel.Urged)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var due = items.Where(r => Escalation.LevelOn(r.Deadline, r.Status, today) > r.Escalation).ToList();
        if (due.Count == 0) return new EscalationRun(today, 0, 0, []);
        var names = await RectificationPlaces.NamesAsync(db, due.Select(r => r.RegionCode), ct);
        var inv = CultureInfo.InvariantCulture;
        int supervised = 0, urged = 0;
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var r in due)
        {
            var days = (today.DayNumber - r.Deadline.DayNumber).ToString(inv);
            var level = Escalation.LevelOn(r.Deadline, r.Status, today);
            var county = names.GetValueOrDefault(r.CountyCode, r.CountyCode);
            if (r.Escalation < EscalationLevel.Supervised)
            {
                db.RectificationEvents.Add(new RectificationEvent
                {
                    RectificationId = r.Id, Kind = RectificationEventKind.Supervised, On = today, By = By, At = now,
                    Note = $"超过整改时限 {days} 天未完成，列入{county}督办",
                });
                r.EscalatedTo = r.CountyCode;
                if (level == EscalationLevel.Supervised) supervised++;
            }
            if (level == EscalationLevel.Urged)
            {
                var parent = Escalation.ParentRegion(r.RegionCode);
                var to = parent.Length == 6 ? names.GetValueOrDefault(parent, parent) : RectificationPlaces.Full(names, parent);
                db.RectificationEvents.Add(new RectificationEvent
                {
                    RectificationId = r.Id, Kind = RectificationEventKind.Urged, On = today, By = By, At = now,
                    Note = $"超过整改时限 {days} 天仍未完成，催办至{to}",
                });
                r.EscalatedTo = parent;
                urged++;
            }
            r.Escalation = level;
            r.EscalatedOn = today;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new EscalationRun(today, supervised, urged, [.. due.Select(r => r.Id)]);
    }
}
