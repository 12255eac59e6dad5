using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

/// <summary><see cref="Region"/> is a county, township or village code: sites in it or above it (a village cadre sees the township's site).</summary>
public sealed record SearchSettlementSitesRequest(string? Region = null, SettlementKind? Kind = null);

/// <summary>A site as listed, with the headline numbers of 搬得出、稳得住、能致富 as of today.</summary>
public sealed record SettlementSiteRow(long Id, string Name, SettlementKind Kind, string KindLabel, string RegionCode, string RegionName,
    int CapacityPersons, int HousesPlanned, int HousesBuilt, int HousesHandedOver, int Households, int Persons, int HouseholdsMovedIn, int PersonsMovedIn,
    int FacilitiesInPlace, int HouseholdsWithWork, decimal? WorkRate, int WithIndustrySupport,
    long? ProjectId, string? ProjectName, int? ProjectPercent, ScheduleStatus? ProjectStatus, string? ProjectStatusLabel);

public sealed record SettlementSiteTotals(int Sites, int HousesPlanned, int HousesBuilt, int HousesHandedOver, int Households, int Persons,
    int HouseholdsMovedIn, int PersonsMovedIn, int HouseholdsWithWork, decimal? WorkRate);

public sealed record SettlementSiteList(DateOnly AsOf, IReadOnlyList<SettlementSiteRow> Rows, SettlementSiteTotals Totals);

/// <summary>The settlement sites of the user's scope with their headline numbers; the families counted are those the user may see.</summary>
public sealed class SearchSettlementSites(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SettlementSiteList>> HandleAsync(SearchSettlementSitesRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var sites = db.SettlementSites.AsNoTracking();
        var region = request.Region?.Trim();
        var county = Distribution.CountyOf(region);
        if (!string.IsNullOrEmpty(region))
        {
            if (!region.All(char.IsAsciiDigit) || region.Length is not (6 or 9 or 12))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.unknown", "区域代码无效")]);
#pragma warning disable CA1310 // EF translates StartsWith to SQL
            sites = sites.InCounty(county).Where(s => s.RegionCode.StartsWith(region) || region.StartsWith(s.RegionCode));
#pragma warning restore CA1310
        }
        if (request.Kind is { } kind) sites = sites.Where(s => s.Kind == kind);
        var list = await sites.OrderBy(s => s.RegionCode).ThenBy(s => s.Name).ToListAsync(ct);
        var siteIds = list.Select(s => s.Id).ToList();
        var rowsQuery = db.RelocatedHouseholds.AsNoTracking().InCounty(county).Where(r => siteIds.Contains(r.SiteId));
        var rows = await rowsQuery.ToListAsync(ct);
        var work = await RelocationRules.StableWorkAsync(db, county, rowsQuery.Select(r => r.HouseholdId), rows.ToDictionary(r => r.HouseholdId, r => r.StableJobs), today, ct);
        var projectIds = list.Where(s => s.ProjectId is not null).Select(s => s.ProjectId!.Value).ToList();
        var projects = await db.Projects.AsNoTracking().InCounty(county).Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new { p.Name, p.Percent, p.Status }, ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, list.Select(s => s.RegionCode), ct);

        var result = list.Select(s =>
        {
            var mine = rows.Where(r => r.SiteId == s.Id).ToList();
            var moved = mine.Where(r => r.MovedInOn is { } d && d <= today).ToList();
            var withWork = mine.Count(r => work.GetValueOrDefault(r.HouseholdId)?.Any == true);
            var p = s.ProjectId is { } pid ? projects.GetValueOrDefault(pid) : null;
            return new SettlementSiteRow(s.Id, s.Name, s.Kind, ProjectLabels.Label(s.Kind), s.RegionCode, GetSettlementSite.PlaceName(names, s.RegionCode),
                s.CapacityPersons, s.HousesPlanned, s.HousesBuilt, s.HousesHandedOver, mine.Count, mine.Sum(r => r.Persons), moved.Count, moved.Sum(r => r.Persons),
                s.Facilities.Distinct().Count(), withWork, GetSettlementSite.Rate(withWork, mine.Count), mine.Count(r => r.IndustrySupport is not null),
                p is null ? null : s.ProjectId, p?.Name, p?.Percent, p?.Status, p is null ? null : ProjectLabels.Label(p.Status));
        }).ToList();
        var totalWork = result.Sum(r => r.HouseholdsWithWork);
        var totalHouseholds = result.Sum(r => r.Households);
        var totals = new SettlementSiteTotals(result.Count, result.Sum(r => r.HousesPlanned), result.Sum(r => r.HousesBuilt), result.Sum(r => r.HousesHandedOver),
            totalHouseholds, result.Sum(r => r.Persons), result.Sum(r => r.HouseholdsMovedIn), result.Sum(r => r.PersonsMovedIn), totalWork,
            GetSettlementSite.Rate(totalWork, totalHouseholds));
        return new SettlementSiteList(today, result, totals);
    }
}
