using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <param name="Region">A county, township or village code; null: the user's region (or county).</param>
/// <param name="Year">The year; null: the business date's year.</param>
public sealed record IndustryOverviewRequest(string? Region = null, int? Year = null);

/// <summary>Business entities by kind.</summary>
public sealed record EntityCounts(int LeadingEnterprise, int Cooperative, int FamilyFarm, int Base, int Workshop, int Other)
{
    public static EntityCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public int Total => LeadingEnterprise + Cooperative + FamilyFarm + Base + Workshop + Other;

    public int Of(EntityKind kind) => kind switch
    {
        EntityKind.LeadingEnterprise => LeadingEnterprise,
        EntityKind.Cooperative => Cooperative,
        EntityKind.FamilyFarm => FamilyFarm,
        EntityKind.Base => Base,
        EntityKind.Workshop => Workshop,
        _ => Other,
    };

    public static EntityCounts Count(IEnumerable<EntityKind> kinds)
    {
        var k = kinds.ToList();
        return new(k.Count(x => x == EntityKind.LeadingEnterprise), k.Count(x => x == EntityKind.Cooperative), k.Count(x => x == EntityKind.FamilyFarm),
            k.Count(x => x == EntityKind.Base), k.Count(x => x == EntityKind.Workshop), k.Count(x => x is EntityKind.Other or not (>= EntityKind.LeadingEnterprise and <= EntityKind.Workshop)));
    }
}

/// <summary>
/// The figures of one industry (or all) in a place and year.
/// </summary>
/// <param name="Contracts">Linkage contracts of the industry active in the year (period overlapping it, started by the as-of day) whose entity is in the place.</param>
/// <param name="LinkedHouseholds">Households of the place that are a party (household or person) of such a contract.</param>
/// <param name="LinkedPersons">Persons named by a person party plus all members of household parties, each counted once.</param>
/// <param name="PaidFen">Linkage payments of the year to parties in the place, paid by the as-of day, fen.</param>
/// <param name="OwnHouseholds">Households of the place with their own industry (<see cref="IndustryEngagement"/>) in the year.</param>
/// <param name="OwnPersons">The persons those engagements name (sum of <see cref="IndustryEngagement.Persons"/>).</param>
/// <param name="Output">Output in the industry's unit; null for a total over industries (units differ).</param>
/// <param name="HouseholdsTotal">带动农户合计: households linked by a contract or with their own industry, each counted once.</param>
public sealed record IndustryFigures(EntityCounts Entities, int Contracts, int LinkedHouseholds, int LinkedPersons, long PaidFen,
    int OwnHouseholds, int OwnPersons, double AreaMu, double? Output, long IncomeFen, int HouseholdsTotal);

/// <summary>One township (of a county) or village (of a township) of an industry's figures.</summary>
public sealed record IndustryPlaceRow(string Code, string Name, IndustryFigures Figures);

public sealed record IndustryOverviewRow(long IndustryId, string Code, string Name, string? OutputUnit, bool IsActive, IndustryFigures Figures,
    IReadOnlyList<IndustryPlaceRow> ByPlace);

public sealed record IndustryPlace(string Code, string Name);

/// <param name="Places">The townships of a county or villages of a township the split goes by (none for a village).</param>
/// <param name="Total">All industries together; households and persons counted once even when in several industries.</param>
public sealed record IndustryOverview(string Region, string RegionName, RegionLevel Level, string CountyCode, int Year, DateOnly AsOf,
    IReadOnlyList<IndustryOverviewRow> Rows, IndustryFigures Total, IReadOnlyList<IndustryPlace> Places, IReadOnlyList<IndustryPlaceRow> TotalByPlace,
    IReadOnlyList<int> Years);

/// <summary>
/// Per local industry of the region's county, for a region and year: business entities by kind, contracts active in
/// the year, households and persons they link, payments of the year, households with their own industry (persons,
/// 亩, output, income) and 带动农户合计; a total row and, per industry, the split by township or village. Only what
/// is dated on or before the as-of day (min(today, 31 Dec of the year)) counts. A retired industry appears only when
/// it has figures. Household-level figures obey the user's scope (a village cadre counts their own households).
/// </summary>
public sealed class GetIndustryOverview(AppDbContext db, TimeProvider clock)
{
    public const int FirstYear = 2014;

    public async Task<Result<IndustryOverview>> HandleAsync(IndustryOverviewRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var year = request.Year ?? today.Year;
        if (year < FirstYear || year > today.Year)
            return Result.Invalid([new FieldError(nameof(request.Year), "industry.year_invalid", $"年度应在{FirstYear}年至{today.Year}年之间")]);
        var region = string.IsNullOrWhiteSpace(request.Region) ? await IndustryPlanRules.DefaultRegionAsync(db, ct) : request.Region.Trim();
        if (region is null) return Result.NotFound("区域不存在");
        var (name, level, failure) = await IndustryPlanRules.RegionAsync(db, region, ct);
        if (failure is not null) return failure;
        var facts = await IndustryFacts.LoadAsync(db, region, year, today, null, ct);
        return facts.Overview(region, name!, level, [.. Enumerable.Range(FirstYear, today.Year - FirstYear + 1).Reverse()]);
    }
}

