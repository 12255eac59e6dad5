using Fupin.Common;
using Fupin.Data;
using Fupin.Relocation;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <summary><see cref="Region"/> is a county, township or village code; <see cref="Text"/> matches the name, contact or credit code.</summary>
public sealed record SearchBusinessEntitiesRequest(string? Region = null, EntityKind? Kind = null, long? IndustryId = null, string? Text = null);

/// <summary>
/// One entity with its linkage in the year of the business date: contracts active in the year, households and persons
/// they bind (a household party counts all its members), and what was paid for the year — of the households the user may see.
/// </summary>
public sealed record BusinessEntityRow(long Id, string Name, EntityKind Kind, string KindLabel, string? Level, string RegionCode, string RegionName,
    long? IndustryId, string? IndustryName, int Employees, double AreaMu, long AnnualOutputFen, int Contracts, int Households, int Persons, long PaidThisYearFen);

public sealed record BusinessEntityTotals(int Entities, int Contracts, int Households, int Persons, long PaidThisYearFen, int Employees, double AreaMu, long AnnualOutputFen);

public sealed record BusinessEntityList(DateOnly AsOf, int Year, IReadOnlyList<BusinessEntityRow> Rows, BusinessEntityTotals Totals);

/// <summary>Linkage figures of a group of contracts in one year.</summary>
public sealed record LinkageFigures(int Contracts, int Households, int Persons, long PaidFen)
{
    public static LinkageFigures Zero { get; } = new(0, 0, 0, 0);
}

