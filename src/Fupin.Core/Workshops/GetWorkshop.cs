using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

public sealed record WorkshopHeader(long Id, string Name, string VillageCode, string VillageName, WorkshopStatus Status, string StatusLabel,
    long? ProjectId, string? ProjectCode, string? ProjectName, string? Company, string? Contact, string? ContactPhone, string? Products,
    DateOnly? OpenedOn, int JobsPlanned, int WorkersTotal, long Version);

/// <summary>A poor worker as the workshop page lists them: name, household and village, no ID number.</summary>
public sealed record WorkerRow(long Id, long MemberId, string Name, long HouseholdId, string HouseholdNumber, string VillageName,
    DateOnly StartedOn, DateOnly? EndedOn, long MonthlyWageFen);

public sealed record WorkshopMonthRow(long Id, DateOnly Month, int Workers, int PoorWorkers, long WagesFen, long PoorWagesFen, long SubsidyFen, string? Note, string By);

/// <summary>
/// A workshop's operation as of <see cref="AsOf"/>: the poor workers working that day and those who left;
/// the monthly reports (newest first); wages paid to poor workers and subsidies received in the year so far.
/// </summary>
public sealed record WorkshopDetails(WorkshopHeader Workshop, DateOnly AsOf, IReadOnlyList<WorkerRow> PoorWorkers, IReadOnlyList<WorkerRow> FormerWorkers,
    IReadOnlyList<WorkshopMonthRow> Months, long PoorWagesThisYearFen, long WagesThisYearFen, long SubsidyThisYearFen, ProjectScheduleView? Schedule);

/// <summary>One workshop of the user's scope; the workers listed are those whose household the user may see.</summary>
public sealed class GetWorkshop(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<WorkshopDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var w = await db.Workshops.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return Result.NotFound("未找到该车间");
        var today = clock.Today();
        var project = w.ProjectId is { } pid
            ? await db.Projects.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.Code, p.Name }).SingleOrDefaultAsync(ct)
            : null;
        var workers = await db.WorkshopWorkers.AsNoTracking().Where(x => x.WorkshopId == id && x.StartedOn <= today)
            .Join(db.Members, x => x.MemberId, m => m.Id, (x, m) => new { x, m.Name })
            .Join(db.Households, a => a.x.HouseholdId, h => h.Id, (a, h) => new { a.x, a.Name, h.Number })
            .OrderBy(a => a.x.StartedOn).ThenBy(a => a.x.Id).ToListAsync(ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, workers.Select(a => a.x.VillageCode).Append(w.VillageCode), ct);
        var rows = workers.Select(a => new WorkerRow(a.x.Id, a.x.MemberId, a.Name, a.x.HouseholdId, a.Number, GetSettlementSite.PlaceName(names, a.x.VillageCode),
            a.x.StartedOn, a.x.EndedOn is { } e && e <= today ? e : null, a.x.MonthlyWageFen)).ToList();
        var months = await db.WorkshopMonths.AsNoTracking().Where(m => m.WorkshopId == id && m.Month <= today).OrderByDescending(m => m.Month)
            .Select(m => new WorkshopMonthRow(m.Id, m.Month, m.Workers, m.PoorWorkers, m.WagesFen, m.PoorWagesFen, m.SubsidyFen, m.Note, m.By)).ToListAsync(ct);
        var thisYear = months.Where(m => m.Month.Year == today.Year).ToList();
        ProjectScheduleView? schedule = null;
        if (project is not null && await new GetProjectSchedule(db, clock).HandleAsync(project.Id, ct) is { IsOk: true } sch) schedule = sch.Value;
        var header = new WorkshopHeader(w.Id, w.Name, w.VillageCode, GetSettlementSite.PlaceName(names, w.VillageCode), w.Status, ProjectLabels.Label(w.Status),
            project?.Id, project?.Code, project?.Name, w.Company, w.Contact, w.ContactPhone, w.Products, w.OpenedOn is { } o && o <= today ? o : null,
            w.JobsPlanned, w.WorkersTotal, w.Version);
        return new WorkshopDetails(header, today, [.. rows.Where(r => r.EndedOn is null)], [.. rows.Where(r => r.EndedOn is not null).OrderByDescending(r => r.EndedOn)],
            months, thisYear.Sum(m => m.PoorWagesFen), thisYear.Sum(m => m.WagesFen), thisYear.Sum(m => m.SubsidyFen), schedule);
    }
}