/// <summary>The records an industry view counts, loaded once and summed in memory (a county holds a few thousand).</summary>
internal sealed class IndustryFacts
{
    public sealed record Industry(long Id, string Code, string Name, string? OutputUnit, bool IsActive);

    public sealed record Entity(long? IndustryId, EntityKind Kind, string RegionCode);

    public sealed record Contract(long Id, long? IndustryId, string RegionCode);

    public sealed record Party(long ContractId, long HouseholdId, long? MemberId, string VillageCode);

    public sealed record HouseholdMember(long ContractId, long HouseholdId, long MemberId, string VillageCode);

    public sealed record Payment(long ContractId, long AmountFen, string VillageCode);

    public sealed record Engagement(long IndustryId, long HouseholdId, string VillageCode, int Persons, double AreaMu, double Output, long IncomeFen);

    public required string County { get; init; }
    public required int Year { get; init; }
    public required DateOnly AsOf { get; init; }
    public required List<Industry> Industries { get; init; }
    public required List<Entity> Entities { get; init; }
    public required List<Contract> Contracts { get; init; }
    public required Dictionary<long, long?> ContractIndustry { get; init; }
    public required List<Party> Parties { get; init; }
    public required List<HouseholdMember> Members { get; init; }
    public required List<Payment> Payments { get; init; }
    public required List<Engagement> Engagements { get; init; }
    public required List<IndustryPlace> Places { get; init; }

#pragma warning disable CA1310 // EF translates StartsWith(string) to a prefix match; a culture overload would not translate.
    public static async Task<IndustryFacts> LoadAsync(AppDbContext db, string region, int year, DateOnly today, long? industryId, CancellationToken ct)
    {
        var county = region[..6];
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var asOf = last < today ? last : today;

        var industries = await db.Industries.AsNoTracking().Where(i => i.CountyCode == county && (industryId == null || i.Id == industryId))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new Industry(i.Id, i.Code, i.Name, i.OutputUnit, i.IsActive)).ToListAsync(ct);
        var entities = await db.BusinessEntities.AsNoTracking()
            .Where(e => e.CountyCode == county && e.IndustryId != null && e.RegionCode.StartsWith(region) && (e.FoundedOn == null || e.FoundedOn <= asOf))
            .Select(e => new Entity(e.IndustryId, e.Kind, e.RegionCode)).ToListAsync(ct);
        // Active in the year: started by the as-of day, not ended before the year began. Read past the scope filter so a
        // village cadre's households count on a contract of an entity elsewhere; the contracts counted are the visible ones.
        var active = from c in db.LinkageContracts.IgnoreQueryFilters().AsNoTracking()
                     join e in db.BusinessEntities.IgnoreQueryFilters().AsNoTracking() on c.EntityId equals e.Id
                     where c.CountyCode == county && e.CountyCode == county && c.StartOn <= asOf && (c.EndOn == null || c.EndOn >= first)
                     select new { c.Id, IndustryId = c.IndustryId ?? e.IndustryId, c.RegionCode };
        var all = await active.ToListAsync(ct);
        var contractIndustry = all.ToDictionary(c => c.Id, c => c.IndustryId);
        var contracts = all.Where(c => c.RegionCode.StartsWith(region, StringComparison.Ordinal) && (db.Scope.All || db.Scope.Overlaps(c.RegionCode))).Select(c => new Contract(c.Id, c.IndustryId, c.RegionCode)).ToList();
        // A list, not a subquery: IgnoreQueryFilters would spread to the parties' and members' filters.
        var activeIds = all.Select(c => c.Id).ToList();
        var parties = await db.LinkageParties.AsNoTracking()
            .Where(p => p.CountyCode == county && p.VillageCode.StartsWith(region) && activeIds.Contains(p.ContractId))
            .Select(p => new Party(p.ContractId, p.HouseholdId, p.MemberId, p.VillageCode)).ToListAsync(ct);
        var members = await (from p in db.LinkageParties.AsNoTracking()
                             join m in db.Members.AsNoTracking() on p.HouseholdId equals m.HouseholdId
                             where p.MemberId == null && p.CountyCode == county && m.CountyCode == county && p.VillageCode.StartsWith(region) && activeIds.Contains(p.ContractId)
                             select new HouseholdMember(p.ContractId, p.HouseholdId, m.Id, p.VillageCode)).ToListAsync(ct);
        var payments = await (from pay in db.LinkagePayments.AsNoTracking()
                              where pay.CountyCode == county && pay.Year == year && pay.PaidOn <= today && pay.VillageCode.StartsWith(region)
                              select new { pay.ContractId, pay.AmountFen, pay.VillageCode }).ToListAsync(ct);
        var paidContracts = payments.Select(p => p.ContractId).Where(id => !contractIndustry.ContainsKey(id)).Distinct().ToList();
        if (paidContracts.Count > 0)
        {
            // A payment of the year on a contract that has ended before it (a late dividend) still belongs to the industry.
            var more = await (from c in db.LinkageContracts.IgnoreQueryFilters().AsNoTracking()
                              join e in db.BusinessEntities.IgnoreQueryFilters().AsNoTracking() on c.EntityId equals e.Id
                              where c.CountyCode == county && e.CountyCode == county && paidContracts.Contains(c.Id)
                              select new { c.Id, IndustryId = c.IndustryId ?? e.IndustryId }).ToListAsync(ct);
            foreach (var c in more) contractIndustry[c.Id] = c.IndustryId;
        }
        var engagements = await db.IndustryEngagements.AsNoTracking()
            .Where(x => x.CountyCode == county && x.Year == year && x.VillageCode.StartsWith(region) && (industryId == null || x.IndustryId == industryId))
            .Select(x => new Engagement(x.IndustryId, x.HouseholdId, x.VillageCode, x.Persons, x.AreaMu, x.Output, x.IncomeFen)).ToListAsync(ct);

