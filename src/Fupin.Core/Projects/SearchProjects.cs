using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Projects;

/// <summary>
/// Filters combine with AND. <see cref="Region"/> is a county, township or village code (a township's
/// projects include its villages'); <see cref="Status"/> is the schedule status on the business date;
/// <see cref="Text"/> matches the name or the code.
/// </summary>
public sealed record SearchProjectsRequest
{
    public string? Region { get; init; }
    public ProjectCategory? Category { get; init; }
    public ProjectStage? Stage { get; init; }
    public ScheduleStatus? Status { get; init; }
    public int? Year { get; init; }
    public string? Text { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchProjects.DefaultPageSize;
}

/// <summary>A project as listed and exported; <see cref="Status"/>, <see cref="Percent"/> and <see cref="ShortfallDays"/> as of the business date.</summary>
public sealed record ProjectRow(
    long Id, string Code, string Name, ProjectCategory Category, string CategoryLabel, string RegionCode, string TownshipName, string? VillageName,
    int Year, string ResponsibleUnit, string ResponsiblePerson, long BudgetFen, ProjectStage Stage, string StageLabel, bool Returned,
    DateOnly? Deadline, int Percent, ScheduleStatus Status, string StatusLabel, int ShortfallDays,
    long AllocatedFen, long DisbursedFen, long SpentFen, int Beneficiaries, long Version);

/// <summary>The filter bar's counts over the region (and year and text): every other filter ignored.</summary>
public sealed record ProjectCounts(int Total, IReadOnlyList<ProjectLabelCount<ProjectCategory>> ByCategory,
    IReadOnlyList<ProjectLabelCount<ProjectStage>> ByStage, IReadOnlyList<ProjectLabelCount<ScheduleStatus>> ByStatus);

public sealed record ProjectLabelCount<T>(T Value, string Label, int Count);

public sealed record ProjectPage(IReadOnlyList<ProjectRow> Rows, int Total, int Page, int PageSize, ProjectCounts Counts)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// The projects of the user's scope, filtered, counted and paged. The stored <see cref="Project.Status"/> is
/// the status on the day of the last plan or report; it drifts as days pass (a milestone not started turns
/// 预警 then 滞后 with no write). So the list recomputes every project's status for the business date from
/// its current plan and reports, for all projects of the region, before filtering and counting by status:
/// a county's pool is a few hundred projects, a few thousand milestones.
/// </summary>
public sealed class SearchProjects(AppDbContext db, TimeProvider clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<Result<ProjectPage>> HandleAsync(SearchProjectsRequest request, CancellationToken ct)
    {
        var (query, failure) = Filter(request);
        if (failure is not null) return failure;
        var all = await RowsAsync(query, ct);
        var counts = new ProjectCounts(all.Count,
            [.. Enum.GetValues<ProjectCategory>().Select(c => new ProjectLabelCount<ProjectCategory>(c, ProjectLabels.Label(c), all.Count(r => r.Category == c)))],
            [.. Enum.GetValues<ProjectStage>().Select(s => new ProjectLabelCount<ProjectStage>(s, ProjectLabels.Label(s), all.Count(r => r.Stage == s)))],
            [.. Enum.GetValues<ScheduleStatus>().Select(s => new ProjectLabelCount<ScheduleStatus>(s, ProjectLabels.Label(s), all.Count(r => r.Status == s)))]);
        var rows = Narrow(all, request);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        return new ProjectPage([.. rows.Skip((page - 1) * pageSize).Take(pageSize)], rows.Count, page, pageSize, counts);
    }

    /// <summary>The facet filters (category, stage, status), applied to rows whose status is already recomputed.</summary>
    public static List<ProjectRow> Narrow(IEnumerable<ProjectRow> rows, SearchProjectsRequest request) =>
        [.. rows.Where(r => (request.Category is not { } c || r.Category == c)
            && (request.Stage is not { } s || r.Stage == s)
            && (request.Status is not { } st || r.Status == st))];

    /// <summary>The projects of the region, year and text, or what is wrong with the filters.</summary>
    public (IQueryable<Project> Query, Failure? Failure) Filter(SearchProjectsRequest request)
    {
        var errors = new List<FieldError>();
        var query = db.Projects.AsNoTracking();
#pragma warning disable CA1307, CA1310 // translated to SQL: the database compares, ordinally
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region.Trim();
            if (region.Length is 6 or 9 or 12 && region.All(char.IsAsciiDigit))
                query = query.InCounty(Distribution.CountyOf(region)).Where(p => p.RegionCode.StartsWith(region));
            else
                errors.Add(new FieldError(nameof(request.Region), "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码"));
        }
        if (request.Year is { } year)
        {
            if (year is >= 2000 and <= 2100) query = query.Where(p => p.Year == year);
            else errors.Add(new FieldError(nameof(request.Year), "project.year_invalid", "项目年度无效"));
        }
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var text = request.Text.Trim();
            if (text.Length > 40)
                errors.Add(new FieldError(nameof(request.Text), "text.too_long", "查询内容不能超过40字"));
            else
            {
                var code = text.ToUpperInvariant();
                query = query.Where(p => p.Name.Contains(text) || p.Code.StartsWith(code));
            }
        }
#pragma warning restore CA1307, CA1310
        if (request.Category is { } category && !Enum.IsDefined(category))
            errors.Add(new FieldError(nameof(request.Category), "project.category_invalid", "项目类别无效"));
        if (request.Stage is { } stage && !Enum.IsDefined(stage))
            errors.Add(new FieldError(nameof(request.Stage), "project.stage_invalid", "项目环节无效"));
        if (request.Status is { } status && !Enum.IsDefined(status))
            errors.Add(new FieldError(nameof(request.Status), "status.invalid", "工期状态无效"));
        return (query, errors.Count > 0 ? Result.Invalid(errors) : null);
    }

    /// <summary>Rows with region names, beneficiary counts and the schedule judged on the business date.</summary>
    public async Task<List<ProjectRow>> RowsAsync(IQueryable<Project> query, CancellationToken ct)
    {
        var today = clock.Today();
        var projects = await query
            .Select(p => new
            {
                p.Id, p.Code, p.Name, p.Category, p.RegionCode, p.Year, p.ResponsibleUnit, p.ResponsiblePerson, p.BudgetFen, p.Stage,
                Returned = p.ReturnedReason != null, p.Deadline, p.PlanNumber, p.AllocatedFen, p.DisbursedFen, p.SpentFen, p.Version,
                TownshipName = db.Regions.Where(r => r.Code == p.RegionCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
                VillageName = db.Regions.Where(r => r.Code == p.RegionCode && p.RegionCode.Length == 12).Select(r => r.Name).FirstOrDefault(),
                Beneficiaries = db.ProjectBeneficiaries.Count(b => b.CountyCode == p.CountyCode && b.ProjectId == p.Id),
            })
            .ToListAsync(ct);
        var milestones = (await db.PlannedMilestones.AsNoTracking()
            .Join(db.ProjectPlans, m => new { Plan = m.PlanId, County = m.CountyCode }, pl => new { Plan = pl.Id, County = pl.CountyCode }, (m, pl) => new { m, pl })
            .Where(x => query.Any(p => x.pl.ProjectId == p.Id && x.pl.CountyCode == p.CountyCode && x.pl.Number == p.PlanNumber))
            .Select(x => new { x.pl.ProjectId, Milestone = new ScheduledMilestone(x.m.Seq, x.m.Name, x.m.DurationDays, x.m.LatestStart, x.m.LatestFinish) })
            .ToListAsync(ct))
            .GroupBy(x => x.ProjectId).ToDictionary(g => g.Key, g => g.Select(x => x.Milestone).OrderBy(m => m.Seq).ToList());
        var reports = (await db.ProgressReports.AsNoTracking()
            .Where(r => r.ReportedOn <= today && query.Any(p => r.ProjectId == p.Id && r.CountyCode == p.CountyCode))
            .ToListAsync(ct))
            .ToLookup(r => r.ProjectId);
        return
        [
            .. projects.Select(p =>
            {
                var judged = GetProjectSchedule.Judge(milestones.GetValueOrDefault(p.Id) ?? [], reports[p.Id], today);
                return new ProjectRow(p.Id, p.Code, p.Name, p.Category, ProjectLabels.Label(p.Category), p.RegionCode, p.TownshipName ?? "", p.VillageName,
                    p.Year, p.ResponsibleUnit, p.ResponsiblePerson, p.BudgetFen, p.Stage, ProjectLabels.Label(p.Stage), p.Returned,
                    p.Deadline, judged.Percent, judged.Status, ProjectLabels.Label(judged.Status), judged.ShortfallDays,
                    p.AllocatedFen, p.DisbursedFen, p.SpentFen, p.Beneficiaries, p.Version);
            })
            .OrderBy(r => r.RegionCode[..Math.Min(9, r.RegionCode.Length)], StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal),
        ];
    }
}
