using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Workshops;

/// <summary><see cref="Region"/> is a county, township or village code.</summary>
public sealed record SearchWorkshopsRequest(string? Region = null, WorkshopStatus? Status = null);

public sealed record WorkshopRow(long Id, string Name, string VillageCode, string VillageName, WorkshopStatus Status, string StatusLabel,
    string? Company, string? Products, DateOnly? OpenedOn, int JobsPlanned, int WorkersTotal, int PoorWorkers,
    long? ProjectId, string? ProjectName, int? ProjectPercent, string? ProjectStatusLabel);

/// <summary>扶贫就业车间 headline: built (all not 在建), operating, jobs planned, workers and poor workers employed today.</summary>
public sealed record WorkshopTotals(int Workshops, int Building, int Operating, int Suspended, int JobsPlanned, int WorkersTotal, int PoorWorkers);

public sealed record WorkshopList(DateOnly AsOf, IReadOnlyList<WorkshopRow> Rows, WorkshopTotals Totals);

/// <summary>The workshops of the user's scope with the poor workers working there today (those the user may see).</summary>
public sealed class SearchWorkshops(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<WorkshopList>> HandleAsync(SearchWorkshopsRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var query = db.Workshops.AsNoTracking();
        var region = request.Region?.Trim();
        var county = Distribution.CountyOf(region);
        if (!string.IsNullOrEmpty(region))
        {
            if (!region.All(char.IsAsciiDigit) || region.Length is not (6 or 9 or 12))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.unknown", "区域代码无效")]);
#pragma warning disable CA1310 // EF translates StartsWith to SQL
            query = query.InCounty(county).Where(w => w.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        }
        var all = await query.OrderBy(w => w.VillageCode).ThenBy(w => w.Name).ToListAsync(ct);
        var list = request.Status is { } st ? all.Where(w => w.Status == st).ToList() : all;
        var ids = list.Select(w => w.Id).ToList();
        var poor = await PoorWorkersOnAsync(db, county, ids, today, ct);
        var projectIds = list.Where(w => w.ProjectId is not null).Select(w => w.ProjectId!.Value).ToList();
        var projects = await db.Projects.AsNoTracking().InCounty(county).Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Name, p.Percent, p.Status }, ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, list.Select(w => w.VillageCode), ct);
        var rows = list.Select(w =>
        {
            var p = w.ProjectId is { } pid ? projects.GetValueOrDefault(pid) : null;
            return new WorkshopRow(w.Id, w.Name, w.VillageCode, GetSettlementSite.PlaceName(names, w.VillageCode), w.Status, ProjectLabels.Label(w.Status),
                w.Company, w.Products, w.OpenedOn, w.JobsPlanned, w.WorkersTotal, poor.GetValueOrDefault(w.Id),
                p is null ? null : w.ProjectId, p?.Name, p?.Percent, p is null ? null : ProjectLabels.Label(p.Status));
        }).ToList();
        var totals = new WorkshopTotals(rows.Count, rows.Count(r => r.Status == WorkshopStatus.Building), rows.Count(r => r.Status == WorkshopStatus.Operating),
            rows.Count(r => r.Status == WorkshopStatus.Suspended), rows.Sum(r => r.JobsPlanned), rows.Sum(r => r.WorkersTotal), rows.Sum(r => r.PoorWorkers));
        return new WorkshopList(today, rows, totals);
    }

    /// <summary>Poor workers (distinct members) working at each workshop on <paramref name="asOf"/>.</summary>
    public static Task<Dictionary<long, int>> PoorWorkersOnAsync(AppDbContext db, IReadOnlyList<long> workshopIds, DateOnly asOf, CancellationToken ct) =>
        PoorWorkersOnAsync(db, null, workshopIds, asOf, ct);

    /// <summary>The same, reading only the workshops' county when it is known (one node on Citus).</summary>
    public static async Task<Dictionary<long, int>> PoorWorkersOnAsync(AppDbContext db, string? county, IReadOnlyList<long> workshopIds, DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.WorkshopWorkers.AsNoTracking().InCounty(county)
            .Where(w => workshopIds.Contains(w.WorkshopId) && w.StartedOn <= asOf && (w.EndedOn == null || w.EndedOn > asOf))
            .Select(w => new { w.WorkshopId, w.MemberId }).ToListAsync(ct);
        return rows.GroupBy(r => r.WorkshopId).ToDictionary(g => g.Key, g => g.Select(r => r.MemberId).Distinct().Count());
    }
}
