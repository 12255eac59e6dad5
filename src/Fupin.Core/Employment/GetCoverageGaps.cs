using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

/// <param name="Region">A county, township or village code.</param>
/// <param name="Year">Null: the business year.</param>
/// <param name="Offset">Rows of the gap list skipped (paging a large region).</param>
/// <param name="Limit">Rows of each list returned; null: all (the export).</param>
/// <param name="RelocatedOnly">Only members of relocated households.</param>
public sealed record CoverageGapsRequest(string Region, int? Year = null, CoverageRule? Rule = null, int Offset = 0, int? Limit = null, bool RelocatedOnly = false);

/// <summary>The current pairing cadre (帮扶责任人) of a household on the as-of day.</summary>
public sealed record PairingCadre(string Name, string? Unit, string? Phone);

/// <summary>A target member without a tie in the year (未覆盖).</summary>
public sealed record CoverageGapRow(long MemberId, long HouseholdId, string VillageCode, string TownshipName, string VillageName, string HouseholdNumber,
    string HeadName, string MemberName, Gender Gender, string GenderLabel, int Age, LabourSkill Labour, string LabourLabel, bool NotAsked, bool Relocated,
    PairingCadre? Cadre);

/// <summary>An able member whose latest willingness is 无, with the record.</summary>
public sealed record UnwillingRow(long MemberId, long HouseholdId, string VillageCode, string TownshipName, string VillageName, string HouseholdNumber,
    string HeadName, string MemberName, Gender Gender, string GenderLabel, int Age, LabourSkill Labour, string LabourLabel, bool Relocated,
    DateOnly RecordedOn, string RecordedBy, string? Note, PairingCadre? Cadre);

/// <param name="GapTotal">All gap members of the region (the list may hold a page of them).</param>
/// <param name="UnwillingTotal">All unwilling members of the region.</param>
public sealed record CoverageGaps(string RegionCode, string RegionName, int Year, DateOnly AsOf, CoverageFigures All, CoverageFigures Relocated,
    int GapTotal, int Offset, IReadOnlyList<CoverageGapRow> Gaps, int UnwillingTotal, IReadOnlyList<UnwillingRow> Unwilling);

/// <summary>
/// The gap list of a region and year (未覆盖名单): every target member without a tie, with the household and its
/// current pairing cadre, 意愿未登记 and relocated flagged; and apart, the members who said 无 (with when and who
/// recorded it). Both sorted by village, household number, then the head first. Computed from the same
/// <see cref="GetCoverage.MembersAsync"/> as the rates, so the list and the figures always agree.
/// </summary>
public sealed class GetCoverageGaps(AppDbContext db, TimeProvider clock)
{
    public const int MaxLimit = 1000;

    public Task<Result<CoverageGaps>> HandleAsync(CoverageGapsRequest request, CancellationToken ct) => HandleAsync(request, null, ct);

