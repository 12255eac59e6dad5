using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

/// <summary>The working ages of 有劳动能力 (inclusive on the as-of day).</summary>
public sealed record CoverageRule(int MinAge = 16, int MaxAge = 60);

/// <param name="Able">有劳动能力: labour 普通/技能/弱或半 and of working age.</param>
/// <param name="Unwilling">Able, latest willingness 无: out of the target, listed separately.</param>
/// <param name="Target">Able − Unwilling.</param>
/// <param name="Covered">Target members with at least one tie in the year.</param>
/// <param name="Gap">Target − Covered.</param>
/// <param name="NotAsked">Target members with no willingness recorded (意愿未登记), covered or not.</param>
public sealed record CoverageFigures(int Able, int Unwilling, int Target, int Covered, int Gap, int NotAsked)
{
    public decimal? Rate => Target == 0 ? null : (decimal)Covered / Target;

    public static CoverageFigures Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public static CoverageFigures Of(IEnumerable<MemberCoverage> members)
    {
        int able = 0, unwilling = 0, covered = 0, gap = 0, notAsked = 0;
        foreach (var m in members)
        {
            if (m.State == CoverageState.NotAble) continue;
            able++;
            switch (m.State)
            {
                case CoverageState.Unwilling: unwilling++; continue;
                case CoverageState.Covered: covered++; break;
                case CoverageState.Gap: gap++; break;
            }
            if (m.NotAsked) notAsked++;
        }
        return new CoverageFigures(able, unwilling, covered + gap, covered, gap, notAsked);
    }

    public static CoverageFigures Sum(IEnumerable<CoverageFigures> rows) => rows.Aggregate(Zero, (a, b) =>
        new(a.Able + b.Able, a.Unwilling + b.Unwilling, a.Target + b.Target, a.Covered + b.Covered, a.Gap + b.Gap, a.NotAsked + b.NotAsked));
}

public sealed record CoverageRow(string RegionCode, string RegionName, CoverageFigures All, CoverageFigures Relocated);

public sealed record CoverageView(string RegionCode, string RegionName, int Year, DateOnly AsOf,
    CoverageFigures All, CoverageFigures Relocated, IReadOnlyList<CoverageRow> Children);

/// <param name="Region">A county (6 digits), township (9) or village (12) code.</param>
/// <param name="Year">Null: the business date's year.</param>
public sealed record CoverageRequest(string Region, int? Year = null, CoverageRule? Rule = null);

/// <summary>Where a member of the population stands in the coverage of a year.</summary>
public enum CoverageState
{
    /// <summary>无劳动能力 (labour 丧失/无, or outside the working ages): not counted.</summary>
    NotAble = 0,

    /// <summary>Able, latest willingness 无: out of the target.</summary>
    Unwilling = 1,

    /// <summary>In the target without a tie in the year (未覆盖).</summary>
    Gap = 2,

    /// <summary>In the target with at least one tie (已覆盖).</summary>
    Covered = 3,
}

/// <summary>The kinds of tie that cover a member in a year.</summary>
[Flags]
public enum CoverageTies
{
    None = 0,

    /// <summary>利益联结: a party of a contract running in the year (the member, or the whole household).</summary>
    Linkage = 1,

    /// <summary>务工/公益岗位 of the year.</summary>
    Job = 2,

    /// <summary>扶贫车间务工 in the year.</summary>
    Workshop = 4,

    /// <summary>The household's own industry of the year (自主发展产业).</summary>
    Engagement = 8,
}

/// <summary>The latest willingness record on or before the as-of day.</summary>
public sealed record WillingnessMark(long Id, bool Willing, DateOnly RecordedOn, string RecordedBy, string? Note);

/// <summary>One member of the population with their coverage state: the single computation behind the rates, the gap list and the household page.</summary>
public sealed record MemberCoverage(long MemberId, long HouseholdId, string VillageCode, int Age, LabourSkill Labour, bool Relocated,
    CoverageState State, bool NotAsked, CoverageTies Ties, WillingnessMark? Willingness)
{
    public bool InTarget => State is CoverageState.Gap or CoverageState.Covered;
}

