using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Projects;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Relocation;

public sealed record SiteHeader(long Id, string Name, SettlementKind Kind, string KindLabel, string RegionCode, string RegionName, int CapacityPersons,
    long? ProjectId, string? ProjectCode, string? ProjectName, string? FollowUpNote, DateOnly? UpdatedOn, string? UpdatedBy, long Version);

/// <summary>搬得出: the houses as the township reports them; households and persons registered to the site, moved in, old houses demolished.</summary>
public sealed record MoveOutFigures(int HousesPlanned, int HousesBuilt, int HousesHandedOver, int Households, int Persons,
    int HouseholdsMovedIn, int PersonsMovedIn, int OldHousesDemolished);

public sealed record FacilityState(SiteFacility Facility, string Label, bool InPlace);

/// <summary>
/// 稳得住: which of 五个有 are in place; children of compulsory-school age (6–15) of the relocated households in
/// school or through compulsory education, excused (a lawful reason recorded) or out; members insured.
/// </summary>
public sealed record SettleFigures(IReadOnlyList<FacilityState> Facilities, int FacilitiesInPlace, int SchoolAgeChildren, int InSchool,
    int Excused, IReadOnlyList<string> OutOfSchool, int Members, int WithBasicMedical, int WithCriticalIllness);

public sealed record GapHousehold(long Id, long HouseholdId, string HeadName, int Persons, string FromVillageName);

/// <summary>
/// 能致富: households with at least one person in stable work and the rate; those with none (the gap);
/// households with industry support; per-capita net income of the households with a record in the latest
/// income year against that year's exit line.
/// </summary>
public sealed record ProsperFigures(int HouseholdsWithWork, decimal? WorkRate, IReadOnlyList<GapHousehold> Gap, int WithIndustrySupport,
    int? IncomeYear, int HouseholdsWithIncome, long? PerCapitaIncomeFen, long? PovertyLineFen, int HouseholdsBelowLine);

/// <summary>A relocated family as the site page lists it: the head's name, never an ID number.</summary>
public sealed record RelocatedRow(long Id, long HouseholdId, string HouseholdNumber, string HeadName, int Persons, string FromVillageCode, string FromVillageName,
    DateOnly? MovedInOn, bool OldHouseDemolished, int StableJobs, bool HasStableWork, string StableWorkText, string? IndustrySupport, long Version);

public sealed record SettlementSiteDetails(SiteHeader Site, DateOnly AsOf, MoveOutFigures MoveOut, SettleFigures Settle, ProsperFigures Prosper,
    IReadOnlyList<RelocatedRow> Families, ProjectScheduleView? Schedule);

