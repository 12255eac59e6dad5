using System.Globalization;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Exits;

/// <summary>Who works exit procedures, as an authorization policy (finer rules per step in <see cref="ExitWorkflow"/>).</summary>
public static class ExitPolicies
{
    /// <summary>Start procedures and record steps: county office, townships, villages.</summary>
    public const string WorkExits = "WorkExits";
}

/// <summary>Query string of the procedure list, shared by the API, the list page and the export.</summary>
public sealed record ExitQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "status")] public ExitProcedureStatus? Status { get; init; }

    /// <summary>The step due next (procedures in progress only).</summary>
    [FromQuery(Name = "step")] public ExitStep? Step { get; init; }
    [FromQuery(Name = "overridden")] public bool? Overridden { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }
    [FromQuery(Name = "household")] public long? HouseholdId { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public SearchExitProceduresRequest ToRequest() => new()
    {
        Region = Region,
        Year = Year,
        Status = Status,
        NextStep = Step,
        Overridden = Overridden,
        Text = Text,
        HouseholdId = HouseholdId,
        Page = Page ?? 1,
        PageSize = PageSize ?? SearchExitProcedures.DefaultPageSize,
    };

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    /// <summary>These filters as a query string (without the page), for links.</summary>
    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["year"] = Year?.ToString(CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString(),
        ["step"] = Step?.ToString(),
        ["overridden"] = Overridden is { } o ? (o ? "true" : "false") : null,
        ["q"] = Text,
        ["household"] = HouseholdId?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>POST /api/exits: the household, and the exit year (the business year when left out).</summary>
public sealed record StartExitBody(long HouseholdId, int? Year);

/// <summary>POST /api/exits/{id}/steps: the version seen, the step (the one due), its date (yyyy-MM-dd) and note.</summary>
public sealed record ExitStepBody(long Version, ExitStep Step, DateOnly Date, string? Note);

/// <summary>POST /api/exits/{id}/override and /cancel: the version seen and the reason.</summary>
public sealed record ExitReasonBody(long Version, string? Reason);

public static class ExitsApi
{
    public static IServiceCollection AddExits(this IServiceCollection services)
    {
        services.AddScoped<StartExitProcedure>()
            .AddScoped<RecordExitStep>()
            .AddScoped<OverrideExitTest>()
            .AddScoped<CancelExitProcedure>()
            .AddScoped<GetExitProcedure>()
            .AddScoped<SearchExitProcedures>()
            .AddScoped<ExportExitProcedures>()
            .AddScoped<TestHousehold>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ExitPolicies.WorkExits, p => p.RequireAuthenticatedUser().RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && ExitWorkflow.CanWork(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapExitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exits").WithTags("贫困户退出程序");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var work = api.MapGroup("").RequireAuthorization(ExitPolicies.WorkExits);
        read.MapGet("", Search).WithName("SearchExitProcedures")
            .WithSummary("查询退出程序（region、year、status=InProgress|Completed|Cancelled、step=下一步（Deliberation…Deregistration）、overridden、q=户编号或姓名、household；分页；只含本人管辖范围）");
        read.MapGet("/funnel", Funnel).WithName("ExitFunnel")
            .WithSummary("退出程序漏斗：区域（默认本人管辖区域）和年度（默认本年）的计划脱贫户数、未启动数，以及各步骤已完成数和待办数");
        read.MapGet("/export", Export).WithName("ExportExitProcedures").WithSummary("按同样的条件导出退出程序台账（.xlsx；导出记入审计日志）");
        read.MapGet("/{id:long}", Get).WithName("GetExitProcedure").WithSummary("退出程序详情：户、当前退出评估（六项指标及依据）、各步骤日期和经办人、下一步及最早日期、例外");
        read.MapGet("/households/{householdId:long}", ForHousehold).WithName("GetHouseholdExit").WithSummary("一户的退出评估（本年度或进行中程序的年度）和最近一次退出程序");
        work.MapPost("", Start).WithName("StartExitProcedure")
            .WithSummary("启动退出程序（未脱贫或返贫户，无进行中的程序；year 默认本年度）；同时运行并保存该户退出评估；返回 201");
        work.MapPost("/{id:long}/steps", RecordStep).WithName("RecordExitStep")
            .WithSummary("登记下一步（民主评议→核实→户认可→村内公示→公告退出→销号，按序各一次；民主评议须填评议结果；公告不早于公示开始日加公示天数；评估未通过且无例外时返回 exit.test_failed；须带版本号，过期返回 409）");
        work.MapPost("/{id:long}/override", Override).WithName("OverrideExitTest")
            .WithSummary("县级管理员登记退出评估例外（理由至少10字），之后评估未通过的户也可继续办理");
        work.MapPost("/{id:long}/cancel", Cancel).WithName("CancelExitProcedure").WithSummary("终止进行中的退出程序（须填原因；户的脱贫状态不变）");

        // The list page's download link: same filters, same file.
        app.MapGet("/exits/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<ExitProcedurePage>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] ExitQuery query, SearchExitProcedures search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<ExitFunnel>, ValidationProblem, NotFound<ProblemDetails>>> Funnel(
        AppDbContext db, SearchExitProcedures search, TimeProvider clock, CancellationToken ct,
        [FromQuery(Name = "region")] string? region = null, [FromQuery(Name = "year")] int? year = null)
    {
        if (VerificationApi.OutOfScope(region, db.Scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var code = string.IsNullOrWhiteSpace(region) ? await ChecksApi.DefaultRegionAsync(db, ct) : region.Trim();
        if (code is null) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await search.FunnelAsync(new ExitFunnelRequest(code, year ?? clock.Today().Year), ct);
        if (result.IsOk) return TypedResults.Ok(result.Value);
        return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] ExitQuery query, ExportExitProcedures export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportExitProceduresRequest(query.ToRequest(), filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportExitProcedures.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<ExitProcedureDetails>, NotFound<ProblemDetails>>> Get(long id, GetExitProcedure get, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetExitProcedureRequest(id), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<HouseholdExit>, NotFound<ProblemDetails>>> ForHousehold(long householdId, GetExitProcedure get, CancellationToken ct) =>
        await get.ForHouseholdAsync(householdId, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound(ApiProblems.NotFound("该户不存在或不在您的管辖范围内"));

    public static async Task<Results<Created<ExitProcedureSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Start(
        StartExitBody body, StartExitProcedure start, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await start.HandleAsync(new StartExitProcedureRequest(body.HouseholdId, body.Year, Editor.Of(http), me.Role!.Value), ct);
        return result.IsOk ? TypedResults.Created(Url(result.Value.Id), result.Value) : Fail<Created<ExitProcedureSaved>>(result.Failure);
    }

    public static async Task<Results<Ok<ExitProcedureSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> RecordStep(
        long id, ExitStepBody body, RecordExitStep record, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Answer(await record.HandleAsync(new RecordExitStepRequest(id, body.Version, body.Step, body.Date, body.Note, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<ExitProcedureSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Override(
        long id, ExitReasonBody body, OverrideExitTest over, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Answer(await over.HandleAsync(new OverrideExitTestRequest(id, body.Version, body.Reason, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<ExitProcedureSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> Cancel(
        long id, ExitReasonBody body, CancelExitProcedure cancel, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Answer(await cancel.HandleAsync(new CancelExitProcedureRequest(id, body.Version, body.Reason, Editor.Of(http), me.Role!.Value), ct));

    static Results<Ok<ExitProcedureSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult> Answer(Result<ExitProcedureSaved> result) =>
        result.IsOk ? TypedResults.Ok(result.Value) : Fail<Ok<ExitProcedureSaved>>(result.Failure);

    /// <summary>404, 409 (code conflict), 403 for a step or action the role may not take (code exit.not_allowed), else 400 with a code per field.</summary>
    static Results<TOk, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult> Fail<TOk>(Failure failure) where TOk : IResult => failure switch
    {
        { Kind: FailureKind.NotFound } => TypedResults.NotFound(ApiProblems.NotFound(failure.Message)),
        { Kind: FailureKind.Conflict } => TypedResults.Conflict(ApiProblems.Conflict(failure.Message)),
        { Errors: [{ Code: NotAllowed } e] } => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden, Title = "没有权限", Detail = e.Message, Extensions = { ["code"] = NotAllowed },
        }),
        _ => ApiProblems.Invalid(failure),
    };

    const string NotAllowed = "exit.not_allowed";

    public static string Url(long id) => "/exits/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A CSS class per indicator state (the site's status colours: green, red, amber).</summary>
    public static string StateClass(IndicatorState state) => state switch
    {
        IndicatorState.Met => "status status-ExitedWithPolicy",
        IndicatorState.NotMet => "status status-NotExited",
        _ => "status status-Relapsed",
    };

    /// <summary>A badge per procedure status (verification.css: amber in progress, green completed, grey cancelled).</summary>
    public static string StatusClass(ExitProcedureStatus status) => status switch
    {
        ExitProcedureStatus.Completed => "fstatus fstatus-confirmed",
        ExitProcedureStatus.Cancelled => "fstatus fstatus-gone",
        _ => "fstatus fstatus-verifying",
    };
}
