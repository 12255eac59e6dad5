using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Industries;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Employment;

public sealed record RecordJobRequest
{
    public long MemberId { get; init; }
    public int Year { get; init; }
    public JobKind Kind { get; init; }
    public int Months { get; init; }

    /// <summary>务工地点; required for migrant work.</summary>
    public string? Place { get; init; }
    public string? Employer { get; init; }

    /// <summary>岗位; required for a public-welfare post (护林员, 保洁员 …).</summary>
    public string? Post { get; init; }
    public long MonthlyIncomeFen { get; init; }
    public required string User { get; init; }
    public Role Role { get; init; }
}

public sealed record JobSaved(long Id, long HouseholdId, long MemberId, int Year);

/// <summary>
/// Records a member's job of a year (外出务工, 就近就业, 公益岗位) with the months worked: the member visible to the
/// user and of working age (16) in the year, the year not after the business year, 1–12 months, a place for
/// migrant work and a post for a public-welfare job. The same job twice is refused. Bad input writes nothing.
/// </summary>
public sealed class RecordJob(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<JobSaved>> HandleAsync(RecordJobRequest r, CancellationToken ct)
    {
        if (!IndustryRoles.CanRecordEmployment(r.Role)) return Result.Invalid([EmploymentRules.NotAllowed(nameof(r.MemberId))]);
        var today = clock.Today();
        var errors = new List<FieldError>();
        var m = await db.Members.AsNoTracking().Where(x => x.Id == r.MemberId)
            .Select(x => new { x.Id, x.HouseholdId, x.CountyCode, x.BirthDate, x.Name, Village = x.Household!.VillageCode }).SingleOrDefaultAsync(ct);
        if (m is null) errors.Add(EmploymentRules.MemberUnknown(nameof(r.MemberId)));
        var yearOk = r.Year >= 2000 && r.Year <= today.Year;
        if (!yearOk) errors.Add(new FieldError(nameof(r.Year), "employment.year_invalid", $"年度应在2000年至{today.Year}年之间"));
        if (!Enum.IsDefined(r.Kind)) errors.Add(new FieldError(nameof(r.Kind), "employment.kind_invalid", "请选择就业类型"));
        if (r.Months is < 1 or > 12) errors.Add(new FieldError(nameof(r.Months), "employment.months_invalid", "务工时间应为1至12个月"));
        var place = EmploymentRules.Trimmed(r.Place);
        var employer = EmploymentRules.Trimmed(r.Employer);
        var post = EmploymentRules.Trimmed(r.Post);
        if (r.Kind == JobKind.Migrant && place is null) errors.Add(new FieldError(nameof(r.Place), "employment.place_required", "外出务工请填写务工地点"));
        if (r.Kind == JobKind.PublicWelfare && post is null) errors.Add(new FieldError(nameof(r.Post), "employment.post_required", "公益岗位请填写岗位名称（如护林员、保洁员）"));
        if (place is { Length: > 64 }) errors.Add(new FieldError(nameof(r.Place), "employment.place_too_long", "务工地点最多64个字"));
        if (employer is { Length: > 100 }) errors.Add(new FieldError(nameof(r.Employer), "employment.employer_too_long", "用工单位最多100个字"));
        if (post is { Length: > 32 }) errors.Add(new FieldError(nameof(r.Post), "employment.post_too_long", "岗位名称最多32个字"));
        if (r.MonthlyIncomeFen is < 0 or > EmploymentRules.MaxMonthlyIncomeFen)
            errors.Add(new FieldError(nameof(r.MonthlyIncomeFen), "employment.income_invalid", "月收入应为0至10万元"));
        if (m is not null && yearOk)
        {
            var end = new DateOnly(r.Year, 12, 31);
            var asOf = end < today ? end : today;
            if (Registry.Member.Age(m.BirthDate, asOf) < EmploymentRules.MinWorkingAge)
                errors.Add(new FieldError(nameof(r.MemberId), "employment.under_age", $"{m.Name}在{r.Year}年未满{EmploymentRules.MinWorkingAge}周岁，不能登记就业"));
        }
        if (errors.Count == 0 && await db.Jobs.AnyAsync(j => j.MemberId == r.MemberId && j.Year == r.Year && j.Kind == r.Kind
                && j.Place == place && j.Employer == employer && j.Post == post, ct))
            errors.Add(new FieldError(nameof(r.MemberId), "employment.job_exists", $"{m!.Name}{r.Year}年的这项就业已经登记过"));
        if (errors.Count > 0) return Result.Invalid(errors);

        var job = new Job
        {
            CountyCode = m!.CountyCode, VillageCode = m.Village, HouseholdId = m.HouseholdId, MemberId = m.Id, Year = r.Year, Kind = r.Kind,
            Place = place, Employer = employer, Post = post, Months = r.Months, MonthlyIncomeFen = r.MonthlyIncomeFen,
            RecordedBy = EmploymentRules.Clip(r.User, 64), RecordedAt = clock.GetUtcNow(),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        return new JobSaved(job.Id, job.HouseholdId, job.MemberId, job.Year);
    }
}
