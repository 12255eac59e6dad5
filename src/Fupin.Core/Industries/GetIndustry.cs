using Fupin.Common;
using Fupin.Data;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Industries;

/// <param name="Year">The year of the figures and payments; null: the business date's year.</param>
public sealed record GetIndustryRequest(long Id, int? Year = null);

public sealed record IndustryEntityRow(long Id, string Name, EntityKind Kind, string KindLabel, string? Level, string RegionCode, string TownshipName, string PlaceName,
    int Employees, double AreaMu, long AnnualOutputFen, int ActiveContracts);

/// <param name="Parties">Parties of the contract the user sees (households and persons).</param>
/// <param name="PaidFen">Payments of the year to those parties, fen.</param>
public sealed record IndustryContractRow(long Id, string Number, long EntityId, string EntityName, LinkageKind Kind, string KindLabel, string? Model,
    DateOnly StartOn, DateOnly? EndOn, bool Active, int Parties, long PaidFen);

/// <param name="Percent">Actual ÷ target in percent, one decimal, rounded half away from zero; null without a positive target or an actual.</param>
public sealed record IndustryPlanLine(long Id, PlanItemKind Kind, string KindLabel, string Name, string? RegionCode, string? PlaceName, string? Unit,
    double? Target, double? Actual, decimal? Percent, DateOnly? Deadline, bool Overdue, string? Detail, int SortOrder, long Version);

public sealed record IndustryPlanGroup(PlanItemKind Kind, string Label, IReadOnlyList<IndustryPlanLine> Lines);

public sealed record IndustryDetails(LocalIndustryRow Industry, string CountyName, int Year, DateOnly AsOf, IndustryFigures Figures,
    IReadOnlyList<IndustryPlaceRow> ByTownship, IReadOnlyList<IndustryEntityRow> Entities, IReadOnlyList<IndustryContractRow> Contracts,
    IReadOnlyList<IndustryPlanGroup> Plan, IReadOnlyList<int> Years);

