using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

public sealed record HouseholdEmploymentRequest(long HouseholdId, int? Year = null, CoverageRule? Rule = null);

public sealed record WillingnessEntry(long Id, bool Willing, string Label, DateOnly RecordedOn, string RecordedBy, string? Note);

public sealed record MemberJob(long Id, JobKind Kind, string KindLabel, string? Place, string? Employer, string? Post, int Months, long MonthlyIncomeFen, string RecordedBy);

public sealed record MemberWorkshopJob(long Id, long WorkshopId, string WorkshopName, DateOnly StartedOn, DateOnly? EndedOn, long MonthlyWageFen);

/// <param name="ForHousehold">A household party: it covers every member.</param>
public sealed record LinkageTie(long ContractId, long PartyId, string ContractNumber, long EntityId, string EntityName, LinkageKind Kind, string KindLabel,
    DateOnly StartOn, DateOnly? EndOn, bool ForHousehold, long? MemberId);

public sealed record HouseholdIndustry(long Id, long IndustryId, string IndustryName, int Persons, double AreaMu, double Output, string? OutputUnit, long IncomeFen);

/// <param name="State">Null when the household is 已脱贫(不再享受政策): not counted at all.</param>
/// <param name="Willingness">The latest record on or before the as-of day; <paramref name="History"/> holds every record, newest first.</param>
public sealed record MemberEmployment(long MemberId, string Name, string Relation, Gender Gender, string GenderLabel, int Age, LabourSkill Labour, string LabourLabel,
    bool Able, WillingnessEntry? Willingness, IReadOnlyList<WillingnessEntry> History, IReadOnlyList<MemberJob> Jobs, IReadOnlyList<MemberWorkshopJob> WorkshopJobs,
    IReadOnlyList<LinkageTie> Ties, CoverageState? State, string StateLabel, bool NotAsked, CoverageTies TieKinds, string TieLabel);

/// <param name="Counted">False for a household 已脱贫(不再享受政策): outside the coverage population.</param>
public sealed record HouseholdEmployment(long HouseholdId, string Number, string VillageCode, string VillageName, int Year, DateOnly AsOf, bool Counted,
    bool Relocated, PairingCadre? Cadre, CoverageFigures Figures, IReadOnlyList<MemberEmployment> Members, IReadOnlyList<LinkageTie> HouseholdTies,
    IReadOnlyList<HouseholdIndustry> Industries);