/// <summary>
/// 产业就业帮扶覆盖率 of a region and year. Population: members of registered households not 已脱贫(不再享受政策).
/// Able: labour 普通/技能/弱或半 and aged MinAge–MaxAge on the as-of day (min of the business date and 31 Dec).
/// The latest willingness on or before the as-of day: 无 takes the member out of the target; none is 意愿未登记
/// (stays in the target, flagged). Covered: a linkage party (person, or household) of a contract running in
/// the year up to the as-of day, a job of the year, a workshop job in the year, or the household's own
/// industry of the year. Relocated households (with a relocation row) are also counted apart. One row per
/// township of a county, per village of a township.
/// </summary>
public sealed class GetCoverage(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<CoverageView>> HandleAsync(CoverageRequest request, CancellationToken ct)
    {
        var result = await HandleWithMembersAsync(request, ct);
        return result.IsOk ? result.Value.View : result.Failure;
    }

    /// <summary>The view and the members it was computed from, so a page can list the gaps without computing them again.</summary>
    public async Task<Result<(CoverageView View, List<MemberCoverage> Members)>> HandleWithMembersAsync(CoverageRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var (period, failure) = Period(request.Year, request.Rule, today);
        if (failure is not null) return failure;
        var region = request.Region?.Trim() ?? "";
        var (name, regionFailure) = await RegionAsync(db, region, ct);
        if (regionFailure is not null) return regionFailure;
        var rule = request.Rule ?? new CoverageRule();

        var members = await MembersAsync(db, region, null, period.Year, period.AsOf, rule, ct);

        var children = region.Length >= 12 ? [] : await db.Regions.AsNoTracking().Where(r => r.ParentCode == region).OrderBy(r => r.Code)
            .Select(r => new { r.Code, r.Name }).ToListAsync(ct);
        var byChild = children.Count == 0 ? null : members.ToLookup(m => m.VillageCode[..children[0].Code.Length], StringComparer.Ordinal);
        var rows = children.Select(c => new CoverageRow(c.Code, c.Name,
            CoverageFigures.Of(byChild![c.Code]), CoverageFigures.Of(byChild[c.Code].Where(m => m.Relocated)))).ToList();

        return (new CoverageView(region, name!, period.Year, period.AsOf, CoverageFigures.Of(members), CoverageFigures.Of(members.Where(m => m.Relocated)), rows), members);
    }

    /// <summary>The year (default: the business year; not after it) and its as-of day, min(today, 31 Dec); the rule's ages checked.</summary>
    public static ((int Year, DateOnly AsOf) Period, Failure? Failure) Period(int? year, CoverageRule? rule, DateOnly today)
    {
        var y = year ?? today.Year;
        if (y < 2000 || y > today.Year)
            return (default, Result.Invalid([new FieldError("Year", "employment.year_invalid", $"年度应在2000年至{today.Year}年之间")]));
        if (rule is { } r && (r.MinAge < 0 || r.MaxAge > 120 || r.MinAge > r.MaxAge))
            return (default, Result.Invalid([new FieldError("Rule", "employment.rule_invalid", "劳动年龄范围有误")]));
        var end = new DateOnly(y, 12, 31);
        return ((y, end < today ? end : today), null);
    }

    /// <summary>The region's name, or why it cannot be asked about: malformed or unknown (400), out of the user's scope (404).</summary>
    public static async Task<(string? Name, Failure? Failure)> RegionAsync(AppDbContext db, string region, CancellationToken ct)
    {
        if (region.Length is not (6 or 9 or 12) || !region.All(char.IsAsciiDigit))
            return (null, Result.Invalid([new FieldError("Region", "region.invalid", $"区域代码“{region}”应为县、乡镇或村的代码")]));
        if (!db.Scope.Overlaps(region)) return (null, Result.NotFound("区域不存在"));
        var name = await db.Regions.IgnoreQueryFilters().Where(r => r.Code == region).Select(r => r.Name).SingleOrDefaultAsync(ct);
        return name is null ? (null, Result.Invalid([new FieldError("Region", "region.unknown", $"区域“{region}”不存在")])) : (name, null);
    }

    public static bool HasLabour(LabourSkill labour) => labour is LabourSkill.Ordinary or LabourSkill.Skilled or LabourSkill.Weak;

    /// <summary>有劳动能力 on the day under the rule.</summary>
    public static bool IsAble(LabourSkill labour, DateOnly birthDate, DateOnly asOf, CoverageRule rule)
    {
        if (!HasLabour(labour)) return false;
        var age = Member.Age(birthDate, asOf);
        return age >= rule.MinAge && age <= rule.MaxAge;
    }

    /// <summary>The state of one member from their labour, age, latest willingness and ties.</summary>
    public static CoverageState Classify(bool able, WillingnessMark? willingness, CoverageTies ties) =>
        !able ? CoverageState.NotAble
        : willingness is { Willing: false } ? CoverageState.Unwilling
        : ties != CoverageTies.None ? CoverageState.Covered
        : CoverageState.Gap;

    /// <summary>
    /// Every member of the population in <paramref name="region"/> (or of one household), as the user may see
    /// them, with their state. Six set-based reads whatever the size of the region. A contract's dates count
    /// whether or not the user may see the contract itself (its entity may lie in another village): the party
    /// is visible with its household, and coverage must not depend on who asks.
    /// </summary>
    public static async Task<List<MemberCoverage>> MembersAsync(AppDbContext db, string? region, long? householdId, int year, DateOnly asOf,
        CoverageRule rule, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        // Every table filtered by the county too: on Citus the reads then go to the one node holding it.
        var county = Distribution.CountyOf(region);
        var households = db.Households.AsNoTracking().InCounty(county).Where(h => h.Status != PovertyStatus.ExitedWithoutPolicy);
#pragma warning disable CA1310 // EF translates StartsWith(string) to a prefix match
        if (region is not null) households = households.Where(h => h.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        if (householdId is { } hid) households = households.Where(h => h.Id == hid);

        var members = await (from m in db.Members.AsNoTracking().InCounty(county)
                             join h in households on m.HouseholdId equals h.Id
                             select new { m.Id, m.HouseholdId, h.VillageCode, m.BirthDate, m.LabourSkill }).ToListAsync(ct);
        if (members.Count == 0) return [];

        var relocated = (await (from r in db.RelocatedHouseholds.AsNoTracking().InCounty(county)
                                join h in households on r.HouseholdId equals h.Id
                                select r.HouseholdId).ToListAsync(ct)).ToHashSet();

        var willingRows = await (from w in db.Willingness.AsNoTracking().InCounty(county)
                                 join h in households on w.HouseholdId equals h.Id
                                 where w.RecordedOn <= asOf
                                 select new { w.Id, w.MemberId, w.Willing, w.RecordedOn, w.RecordedBy, w.Note }).ToListAsync(ct);
        var latest = willingRows.GroupBy(w => w.MemberId).ToDictionary(g => g.Key, g =>
        {
            var w = g.OrderByDescending(x => x.RecordedOn).ThenByDescending(x => x.Id).First();
            return new WillingnessMark(w.Id, w.Willing, w.RecordedOn, w.RecordedBy, w.Note);
        });

        var parties = await (from p in db.LinkageParties.AsNoTracking().InCounty(county)
                             join c in db.LinkageContracts.IgnoreQueryFilters().AsNoTracking().InCounty(county) on p.ContractId equals c.Id
                             join h in households on p.HouseholdId equals h.Id
                             where c.StartOn <= asOf && (c.EndOn == null || c.EndOn >= first)
                             select new { p.HouseholdId, p.MemberId }).ToListAsync(ct);
        var linkedHouseholds = parties.Where(p => p.MemberId == null).Select(p => p.HouseholdId).ToHashSet();
        var linkedMembers = parties.Where(p => p.MemberId != null).Select(p => p.MemberId!.Value).ToHashSet();

        var jobs = (await (from j in db.Jobs.AsNoTracking().InCounty(county)
                           join h in households on j.HouseholdId equals h.Id
                           where j.Year == year
                           select j.MemberId).ToListAsync(ct)).ToHashSet();

        var workshop = (await (from w in db.WorkshopWorkers.AsNoTracking().InCounty(county)
                               join h in households on w.HouseholdId equals h.Id
                               where w.StartedOn <= asOf && (w.EndedOn == null || w.EndedOn >= first)
                               select w.MemberId).ToListAsync(ct)).ToHashSet();

        var engaged = (await (from e in db.IndustryEngagements.AsNoTracking().InCounty(county)
                              join h in households on e.HouseholdId equals h.Id
                              where e.Year == year
                              select e.HouseholdId).ToListAsync(ct)).ToHashSet();

        var result = new List<MemberCoverage>(members.Count);
        foreach (var m in members)
        {
            var ties = CoverageTies.None;
            if (linkedHouseholds.Contains(m.HouseholdId) || linkedMembers.Contains(m.Id)) ties |= CoverageTies.Linkage;
            if (jobs.Contains(m.Id)) ties |= CoverageTies.Job;
            if (workshop.Contains(m.Id)) ties |= CoverageTies.Workshop;
            if (engaged.Contains(m.HouseholdId)) ties |= CoverageTies.Engagement;
            var able = IsAble(m.LabourSkill, m.BirthDate, asOf, rule);
            var mark = latest.GetValueOrDefault(m.Id);
            var state = Classify(able, mark, ties);
            result.Add(new MemberCoverage(m.Id, m.HouseholdId, m.VillageCode, Member.Age(m.BirthDate, asOf), m.LabourSkill, relocated.Contains(m.HouseholdId),
                state, state is CoverageState.Gap or CoverageState.Covered && mark is null, ties, mark));
        }
        return result;
    }
}
