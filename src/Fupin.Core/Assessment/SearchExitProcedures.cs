using Fupin.Common;
using Fupin.Data;
using Fupin.Households;
using Fupin.Registry;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Assessment;

/// <summary>
/// Filters are optional and combine with AND. <see cref="Region"/> is a county, township or village
/// code; <see cref="NextStep"/> picks procedures in progress whose next step due is that one;
/// <see cref="Text"/> matches a 户编号 from its start or a member's name.
/// </summary>
public sealed record SearchExitProceduresRequest
{
    public string? Region { get; init; }
    public int? Year { get; init; }
    public ExitProcedureStatus? Status { get; init; }
    public ExitStep? NextStep { get; init; }
    public bool? Overridden { get; init; }
    public string? Text { get; init; }
    public long? HouseholdId { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = SearchExitProcedures.DefaultPageSize;
}

/// <summary>A procedure as listed: names, never ID numbers.</summary>
public sealed record ExitProcedureRow(
    long Id, long HouseholdId, string HouseholdNumber, string HeadName, string VillageCode, string VillageName, string TownshipName,
    int Year, ExitProcedureStatus Status, string StatusLabel, int StepsDone, ExitStep? NextStep, string? NextStepLabel,
    ExitStep? LastStep, string? LastStepLabel, DateOnly? LastStepDate, bool TestPassed, string TestSummary, bool Overridden,
    string StartedBy, DateTimeOffset StartedAt, DateOnly? CompletedOn, long Version);

public sealed record ExitProcedurePage(IReadOnlyList<ExitProcedureRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public sealed record ExitFunnelRequest(string Region, int Year);

/// <param name="Reached">Procedures (not cancelled) in which the step has been recorded.</param>
/// <param name="Waiting">Procedures in progress whose next step due is this one.</param>
public sealed record ExitFunnelStep(ExitStep Step, string Label, int Reached, int Waiting);

/// <param name="Planned">Households of the region whose planned exit year is the year (计划脱贫).</param>
/// <param name="NotStarted">Of those, still poor and without a procedure of the year that is in progress or completed.</param>
public sealed record ExitFunnel(string Region, string RegionName, int Year, int Planned, int NotStarted, int Started, int InProgress, int Completed, int Cancelled,
    IReadOnlyList<ExitFunnelStep> Steps);

/// <summary>The exit procedures of the user's scope (the query filter hides the rest), filtered and paged in the database, and the funnel per step.</summary>
public sealed class SearchExitProcedures(AppDbContext db)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public async Task<Result<ExitProcedurePage>> HandleAsync(SearchExitProceduresRequest request, CancellationToken ct)
    {
        var (query, failure) = Filter(request);
        if (failure is not null) return failure;
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = Math.Max(request.Page, 1);
        var total = await query.CountAsync(ct);
        var rows = await RowsAsync(Ordered(query).Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new ExitProcedurePage(rows, total, page, pageSize);
    }

    public static IQueryable<ExitProcedure> Ordered(IQueryable<ExitProcedure> query) =>
        query.OrderBy(p => p.VillageCode).ThenBy(p => p.HouseholdId).ThenBy(p => p.Id);

    /// <summary>The rows of a query of procedures, with the names of village, township and household head.</summary>
    public async Task<List<ExitProcedureRow>> RowsAsync(IQueryable<ExitProcedure> query, CancellationToken ct)
    {
        var rows = await query
            .Select(p => new
            {
                p.Id, p.HouseholdId, p.VillageCode, p.Year, p.Status, p.TestPassed, p.TestSummary, Overridden = p.OverrideBy != null,
                p.StartedBy, p.StartedAt, p.CompletedOn, p.Version,
                StepsDone = p.Steps.Count,
                LastStep = p.Steps.OrderByDescending(s => s.Step).Select(s => (ExitStep?)s.Step).FirstOrDefault(),
                LastDate = p.Steps.OrderByDescending(s => s.Step).Select(s => (DateOnly?)s.Date).FirstOrDefault(),
                HouseholdNumber = db.Households.Where(h => h.Id == p.HouseholdId).Select(h => h.Number).FirstOrDefault(),
                HeadName = db.Members.Where(m => m.HouseholdId == p.HouseholdId && m.Relation == MemberRules.Head).OrderBy(m => m.Id).Select(m => m.Name).FirstOrDefault(),
                VillageName = db.Regions.Where(r => r.Code == p.VillageCode).Select(r => r.Name).FirstOrDefault(),
                TownshipName = db.Regions.Where(r => r.Code == p.VillageCode.Substring(0, 9)).Select(r => r.Name).FirstOrDefault(),
            })
            .AsNoTracking()
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r =>
            {
                var next = r.Status == ExitProcedureStatus.InProgress ? ExitWorkflow.Next(r.StepsDone) : null;
                return new ExitProcedureRow(r.Id, r.HouseholdId, r.HouseholdNumber ?? "", r.HeadName ?? "", r.VillageCode, r.VillageName ?? r.VillageCode, r.TownshipName ?? "",
                    r.Year, r.Status, ExitWorkflow.Label(r.Status), r.StepsDone, next, next is { } n ? ExitWorkflow.Label(n) : null,
                    r.LastStep, r.LastStep is { } l ? ExitWorkflow.Label(l) : null, r.LastDate, r.TestPassed, r.TestSummary, r.Overridden,
                    r.StartedBy, r.StartedAt, r.CompletedOn, r.Version);
            }),
        ];
    }