/// <summary>
/// One local industry (/industry/{id}): its figures in the county for the year and by township, its business
/// entities, its linkage contracts (number, entity, kind, parties, paid this year) and its plan lines grouped by
/// kind with the percent reached. Household-level figures obey the user's scope.
/// </summary>
public sealed class GetIndustry(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<IndustryDetails>> HandleAsync(GetIndustryRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var industry = await db.Industries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.Id, ct);
        if (industry is null) return Result.NotFound("特色产业不存在");
        var year = request.Year ?? today.Year;
        if (year < GetIndustryOverview.FirstYear || year > today.Year)
            return Result.Invalid([new FieldError(nameof(request.Year), "industry.year_invalid", $"年度应在{GetIndustryOverview.FirstYear}年至{today.Year}年之间")]);
        var county = industry.CountyCode;
        var facts = await IndustryFacts.LoadAsync(db, county, year, today, industry.Id, ct);
        var figures = facts.Figures(industry.Id, county, withOutput: true);
        var byTownship = facts.Places.Select(p => new IndustryPlaceRow(p.Code, p.Name, facts.Figures(industry.Id, p.Code, withOutput: true))).ToList();
        var first = new DateOnly(year, 1, 1);
        var asOf = facts.AsOf;

        var entities = await db.BusinessEntities.AsNoTracking().Where(e => e.IndustryId == industry.Id)
            .OrderBy(e => e.Kind).ThenBy(e => e.RegionCode).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Name, e.Kind, e.Level, e.RegionCode, e.Employees, e.AreaMu, e.AnnualOutputFen }).ToListAsync(ct);
        var contracts = await (from c in db.LinkageContracts.AsNoTracking()
                               join e in db.BusinessEntities.AsNoTracking() on c.EntityId equals e.Id
                               where (c.IndustryId ?? e.IndustryId) == industry.Id
                               orderby c.StartOn descending, c.Number
                               select new { c.Id, c.Number, c.EntityId, EntityName = e.Name, c.Kind, c.Model, c.StartOn, c.EndOn }).ToListAsync(ct);
        var ids = contracts.Select(c => c.Id).ToList();
        var parties = await db.LinkageParties.AsNoTracking().Where(p => ids.Contains(p.ContractId))
            .GroupBy(p => p.ContractId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var paid = await db.LinkagePayments.AsNoTracking().Where(p => ids.Contains(p.ContractId) && p.Year == year && p.PaidOn <= today)
            .GroupBy(p => p.ContractId).Select(g => new { g.Key, Sum = g.Sum(p => p.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        bool Active(DateOnly start, DateOnly? end) => start <= asOf && (end is null || end.Value >= first);
        var contractRows = contracts.Select(c => new IndustryContractRow(c.Id, c.Number, c.EntityId, c.EntityName, c.Kind, IndustryLabels.Label(c.Kind), c.Model,
            c.StartOn, c.EndOn, Active(c.StartOn, c.EndOn), parties.GetValueOrDefault(c.Id), paid.GetValueOrDefault(c.Id))).ToList();
        var activeByEntity = contractRows.Where(c => c.Active).GroupBy(c => c.EntityId).ToDictionary(g => g.Key, g => g.Count());

        var plan = await db.IndustryPlanItems.AsNoTracking().Where(p => p.IndustryId == industry.Id)
            .OrderBy(p => p.Kind).ThenBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(ct);
        var codes = entities.Select(e => e.RegionCode).Concat(entities.Select(e => IndustryPlanRules.TownshipOf(e.RegionCode)))
            .Concat(plan.Where(p => p.RegionCode is not null).SelectMany(p => new[] { p.RegionCode!, IndustryPlanRules.TownshipOf(p.RegionCode!) }))
            .Append(county).Distinct(StringComparer.Ordinal).ToList();
        var names = await IndustryPlanRules.NamesAsync(db, codes, ct);
        string PlaceName(string code) => code.Length > 9
            ? names.GetValueOrDefault(code[..9], "") + names.GetValueOrDefault(code, code)
            : names.GetValueOrDefault(code, code);

        var entityRows = entities.Select(e => new IndustryEntityRow(e.Id, e.Name, e.Kind, IndustryLabels.Label(e.Kind), e.Level, e.RegionCode,
            names.GetValueOrDefault(IndustryPlanRules.TownshipOf(e.RegionCode), ""), PlaceName(e.RegionCode), e.Employees, e.AreaMu, e.AnnualOutputFen,
            activeByEntity.GetValueOrDefault(e.Id))).ToList();
        var groups = Enum.GetValues<PlanItemKind>().Select(k => new IndustryPlanGroup(k, IndustryLabels.Label(k),
            [.. plan.Where(p => p.Kind == k).Select(p => Line(p, p.RegionCode is null ? null : PlaceName(p.RegionCode), today))])).ToList();

        return new IndustryDetails(IndustryPlanRules.Row(industry), names.GetValueOrDefault(county, county), year, asOf, figures, byTownship, entityRows, contractRows,
            groups, [.. Enumerable.Range(GetIndustryOverview.FirstYear, today.Year - GetIndustryOverview.FirstYear + 1).Reverse()]);
    }

    internal static IndustryPlanLine Line(IndustryPlanItem p, string? placeName, DateOnly today) =>
        new(p.Id, p.Kind, IndustryLabels.Label(p.Kind), p.Name, p.RegionCode, placeName, p.Unit, p.Target, p.Actual, Percent(p.Actual, p.Target), p.Deadline,
            p.Deadline is { } d && d < today && (Percent(p.Actual, p.Target) ?? 0m) < 100m && p.Target is > 0, p.Detail, p.SortOrder, p.Version);

    /// <summary>Actual ÷ target in percent, one decimal, half away from zero; null without a positive target or an actual.</summary>
    public static decimal? Percent(double? actual, double? target) =>
        actual is { } a && target is { } t && t > 0 ? decimal.Round(100m * (decimal)a / (decimal)t, 1, MidpointRounding.AwayFromZero) : null;
}