/// <summary>
/// One settlement site of the user's scope answering 搬得出、稳得住、能致富 with numbers as of today, its
/// relocated families (those the user may see) and the building project's plan against actual.
/// </summary>
public sealed class GetSettlementSite(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SettlementSiteDetails>> HandleAsync(long id, CancellationToken ct)
    {
        var s = await db.SettlementSites.AsNoTracking().Where(x => x.Id == id).SingleOrDefaultAsync(ct);
        if (s is null) return Result.NotFound("未找到该安置点");
        var today = clock.Today();
        var project = s.ProjectId is { } pid
            ? await db.Projects.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.Code, p.Name }).SingleOrDefaultAsync(ct)
            : null;
        var rowsQuery = db.RelocatedHouseholds.AsNoTracking().Where(r => r.SiteId == id);
        var rows = await rowsQuery.OrderBy(r => r.FromVillageCode).ThenBy(r => r.Id).ToListAsync(ct);
        var names = await RegionNamesAsync(db, rows.Select(r => r.FromVillageCode).Append(s.RegionCode), ct);
        var header = new SiteHeader(s.Id, s.Name, s.Kind, ProjectLabels.Label(s.Kind), s.RegionCode, PlaceName(names, s.RegionCode), s.CapacityPersons,
            project?.Id, project?.Code, project?.Name, s.FollowUpNote, s.UpdatedOn, s.UpdatedBy, s.Version);

        var householdIds = rowsQuery.Select(r => r.HouseholdId);
        var work = await RelocationRules.StableWorkAsync(db, householdIds, rows.ToDictionary(r => r.HouseholdId, r => r.StableJobs), today, ct);
        var heads = await RelocationRules.HeadNamesAsync(db, householdIds, ct);
        var numbers = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var families = rows.Select(r =>
        {
            var w = work.GetValueOrDefault(r.HouseholdId) ?? RelocationRules.None;
            return new RelocatedRow(r.Id, r.HouseholdId, numbers.GetValueOrDefault(r.HouseholdId, ""), heads.GetValueOrDefault(r.HouseholdId, ""), r.Persons,
                r.FromVillageCode, PlaceName(names, r.FromVillageCode), r.MovedInOn, r.OldHouseDemolished, r.StableJobs, w.Any, w.Text, r.IndustrySupport, r.Version);
        }).ToList();

        var movedIn = rows.Where(r => r.MovedInOn is { } d && d <= today).ToList();
        var moveOut = new MoveOutFigures(s.HousesPlanned, s.HousesBuilt, s.HousesHandedOver, rows.Count, rows.Sum(r => r.Persons),
            movedIn.Count, movedIn.Sum(r => r.Persons), rows.Count(r => r.OldHouseDemolished));

        var members = await db.Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId)).ToListAsync(ct);
        var children = members.Where(m => m.AgeOn(today) is >= HouseholdTest.SchoolAgeFrom and <= HouseholdTest.SchoolAgeTo).ToList();
        var inSchool = children.Where(m => HouseholdTest.InSchoolOrCompleted(m, today)).ToList();
        var notIn = children.Except(inSchool).ToList();
        var excused = notIn.Where(m => !string.IsNullOrWhiteSpace(m.OutOfSchoolReason)).ToList();
        var facilities = Enum.GetValues<SiteFacility>().Select(f => new FacilityState(f, ProjectLabels.Label(f), s.Facilities.Contains(f))).ToList();
        var settle = new SettleFigures(facilities, facilities.Count(f => f.InPlace), children.Count, inSchool.Count, excused.Count,
            [.. notIn.Except(excused).Select(m => m.Name)], members.Count, members.Count(m => m.HasBasicMedical), members.Count(m => m.HasCriticalIllness));

        var gap = families.Where(f => !f.HasStableWork).Select(f => new GapHousehold(f.Id, f.HouseholdId, f.HeadName, f.Persons, f.FromVillageName)).ToList();
        var income = await IncomeAsync(db, householdIds, today, ct);
        var prosper = new ProsperFigures(families.Count(f => f.HasStableWork), Rate(families.Count(f => f.HasStableWork), families.Count), gap,
            rows.Count(r => r.IndustrySupport is not null), income.Year, income.Households, income.PerCapitaFen, income.LineFen, income.BelowLine);

        ProjectScheduleView? schedule = null;
        if (project is not null)
        {
            var sch = await new GetProjectSchedule(db, clock).HandleAsync(project.Id, ct);
            if (sch.IsOk) schedule = sch.Value;
        }
        return new SettlementSiteDetails(header, today, moveOut, settle, prosper, families, schedule);
    }

    /// <summary>A percentage with one decimal, null when the base is zero.</summary>
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    internal sealed record IncomeFigures(int? Year, int Households, long? PerCapitaFen, long? LineFen, int BelowLine);

    /// <summary>The latest year any of the households has an income record for (not after this year), summed over those with one.</summary>
    internal static async Task<IncomeFigures> IncomeAsync(AppDbContext db, IQueryable<long> householdIds, DateOnly today, CancellationToken ct)
    {
        var incomes = await db.Incomes.AsNoTracking().Where(i => householdIds.Contains(i.HouseholdId) && i.Year <= today.Year).ToListAsync(ct);
        if (incomes.Count == 0) return new IncomeFigures(null, 0, null, null, 0);
        var year = incomes.Max(i => i.Year);
        var ofYear = incomes.Where(i => i.Year == year).GroupBy(i => i.HouseholdId).Select(g => g.OrderByDescending(i => i.Id).First()).ToList();
        var size = ofYear.Sum(i => (long)i.HouseholdSize);
        long? perCapita = size == 0 ? null : ofYear.Sum(i => i.NetIncome) / size;
        var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == year && l.Scope == PovertyLineScope.ExitThreshold)
            .Select(l => (long?)l.AmountYuan).SingleOrDefaultAsync(ct);
        long? lineFen = line * 100;
        return new IncomeFigures(year, ofYear.Count, perCapita, lineFen, lineFen is { } lf ? ofYear.Count(i => i.PerCapitaNetIncome < lf) : 0);
    }

    /// <summary>Names of the given villages and townships and of the townships above them.</summary>
    internal static async Task<Dictionary<string, (string Name, string? Parent)>> RegionNamesAsync(AppDbContext db, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.SelectMany(c => c.Length == 12 ? new[] { c, c[..9] } : [c]).Distinct(StringComparer.Ordinal).ToList();
        return await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(r => wanted.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => (r.Name, r.ParentCode), ct);
    }

    /// <summary>"石门乡" for a township, "石门乡石门村" for a village.</summary>
    internal static string PlaceName(Dictionary<string, (string Name, string? Parent)> names, string code)
    {
        if (!names.TryGetValue(code, out var r)) return code;
        return code.Length == 12 && r.Parent is { } p && names.TryGetValue(p, out var t) ? t.Name + r.Name : r.Name;
    }
}
