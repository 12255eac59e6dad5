using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Employment;
using Fupin.Industries;
using Fupin.Regions;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Employment;

/// <summary>Who records jobs and willingness, as an authorization policy.</summary>
public static class EmploymentPolicies
{
    /// <summary><see cref="IndustryRoles.CanRecordEmployment"/>: county office, townships, village cadres, pairing cadres.</summary>
    public const string RecordEmployment = "RecordEmployment";
}

/// <summary>Query string of the coverage pages, lists and exports.</summary>
public sealed record CoverageQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "offset")] public int? Offset { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
    [FromQuery(Name = "relocated")] public bool? Relocated { get; init; }
}

/// <summary>Query string of the jobs ledger.</summary>
public sealed record JobsQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "kind")] public JobKind? Kind { get; init; }
    [FromQuery(Name = "offset")] public int? Offset { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }
}

/// <summary>The monthly income in 元 (at most two decimals), 0 or more; omitted: 0.</summary>
public sealed record JobBody(long MemberId, int Year, JobKind Kind, int Months, string? Place, string? Employer, string? Post, decimal? MonthlyIncomeYuan);

/// <summary><c>recordedOn</c> defaults to today; <c>note</c> is required with <c>willing: false</c>.</summary>
public sealed record WillingnessBody(long MemberId, bool Willing, DateOnly? RecordedOn, string? Note);

/// <summary>Jobs, development willingness and the coverage of every able poor person: /api/employment.</summary>
public static class EmploymentApi
{
    public const int DefaultGapLimit = 200;