/// <summary>
/// One household's employment and industry support in a year: per member the age, labour, the latest willingness
/// and its history, jobs of the year, workshop jobs in the year, linkage ties (contract, entity, kind) and the
/// coverage state from <see cref="GetCoverage.MembersAsync"/>; the household's own industries of the year.
/// </summary>
public sealed class GetHouseholdEmployment(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<HouseholdEmployment>> HandleAsync(HouseholdEmploymentRequest request, CancellationToken ct)
    {
        var (period, failure) = GetCoverage.Period(request.Year, request.Rule, clock.Today());
        if (failure is not null) return failure;
        var (year, asOf) = period;
        var first = new DateOnly(year, 1, 1);
        var rule = request.Rule ?? new CoverageRule();
        var h = await db.Households.AsNoTracking().Where(x => x.Id == request.HouseholdId)
            .Select(x => new { x.Id, x.Number, x.VillageCode, x.Status }).SingleOrDefaultAsync(ct);
        if (h is null) return Result.NotFound("未找到该户");

        var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == h.Id).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Name, m.Relation, m.Gender, m.BirthDate, m.LabourSkill }).ToListAsync(ct);
        var coverage = (await GetCoverage.MembersAsync(db, null, h.Id, year, asOf, rule, ct)).ToDictionary(c => c.MemberId);
        var relocated = await db.RelocatedHouseholds.AnyAsync(r => r.HouseholdId == h.Id, ct);

        var willingness = await db.Willingness.AsNoTracking().Where(w => w.HouseholdId == h.Id && w.RecordedOn <= asOf)
            .OrderByDescending(w => w.RecordedOn).ThenByDescending(w => w.Id)
            .Select(w => new { w.MemberId, Entry = new WillingnessEntry(w.Id, w.Willing, w.Willing ? "有" : "无", w.RecordedOn, w.RecordedBy, w.Note) })
            .ToListAsync(ct);
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.HouseholdId == h.Id && j.Year == year).OrderBy(j => j.Id)
            .Select(j => new { j.MemberId, j.Id, j.Kind, j.Place, j.Employer, j.Post, j.Months, j.MonthlyIncomeFen, j.RecordedBy }).ToListAsync(ct);
        var workshopJobs = await (from w in db.WorkshopWorkers.AsNoTracking()
                                  join s in db.Workshops.IgnoreQueryFilters().AsNoTracking() on w.WorkshopId equals s.Id
                                  where w.HouseholdId == h.Id && w.StartedOn <= asOf && (w.EndedOn == null || w.EndedOn >= first)
                                  orderby w.StartedOn
                                  select new { w.MemberId, Job = new MemberWorkshopJob(w.Id, s.Id, s.Name, w.StartedOn, w.EndedOn, w.MonthlyWageFen) }).ToListAsync(ct);
        var ties = await (from p in db.LinkageParties.AsNoTracking()
                          join c in db.LinkageContracts.IgnoreQueryFilters().AsNoTracking() on p.ContractId equals c.Id
                          join e in db.BusinessEntities.IgnoreQueryFilters().AsNoTracking() on c.EntityId equals e.Id
                          where p.HouseholdId == h.Id && c.StartOn <= asOf && (c.EndOn == null || c.EndOn >= first)
                          orderby c.StartOn, c.Id
                          select new { c.Id, PartyId = p.Id, c.Number, EntityId = e.Id, EntityName = e.Name, c.Kind, c.StartOn, c.EndOn, p.MemberId }).ToListAsync(ct);
        var tieRows = ties.Select(t => new LinkageTie(t.Id, t.PartyId, t.Number, t.EntityId, t.EntityName, t.Kind, IndustryLabels.Label(t.Kind), t.StartOn, t.EndOn,
            t.MemberId is null, t.MemberId)).ToList();
        var industries = await (from e in db.IndustryEngagements.AsNoTracking()
                                join i in db.Industries.IgnoreQueryFilters().AsNoTracking() on e.IndustryId equals i.Id
                                where e.HouseholdId == h.Id && e.Year == year
                                orderby i.SortOrder, i.Id
                                select new HouseholdIndustry(e.Id, i.Id, i.Name, e.Persons, e.AreaMu, e.Output, i.OutputUnit, e.IncomeFen)).ToListAsync(ct);

        var cadres = await GetCoverageGaps.CadresAsync(db, [h.Id], asOf, ct);
        var names = await GetCoverageGaps.NamesAsync(db, [h.VillageCode], ct);
        var counted = h.Status != PovertyStatus.ExitedWithoutPolicy;
        var rows = members.Select(m =>
        {
            var c = coverage.GetValueOrDefault(m.Id);
            var history = willingness.Where(w => w.MemberId == m.Id).Select(w => w.Entry).ToList();
            var able = GetCoverage.IsAble(m.LabourSkill, m.BirthDate, asOf, rule);
            var state = c?.State;
            var stateLabel = state is { } s ? EmploymentRules.Label(s) : "不纳入（已脱贫不再享受政策）";
            var tieKinds = c?.Ties ?? CoverageTies.None;
            return new MemberEmployment(m.Id, m.Name, m.Relation, m.Gender, EmploymentRules.Label(m.Gender), Member.Age(m.BirthDate, asOf), m.LabourSkill,
                EmploymentRules.Label(m.LabourSkill), able, history.FirstOrDefault(), history,
                [.. jobs.Where(j => j.MemberId == m.Id).Select(j => new MemberJob(j.Id, j.Kind, IndustryLabels.Label(j.Kind), j.Place, j.Employer, j.Post, j.Months, j.MonthlyIncomeFen, j.RecordedBy))],
                [.. workshopJobs.Where(w => w.MemberId == m.Id).Select(w => w.Job)],
                [.. tieRows.Where(t => t.MemberId == m.Id)],
                state, stateLabel, c?.NotAsked ?? false, tieKinds, EmploymentRules.Label(tieKinds));
        }).ToList();

        return new HouseholdEmployment(h.Id, h.Number, h.VillageCode, names.GetValueOrDefault(h.VillageCode, h.VillageCode), year, asOf, counted, relocated,
            cadres.GetValueOrDefault(h.Id), CoverageFigures.Of(coverage.Values), rows, [.. tieRows.Where(t => t.ForHousehold)], industries);
    }
}
