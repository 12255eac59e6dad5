using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

/// <param name="Region">A county, township or village code; null: the user's whole scope.</param>
/// <param name="Year">Null: the business year.</param>
/// <param name="Limit">Rows returned (the totals count all); null: all (the export).</param>
public sealed record SearchJobsRequest(string? Region = null, int? Year = null, JobKind? Kind = null, int Offset = 0, int? Limit = SearchJobs.DefaultLimit);

public sealed record JobRow(long Id, long HouseholdId, long MemberId, string VillageCode, string TownshipName, string VillageName, string HouseholdNumber,
    string MemberName, Gender Gender, string GenderLabel, int Age, int Year, JobKind Kind, string KindLabel, string? Place, string? Employer, string? Post,
    int Months, long MonthlyIncomeFen, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>Persons (distinct members) and person-months (人月) of one kind of job, and the income (months × monthly income, fen).</summary>
public sealed record JobKindTotal(JobKind Kind, string Label, int Jobs, int Persons, int PersonMonths, long IncomeFen);

/// <param name="Persons">Distinct members with any job.</param>
public sealed record JobList(string? RegionCode, string RegionName, int Year, DateOnly AsOf, int Total, int Offset, IReadOnlyList<JobRow> Rows,
    IReadOnlyList<JobKindTotal> ByKind, int Persons, int PersonMonths);

/// <summary>就业台账: the jobs of a region and year (optionally of one kind), by village and household, with totals by kind.</summary>
public sealed class SearchJobs(AppDbContext db, TimeProvider clock)
{
    public const int DefaultLimit = 200;

    public async Task<Result<JobList>> HandleAsync(SearchJobsRequest request, CancellationToken ct)
    {
        var today = clock.Today();
        var (period, failure) = GetCoverage.Period(request.Year, null, today);
        if (failure is not null) return failure;
        var region = EmploymentRules.Trimmed(request.Region);
        var regionName = "全部";
        if (region is not null)
        {
            var (name, regionFailure) = await GetCoverage.RegionAsync(db, region, ct);
            if (regionFailure is not null) return regionFailure;
            regionName = name!;
        }
        if (request.Offset < 0 || request.Limit is < 1) return Result.Invalid([new FieldError("Limit", "employment.page_invalid", "分页参数有误")]);

        var query = from j in db.Jobs.AsNoTracking()
                    join h in db.Households.AsNoTracking() on j.HouseholdId equals h.Id
                    join m in db.Members.AsNoTracking() on j.MemberId equals m.Id
                    where j.Year == period.Year
                    select new { Job = j, h.VillageCode, h.Number, m.Name, m.Gender, m.BirthDate };
#pragma warning disable CA1310 // EF prefix match
        if (region is not null) query = query.Where(x => x.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        if (request.Kind is { } kind) query = query.Where(x => x.Job.Kind == kind);

        var facts = await query.Select(x => new { x.Job.Id, x.Job.MemberId, x.Job.Kind, x.Job.Months, x.Job.MonthlyIncomeFen }).ToListAsync(ct);
        var byKind = facts.GroupBy(f => f.Kind).OrderBy(g => g.Key)
            .Select(g => new JobKindTotal(g.Key, IndustryLabels.Label(g.Key), g.Count(), g.Select(f => f.MemberId).Distinct().Count(), g.Sum(f => f.Months),
                g.Sum(f => f.Months * f.MonthlyIncomeFen)))
            .ToList();

        var page = await query.OrderBy(x => x.VillageCode).ThenBy(x => x.Number).ThenBy(x => x.Job.MemberId).ThenBy(x => x.Job.Id)
            .Skip(request.Offset).Take(request.Limit ?? int.MaxValue)
            .ToListAsync(ct);
        var villages = page.Select(p => p.VillageCode).Distinct(StringComparer.Ordinal).ToList();
        var names = await GetCoverageGaps.NamesAsync(db, villages.Concat(villages.Select(v => v[..9])).Distinct(StringComparer.Ordinal).ToList(), ct);
        var rows = page.Select(p =>
        {
            var end = new DateOnly(p.Job.Year, 12, 31);
            return new JobRow(p.Job.Id, p.Job.HouseholdId, p.Job.MemberId, p.VillageCode, names.GetValueOrDefault(p.VillageCode[..9], ""),
                names.GetValueOrDefault(p.VillageCode, p.VillageCode), p.Number, p.Name, p.Gender, EmploymentRules.Label(p.Gender),
                Member.Age(p.BirthDate, end < today ? end : today), p.Job.Year, p.Job.Kind, IndustryLabels.Label(p.Job.Kind),
                p.Job.Place, p.Job.Employer, p.Job.Post, p.Job.Months, p.Job.MonthlyIncomeFen, p.Job.RecordedBy, p.Job.RecordedAt);
        }).ToList();

        return new JobList(region, regionName, period.Year, period.AsOf, facts.Count, request.Offset, rows, byKind,
            facts.Select(f => f.MemberId).Distinct().Count(), facts.Sum(f => f.Months));
    }
}