    /// <summary>The procedures matching the filters (the export uses them too), or what is wrong with the filters.</summary>
    public (IQueryable<ExitProcedure> Query, Failure? Failure) Filter(SearchExitProceduresRequest request)
    {
        var errors = new List<FieldError>();
        var query = db.ExitProcedures.AsNoTracking();

#pragma warning disable CA1307, CA1310 // translated to SQL: the database compares, ordinally
        if (!string.IsNullOrWhiteSpace(request.Region))
        {
            var region = request.Region.Trim();
            if (ValidRegion(region)) query = query.Where(p => p.VillageCode.StartsWith(region));
            else errors.Add(RegionError(region));
        }
        if (request.Year is { } year)
        {
            if (year is >= 2014 and <= 2100) query = query.Where(p => p.Year == year);
            else errors.Add(new FieldError(nameof(request.Year), "year.invalid", "年度无效"));
        }
        if (request.Status is { } status)
        {
            if (Enum.IsDefined(status)) query = query.Where(p => p.Status == status);
            else errors.Add(new FieldError(nameof(request.Status), "status.invalid", "程序状态无效"));
        }
        if (request.NextStep is { } step)
        {
            var done = (int)step - 1;
            if (Enum.IsDefined(step)) query = query.Where(p => p.Status == ExitProcedureStatus.InProgress && p.Steps.Count == done);
            else errors.Add(new FieldError(nameof(request.NextStep), "exit.step_invalid", "退出程序步骤无效"));
        }
        if (request.Overridden is { } overridden) query = overridden ? query.Where(p => p.OverrideBy != null) : query.Where(p => p.OverrideBy == null);
        if (request.HouseholdId is { } householdId) query = query.Where(p => p.HouseholdId == householdId);
        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            var text = request.Text.Trim();
            if (text.Length > 40)
                errors.Add(new FieldError(nameof(request.Text), "text.too_long", "查询内容不能超过40字"));
            else
                query = query.Where(p => db.Households.Any(h => h.Id == p.HouseholdId && (h.Number.StartsWith(text) || h.Members.Any(m => m.Name.Contains(text)))));
        }
#pragma warning restore CA1307, CA1310
        return (query, errors.Count > 0 ? Result.Invalid(errors) : null);
    }

    /// <summary>How many households of the region stand at each step of the year's exit procedure.</summary>
    public async Task<Result<ExitFunnel>> FunnelAsync(ExitFunnelRequest request, CancellationToken ct)
    {
        var region = request.Region.Trim();
        if (!ValidRegion(region)) return Result.Invalid([RegionError(region)]);
        if (request.Year is < 2014 or > 2100) return Result.Invalid([new FieldError(nameof(request.Year), "year.invalid", "年度无效")]);
        var name = await db.Regions.AsNoTracking().Where(r => r.Code == region).Select(r => r.Name).FirstOrDefaultAsync(ct);
        if (name is null) return Result.NotFound("区域不存在");
        var year = request.Year;

#pragma warning disable CA1310 // translated to SQL
        var procedures = await db.ExitProcedures.AsNoTracking().Where(p => p.VillageCode.StartsWith(region) && p.Year == year)
            .Select(p => new { p.Status, Done = p.Steps.Count }).ToListAsync(ct);
        var cohort = db.Households.AsNoTracking().Where(h => h.VillageCode.StartsWith(region) && h.PlannedExitYear == year);
#pragma warning restore CA1310
        var planned = await cohort.CountAsync(ct);
        var notStarted = await cohort.CountAsync(h => (h.Status == PovertyStatus.NotExited || h.Status == PovertyStatus.Relapsed)
            && !db.ExitProcedures.Any(p => p.HouseholdId == h.Id && p.Year == year && p.Status != ExitProcedureStatus.Cancelled), ct);

        var live = procedures.Where(p => p.Status != ExitProcedureStatus.Cancelled).ToList();
        var steps = ExitWorkflow.Steps.Select(s => new ExitFunnelStep(s, ExitWorkflow.Label(s),
            live.Count(p => p.Done >= (int)s),
            live.Count(p => p.Status == ExitProcedureStatus.InProgress && p.Done == (int)s - 1))).ToList();
        return new ExitFunnel(region, name, year, planned, notStarted, live.Count,
            procedures.Count(p => p.Status == ExitProcedureStatus.InProgress),
            procedures.Count(p => p.Status == ExitProcedureStatus.Completed),
            procedures.Count(p => p.Status == ExitProcedureStatus.Cancelled), steps);
    }

    static bool ValidRegion(string region) => region.Length is 2 or 4 or 6 or 9 or 12 && region.All(char.IsAsciiDigit);

    static FieldError RegionError(string region) =>
        new("Region", "region.invalid", $"区划代码“{region}”无效，应为6位县级、9位乡级或12位村级代码");
}