    public static IServiceCollection AddEmployment(this IServiceCollection services)
    {
        services.AddScoped<GetCoverage>()
            .AddScoped<GetCoverageGaps>()
            .AddScoped<ExportCoverageGaps>()
            .AddScoped<RecordJob>()
            .AddScoped<RemoveJob>()
            .AddScoped<SearchJobs>()
            .AddScoped<ExportJobs>()
            .AddScoped<RecordWillingness>()
            .AddScoped<GetHouseholdEmployment>();
        services.AddAuthorizationBuilder()
            .AddPolicy(EmploymentPolicies.RecordEmployment, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && IndustryRoles.CanRecordEmployment(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapEmploymentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/employment").WithTags("就业与覆盖");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var record = api.MapGroup("").RequireAuthorization(EmploymentPolicies.RecordEmployment);
        read.MapGet("/coverage", Coverage).WithName("GetEmploymentCoverage")
            .WithSummary("产业就业帮扶覆盖率（region 县/乡镇/村代码，默认本人管辖范围；year 默认今年，截至 min(今天, 12月31日)）：有劳动能力、无发展意愿、应覆盖、已覆盖、未覆盖、意愿未登记人数，易地搬迁户单列，及各乡镇（县）或各村（乡镇）的同样数字");
        read.MapGet("/coverage/gaps", Gaps).WithName("GetEmploymentCoverageGaps")
            .WithSummary("未覆盖名单（region、year、offset、limit 默认200最多1000、relocated=true 只列易地搬迁户）：每个未覆盖的应覆盖人员（村、户编号、户主、姓名、性别、年龄、劳动能力、意愿未登记、搬迁户、当前帮扶责任人及单位和电话），另列无发展意愿人员（登记日期、登记人、原因）；按村、户编号排序");
        read.MapGet("/coverage/gaps/export", ExportGaps).WithName("ExportEmploymentCoverageGaps")
            .WithSummary("导出未覆盖名单（.xlsx：未覆盖名单、无发展意愿名单两张表，首行为区域、年度、截至日期；导出记入审计日志）");
        read.MapGet("/jobs", Jobs).WithName("SearchJobs")
            .WithSummary("就业台账（region、year、kind=Migrant|Local|PublicWelfare、offset、limit 默认200）：每条就业记录，及按类型的人数、人月、收入（分）");
        read.MapGet("/jobs/export", ExportJobsFile).WithName("ExportJobs").WithSummary("导出就业台账（.xlsx：就业台账、按类型汇总；导出记入审计日志）");
        read.MapGet("/households/{id:long}", Household).WithName("GetHouseholdEmployment")
            .WithSummary("一户的就业与产业帮扶（year）：每人年龄、劳动能力、最新发展意愿及历史、当年就业、车间务工、利益联结（合同编号、经营主体、方式）、覆盖状态；本户当年自主发展产业");
        record.MapPost("/jobs", AddJob).WithName("RecordJob")
            .WithSummary("登记就业（memberId、year ≤ 今年、kind、months 1–12、place 外出务工必填、employer、post 公益岗位必填、monthlyIncomeYuan）；错误码 employment.*，角色不符 industry.not_allowed");
        record.MapDelete("/jobs/{id:long}", DeleteJob).WithName("RemoveJob").WithSummary("删除误登的就业记录");
        record.MapPost("/willingness", AddWillingness).WithName("RecordWillingness")
            .WithSummary("登记发展意愿（memberId、willing、recordedOn 默认今天且不晚于今天、note 无意愿时必填）；无劳动能力或不在16–60周岁的人员不登记：willingness.not_able");

        app.MapGet("/employment/coverage/export", ExportGaps).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        app.MapGet("/employment/export", ExportJobsFile).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static Results<Ok<T>, ValidationProblem, NotFound<ProblemDetails>> Answer<T>(Result<T> result) => result.Failure switch
    {
        null => TypedResults.Ok(result.Value!),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
        var f => ApiProblems.Invalid(f),
    };

    /// <summary>
    /// The region a page or list opens on: the user's own region (a village cadre's village, a township officer's
    /// township), or the county when the user sees everything or a wider region.
    /// </summary>
    public static async Task<string> DefaultRegionAsync(AppDbContext db, CancellationToken ct)
    {
        var own = db.Scope.RegionPrefixes.OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
        if (!db.Scope.All && own is { Length: 6 or 9 or 12 }) return own;
        var top = await db.TopRegionCodeAsync(ct);
        return top is { Length: 6 or 9 or 12 } ? top : own ?? top ?? "";
    }

    static async Task<string> RegionOrDefaultAsync(string? region, AppDbContext db, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(region) ? await DefaultRegionAsync(db, ct) : region.Trim();

    public static async Task<Results<Ok<CoverageView>, ValidationProblem, NotFound<ProblemDetails>>> Coverage(
        [AsParameters] CoverageQuery query, GetCoverage coverage, AppDbContext db, CancellationToken ct) =>
        Answer(await coverage.HandleAsync(new CoverageRequest(await RegionOrDefaultAsync(query.Region, db, ct), query.Year), ct));

    public static async Task<Results<Ok<CoverageGaps>, ValidationProblem, NotFound<ProblemDetails>>> Gaps(
        [AsParameters] CoverageQuery query, GetCoverageGaps gaps, AppDbContext db, CancellationToken ct)
    {
        var limit = Math.Min(query.Limit ?? DefaultGapLimit, GetCoverageGaps.MaxLimit);
        return Answer(await gaps.HandleAsync(new CoverageGapsRequest(await RegionOrDefaultAsync(query.Region, db, ct), query.Year,
            Offset: query.Offset ?? 0, Limit: limit, RelocatedOnly: query.Relocated ?? false), ct));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> ExportGaps(
        [AsParameters] CoverageQuery query, ExportCoverageGaps export, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        var region = await RegionOrDefaultAsync(query.Region, db, ct);
        var result = await export.HandleAsync(new ExportCoverageGapsRequest(region, query.Year, FilterText(http), Editor.Of(http), query.Relocated ?? false), ct);
        return File(result, r => (r.Content, r.FileName), ExportCoverageGaps.ContentType, http);
    }

    public static async Task<Results<Ok<JobList>, ValidationProblem, NotFound<ProblemDetails>>> Jobs(
        [AsParameters] JobsQuery query, SearchJobs search, CancellationToken ct) =>
        Answer(await search.HandleAsync(new SearchJobsRequest(query.Region, query.Year, query.Kind, query.Offset ?? 0,
            Math.Min(query.Limit ?? SearchJobs.DefaultLimit, GetCoverageGaps.MaxLimit)), ct));

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> ExportJobsFile(
        [AsParameters] JobsQuery query, ExportJobs export, HttpContext http, CancellationToken ct)
    {
        var result = await export.HandleAsync(new ExportJobsRequest(query.Region, query.Year, query.Kind, FilterText(http), Editor.Of(http)), ct);
        return File(result, r => (r.Content, r.FileName), ExportJobs.ContentType, http);
    }

    public static async Task<Results<Ok<HouseholdEmployment>, ValidationProblem, NotFound<ProblemDetails>>> Household(
        long id, [FromQuery(Name = "year")] int? year, GetHouseholdEmployment get, CancellationToken ct) =>
        Answer(await get.HandleAsync(new HouseholdEmploymentRequest(id, year), ct));

    public static async Task<Results<Created<JobSaved>, ValidationProblem>> AddJob(JobBody body, RecordJob record, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (IncomeFen(body.MonthlyIncomeYuan) is not { } income)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("MonthlyIncomeYuan", "employment.income_invalid", "月收入无效（元，0或以上，最多两位小数）")]));
        var result = await record.HandleAsync(new RecordJobRequest
        {
            MemberId = body.MemberId, Year = body.Year, Kind = body.Kind, Months = body.Months, Place = body.Place, Employer = body.Employer, Post = body.Post,
            MonthlyIncomeFen = income, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.IsOk
            ? TypedResults.Created("/api/employment/households/" + result.Value.HouseholdId.ToString(CultureInfo.InvariantCulture), result.Value)
            : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>>> DeleteJob(long id, RemoveJob remove, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveJobRequest(id, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<WillingnessSaved>, ValidationProblem>> AddWillingness(
        WillingnessBody body, RecordWillingness record, CurrentUser me, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var result = await record.HandleAsync(new RecordWillingnessRequest(body.MemberId, body.Willing, body.RecordedOn ?? clock.Today(), body.Note,
            Editor.Of(http), me.Role!.Value), ct);
        return result.IsOk
            ? TypedResults.Created("/api/employment/households/" + result.Value.HouseholdId.ToString(CultureInfo.InvariantCulture), result.Value)
            : ApiProblems.Invalid(result.Failure);
    }

    /// <summary>0 or more 元 with at most two decimals, to fen; null (omitted) is 0; null when not such an amount.</summary>
    public static long? IncomeFen(decimal? yuan) =>
        yuan is not { } y ? 0 : y >= 0 && y * 100 <= EmploymentRules.MaxMonthlyIncomeFen && decimal.Round(y, 2) == y ? (long)(y * 100) : null;

    static string FilterText(HttpContext http) =>
        http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";

    static Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>> File<T>(Result<T> result, Func<T, (byte[] Content, string Name)> file,
        string contentType, HttpContext http)
    {
        if (!result.IsOk)
            return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        var (content, name) = file(result.Value);
        return TypedResults.File(content, contentType, name);
    }
}