    /// <param name="computed">The members <see cref="GetCoverage.HandleWithMembersAsync"/> returned for the same region, year and rule; null: compute them.</param>
    public async Task<Result<CoverageGaps>> HandleAsync(CoverageGapsRequest request, List<MemberCoverage>? computed, CancellationToken ct)
    {
        var (period, failure) = GetCoverage.Period(request.Year, request.Rule, clock.Today());
        if (failure is not null) return failure;
        var region = request.Region?.Trim() ?? "";
        var (name, regionFailure) = await GetCoverage.RegionAsync(db, region, ct);
        if (regionFailure is not null) return regionFailure;
        if (request.Offset < 0 || request.Limit is < 1)
            return Result.Invalid([new FieldError("Limit", "employment.page_invalid", "分页参数有误")]);

        var all = computed ?? await GetCoverage.MembersAsync(db, region, null, period.Year, period.AsOf, request.Rule ?? new CoverageRule(), ct);
        var members = request.RelocatedOnly ? all.Where(m => m.Relocated).ToList() : all;
        var gaps = members.Where(m => m.State == CoverageState.Gap).ToList();
        var unwilling = members.Where(m => m.State == CoverageState.Unwilling).ToList();

        // Household numbers of every listed household sort the whole list before a page is cut.
        var listedHouseholds = gaps.Concat(unwilling).Select(m => m.HouseholdId).Distinct().ToList();
        var numbers = listedHouseholds.Count == 0 ? [] : await db.Households.AsNoTracking().Where(h => listedHouseholds.Contains(h.Id))
            .Select(h => new { h.Id, h.Number }).ToDictionaryAsync(h => h.Id, h => h.Number, ct);

        List<MemberCoverage> Sorted(IEnumerable<MemberCoverage> rows, int skip) => rows
            .OrderBy(m => m.VillageCode, StringComparer.Ordinal).ThenBy(m => numbers.GetValueOrDefault(m.HouseholdId, ""), StringComparer.Ordinal)
            .ThenBy(m => m.MemberId).Skip(skip).Take(request.Limit ?? int.MaxValue).ToList();
        var gapPage = Sorted(gaps, request.Offset);
        var unwillingPage = Sorted(unwilling, 0);

        var shown = gapPage.Concat(unwillingPage).ToList();
        var householdIds = shown.Select(m => m.HouseholdId).Distinct().ToList();
        var memberIds = shown.Select(m => m.MemberId).ToList();
        var people = memberIds.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Name, m.Gender }).ToDictionaryAsync(m => m.Id, ct);
        var heads = await HeadNamesAsync(db, householdIds, ct);
        var cadres = await CadresAsync(db, householdIds, period.AsOf, ct);
        var villageCodes = shown.Select(m => m.VillageCode).Distinct(StringComparer.Ordinal).ToList();
        var regionNames = await NamesAsync(db, villageCodes.Concat(villageCodes.Select(v => v[..9])).Distinct(StringComparer.Ordinal).ToList(), ct);

        var gapRows = gapPage.Select(m =>
        {
            var p = people[m.MemberId];
            return new CoverageGapRow(m.MemberId, m.HouseholdId, m.VillageCode, regionNames.GetValueOrDefault(m.VillageCode[..9], ""),
                regionNames.GetValueOrDefault(m.VillageCode, m.VillageCode), numbers[m.HouseholdId], heads.GetValueOrDefault(m.HouseholdId, ""),
                p.Name, p.Gender, EmploymentRules.Label(p.Gender), m.Age, m.Labour, EmploymentRules.Label(m.Labour), m.NotAsked, m.Relocated,
                cadres.GetValueOrDefault(m.HouseholdId));
        }).ToList();
        var unwillingRows = unwillingPage.Select(m =>
        {
            var p = people[m.MemberId];
            return new UnwillingRow(m.MemberId, m.HouseholdId, m.VillageCode, regionNames.GetValueOrDefault(m.VillageCode[..9], ""),
                regionNames.GetValueOrDefault(m.VillageCode, m.VillageCode), numbers[m.HouseholdId], heads.GetValueOrDefault(m.HouseholdId, ""),
                p.Name, p.Gender, EmploymentRules.Label(p.Gender), m.Age, m.Labour, EmploymentRules.Label(m.Labour), m.Relocated,
                m.Willingness!.RecordedOn, m.Willingness.RecordedBy, m.Willingness.Note, cadres.GetValueOrDefault(m.HouseholdId));
        }).ToList();

        return new CoverageGaps(region, name!, period.Year, period.AsOf, CoverageFigures.Of(all), CoverageFigures.Of(all.Where(m => m.Relocated)),
            gaps.Count, request.Offset, gapRows, unwilling.Count, unwillingRows);
    }

    public static async Task<Dictionary<long, string>> HeadNamesAsync(AppDbContext db, List<long> householdIds, CancellationToken ct)
    {
        if (householdIds.Count == 0) return [];
        var heads = await db.Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId) && m.Relation == "户主")
            .Select(m => new { m.HouseholdId, m.Id, m.Name }).ToListAsync(ct);
        return heads.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.OrderBy(h => h.Id).First().Name);
    }

    /// <summary>The pairing in force on the day (From ≤ day, To null or ≥ day), the latest begun when several are.</summary>
    public static async Task<Dictionary<long, PairingCadre>> CadresAsync(AppDbContext db, List<long> householdIds, DateOnly day, CancellationToken ct)
    {
        if (householdIds.Count == 0) return [];
        var rows = await db.Pairings.AsNoTracking()
            .Where(p => householdIds.Contains(p.HouseholdId) && p.From <= day && (p.To == null || p.To >= day))
            .Select(p => new { p.HouseholdId, p.Id, p.From, p.CadreName, p.CadreUnit, p.CadrePhone }).ToListAsync(ct);
        return rows.GroupBy(p => p.HouseholdId).ToDictionary(g => g.Key, g =>
        {
            var p = g.OrderByDescending(x => x.From).ThenByDescending(x => x.Id).First();
            return new PairingCadre(p.CadreName, p.CadreUnit, p.CadrePhone);
        });
    }

    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, List<string> codes, CancellationToken ct) =>
        codes.Count == 0 ? new(StringComparer.Ordinal)
        : await db.Regions.IgnoreQueryFilters().AsNoTracking().Where(r => codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
}