/// <summary>经营主体名录: the entities of the user's scope (and above) with their linkage this year, and totals.</summary>
public sealed class SearchBusinessEntities(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<BusinessEntityList>> HandleAsync(SearchBusinessEntitiesRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var query = db.BusinessEntities.AsNoTracking();
        var region = request.Region?.Trim();
        if (!string.IsNullOrEmpty(region))
        {
            if (!region.All(char.IsAsciiDigit) || region.Length is not (6 or 9 or 12))
                return Result.Invalid([new FieldError(nameof(request.Region), "region.unknown", "区域代码无效")]);
#pragma warning disable CA1310 // EF translates StartsWith to SQL
            query = query.Where(e => e.RegionCode.StartsWith(region));
#pragma warning restore CA1310
        }
        if (request.Kind is { } kind) query = query.Where(e => e.Kind == kind);
        if (request.IndustryId is { } industry) query = query.Where(e => e.IndustryId == industry);
        var text = request.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
            query = query.Where(e => e.Name.Contains(text) || (e.Contact != null && e.Contact.Contains(text)) || (e.CreditCode != null && e.CreditCode.Contains(text)));
        var list = await query.OrderBy(e => e.RegionCode).ThenBy(e => e.Name).ToListAsync(ct);
        var ids = list.Select(e => e.Id).ToList();
        var figures = await FiguresByEntityAsync(db, ids, today.Year, today, ct);
        var industries = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var names = await GetSettlementSite.RegionNamesAsync(db, list.Select(e => e.RegionCode), ct);
        var rows = list.Select(e =>
        {
            var f = figures.GetValueOrDefault(e.Id) ?? LinkageFigures.Zero;
            return new BusinessEntityRow(e.Id, e.Name, e.Kind, IndustryLabels.Label(e.Kind), e.Level, e.RegionCode, GetSettlementSite.PlaceName(names, e.RegionCode),
                e.IndustryId, e.IndustryId is { } i ? industries.GetValueOrDefault(i) : null, e.Employees, e.AreaMu, e.AnnualOutputFen,
                f.Contracts, f.Households, f.Persons, f.PaidFen);
        }).ToList();
        var all = await FiguresAsync(db, db.LinkageContracts.Where(c => ids.Contains(c.EntityId)), today.Year, today, ct);
        var totals = new BusinessEntityTotals(rows.Count, all.Contracts, all.Households, all.Persons, all.PaidFen,
            rows.Sum(r => r.Employees), rows.Sum(r => r.AreaMu), rows.Sum(r => r.AnnualOutputFen));
        return new BusinessEntityList(today, today.Year, rows, totals);
    }

    /// <summary>The figures of each entity of <paramref name="entityIds"/> in <paramref name="year"/> (only contracts started by <paramref name="asOf"/>).</summary>
    public static async Task<Dictionary<long, LinkageFigures>> FiguresByEntityAsync(AppDbContext db, IReadOnlyList<long> entityIds, int year, DateOnly asOf, CancellationToken ct)
    {
        var contracts = await ActiveIn(db.LinkageContracts.AsNoTracking().Where(c => entityIds.Contains(c.EntityId)), year, asOf)
            .Select(c => new { c.Id, c.EntityId }).ToListAsync(ct);
        var byContract = await FiguresByContractAsync(db, contracts.Select(c => c.Id).ToList(), year, ct);
        var members = await CoveredMembersAsync(db, contracts.Select(c => c.Id).ToList(), ct);
        return contracts.GroupBy(c => c.EntityId).ToDictionary(g => g.Key, g =>
        {
            var cids = g.Select(c => c.Id).ToHashSet();
            var parts = members.Where(m => cids.Contains(m.ContractId)).ToList();
            return new LinkageFigures(g.Count(), parts.Select(m => m.HouseholdId).Distinct().Count(), parts.Where(m => m.MemberId != 0).Select(m => m.MemberId).Distinct().Count(),
                g.Sum(c => byContract.GetValueOrDefault(c.Id)?.PaidFen ?? 0));
        });
    }

    /// <summary>The figures of all contracts of <paramref name="contracts"/> active in <paramref name="year"/> taken together.</summary>
    public static async Task<LinkageFigures> FiguresAsync(AppDbContext db, IQueryable<LinkageContract> contracts, int year, DateOnly asOf, CancellationToken ct)
    {
        var ids = await ActiveIn(contracts.AsNoTracking(), year, asOf).Select(c => c.Id).ToListAsync(ct);
        var members = await CoveredMembersAsync(db, ids, ct);
        var paid = await db.LinkagePayments.AsNoTracking().Where(p => ids.Contains(p.ContractId) && p.Year == year).SumAsync(p => (long?)p.AmountFen, ct) ?? 0;
        return new LinkageFigures(ids.Count, members.Select(m => m.HouseholdId).Distinct().Count(), members.Where(m => m.MemberId != 0).Select(m => m.MemberId).Distinct().Count(), paid);
    }

    /// <summary>Per contract: parties' households and persons, and what was paid for <paramref name="year"/>.</summary>
    public static async Task<Dictionary<long, LinkageFigures>> FiguresByContractAsync(AppDbContext db, IReadOnlyList<long> contractIds, int year, CancellationToken ct)
    {
        var members = await CoveredMembersAsync(db, contractIds, ct);
        var paid = await db.LinkagePayments.AsNoTracking().Where(p => contractIds.Contains(p.ContractId) && p.Year == year)
            .GroupBy(p => p.ContractId).Select(g => new { g.Key, Sum = g.Sum(p => p.AmountFen) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        return contractIds.ToDictionary(id => id, id =>
        {
            var m = members.Where(x => x.ContractId == id).ToList();
            return new LinkageFigures(1, m.Select(x => x.HouseholdId).Distinct().Count(), m.Where(x => x.MemberId != 0).Select(x => x.MemberId).Distinct().Count(), paid.GetValueOrDefault(id));
        });
    }

    /// <summary>Contracts whose period overlaps <paramref name="year"/> and that started by <paramref name="asOf"/>.</summary>
    public static IQueryable<LinkageContract> ActiveIn(IQueryable<LinkageContract> contracts, int year, DateOnly asOf)
    {
        var (first, last) = LinkageRules.YearSpan(year);
        var startBy = asOf < last ? asOf : last;
        return contracts.Where(c => c.StartOn <= startBy && (c.EndOn == null || c.EndOn >= first));
    }

    /// <summary>The (contract, household, member) ties of the visible parties: a household party yields each of its members (member 0 when it has none).</summary>
    static async Task<List<(long ContractId, long HouseholdId, long MemberId)>> CoveredMembersAsync(AppDbContext db, IReadOnlyList<long> contractIds, CancellationToken ct)
    {
        if (contractIds.Count == 0) return [];
        var parties = await db.LinkageParties.AsNoTracking().Where(p => contractIds.Contains(p.ContractId))
            .Select(p => new { p.ContractId, p.HouseholdId, p.MemberId }).ToListAsync(ct);
        var whole = parties.Where(p => p.MemberId == null).Select(p => p.HouseholdId).Distinct().ToList();
        var members = whole.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => whole.Contains(m.HouseholdId))
            .Select(m => new { m.Id, m.HouseholdId }).ToListAsync(ct);
        var byHousehold = members.GroupBy(m => m.HouseholdId).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToList());
        var result = new List<(long, long, long)>();
        foreach (var p in parties)
        {
            if (p.MemberId is { } mid) result.Add((p.ContractId, p.HouseholdId, mid));
            else if (byHousehold.TryGetValue(p.HouseholdId, out var ms)) result.AddRange(ms.Select(m => (p.ContractId, p.HouseholdId, m)));
            else result.Add((p.ContractId, p.HouseholdId, 0));
        }
        return result;
    }
}