        var places = region.Length switch
        {
            6 => await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Township && r.ParentCode == region).OrderBy(r => r.Code)
                .Select(r => new IndustryPlace(r.Code, r.Name)).ToListAsync(ct),
            9 => await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.Village && r.ParentCode == region).OrderBy(r => r.Code)
                .Select(r => new IndustryPlace(r.Code, r.Name)).ToListAsync(ct),
            _ => [],
        };
        return new IndustryFacts
        {
            County = county, Year = year, AsOf = asOf, Industries = industries, Entities = entities, Contracts = contracts, ContractIndustry = contractIndustry,
            Parties = parties, Members = members, Payments = [.. payments.Select(p => new Payment(p.ContractId, p.AmountFen, p.VillageCode))],
            Engagements = engagements, Places = places,
        };
    }
#pragma warning restore CA1310

    long? IndustryOf(long contractId) => ContractIndustry.TryGetValue(contractId, out var i) ? i : null;

    /// <summary>The figures of one industry (null: all) in the place whose codes start with <paramref name="place"/>.</summary>
    public IndustryFigures Figures(long? industry, string place, bool withOutput)
    {
        bool Here(string code) => code.StartsWith(place, StringComparison.Ordinal);
        bool Mine(long? id) => industry is null ? id is not null : id == industry;
        var parties = Parties.Where(p => Here(p.VillageCode) && Mine(IndustryOf(p.ContractId))).ToList();
        var linked = parties.Select(p => p.HouseholdId).ToHashSet();
        var persons = parties.Where(p => p.MemberId is not null).Select(p => p.MemberId!.Value)
            .Concat(Members.Where(m => Here(m.VillageCode) && Mine(IndustryOf(m.ContractId))).Select(m => m.MemberId)).ToHashSet();
        var own = Engagements.Where(e => Here(e.VillageCode) && Mine(e.IndustryId)).ToList();
        var ownHouseholds = own.Select(e => e.HouseholdId).ToHashSet();
        return new IndustryFigures(
            EntityCounts.Count(Entities.Where(e => Here(e.RegionCode) && Mine(e.IndustryId)).Select(e => e.Kind)),
            Contracts.Count(c => Here(c.RegionCode) && Mine(c.IndustryId)),
            linked.Count, persons.Count,
            Payments.Where(p => Here(p.VillageCode) && Mine(IndustryOf(p.ContractId))).Sum(p => p.AmountFen),
            ownHouseholds.Count, own.Sum(e => e.Persons), Math.Round(own.Sum(e => e.AreaMu), 2),
            withOutput ? Math.Round(own.Sum(e => e.Output), 2) : null, own.Sum(e => e.IncomeFen),
            linked.Union(ownHouseholds).Count());
    }

    static bool HasAny(IndustryFigures f) => f.Entities.Total + f.Contracts + f.LinkedHouseholds + f.OwnHouseholds > 0 || f.PaidFen != 0;

    public IndustryOverview Overview(string region, string regionName, RegionLevel level, IReadOnlyList<int> years)
    {
        var rows = new List<IndustryOverviewRow>();
        foreach (var i in Industries)
        {
            var f = Figures(i.Id, region, withOutput: true);
            if (!i.IsActive && !HasAny(f)) continue;
            rows.Add(new IndustryOverviewRow(i.Id, i.Code, i.Name, i.OutputUnit, i.IsActive, f,
                [.. Places.Select(p => new IndustryPlaceRow(p.Code, p.Name, Figures(i.Id, p.Code, withOutput: true)))]));
        }
        return new IndustryOverview(region, regionName, level, County, Year, AsOf, rows, Figures(null, region, withOutput: false), Places,
            [.. Places.Select(p => new IndustryPlaceRow(p.Code, p.Name, Figures(null, p.Code, withOutput: false)))], years);
    }
}
