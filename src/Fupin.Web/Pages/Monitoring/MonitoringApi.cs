using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Monitoring;
using Fupin.Web.Pages.Verification;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Monitoring;

/// <summary>Who does what in 防返贫监测, as an authorization policy.</summary>
public static class MonitoringPolicies
{
    /// <summary>Propose, decide, clear, record events and measures: county office, townships, villages.</summary>
    public const string WorkMonitoring = "WorkMonitoring";
}

/// <summary>Query string of the monitoring list, shared by the API, the page and the export.</summary>
public sealed record MonitoringQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "type")] public MonitoringType? Type { get; init; }
    [FromQuery(Name = "status")] public MonitoringStatus? Status { get; init; }
    [FromQuery(Name = "risk")] public RiskType? Risk { get; init; }

    /// <summary>true: only flagged objects; false: only unflagged; empty: all.</summary>
    [FromQuery(Name = "flagged")] public bool? Flagged { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public SearchMonitoringObjectsRequest ToRequest() => new()
    {
        Region = Region, Type = Type, Status = Status, Risk = Risk, Flagged = Flagged, Text = Text,
        Page = Page ?? 1, PageSize = PageSize ?? SearchMonitoringObjects.DefaultPageSize,
    };

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["type"] = Type?.ToString(),
        ["status"] = Status?.ToString(),
        ["risk"] = Risk?.ToString(),
        ["flagged"] = Flagged is { } f ? (f ? "true" : "false") : null,
        ["q"] = Text,
    };
}

public sealed record ProposeBody(string? Region, long? SuddenHardshipYuan);

public sealed record DecisionBody(long Version, bool Include, string? Note);

public sealed record ClearBody(long Version, string? Note, DateOnly? ClearedOn);

public sealed record MeasureBody(MeasureKind Kind, DateOnly StartedOn, string? Description);

public sealed record RiskEventBody(long? HouseholdId, long? MonitoringObjectId, RiskType Risk, DateOnly OccurredOn, string? Description, decimal? SpendingYuan);

public sealed record NewObjectBody(long? HouseholdId, string? VillageCode, string? HeadName, string? HeadIdNumber, int? Persons, MonitoringType Type, IReadOnlyList<RiskType>? Risks, string? Reason);

public sealed record MonitoringRuleJson(string Code, string Title, string Rationale);

public static class MonitoringApi
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services)
    {
        services.AddScoped<SearchMonitoringObjects>()
            .AddScoped<GetMonitoringObject>()
            .AddScoped<ProposeMonitoringObjects>()
            .AddScoped<AddMonitoringObject>()
            .AddScoped<DecideMonitoringObject>()
            .AddScoped<ClearRisk>()
            .AddScoped<ReportRiskEvent>()
            .AddScoped<AddMonitoringMeasure>()
            .AddScoped<ExportMonitoringObjects>();
        services.AddAuthorizationBuilder()
            .AddPolicy(MonitoringPolicies.WorkMonitoring, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && MonitoringRoles.CanWork(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitoring").WithTags("防返贫监测");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var work = api.MapGroup("").RequireAuthorization(MonitoringPolicies.WorkMonitoring);
        read.MapGet("/objects", Search).WithName("SearchMonitoringObjects")
            .WithSummary("查询监测对象（region、type、status、risk、flagged=true|false、q=户主姓名或户编号；分页；含按类别、状态、风险类型的统计；证件号码脱敏）");
        read.MapGet("/objects/export", Export).WithName("ExportMonitoringObjects").WithSummary("按同样的条件导出监测对象台账（.xlsx，证件号码脱敏；导出记入审计日志）");
        read.MapGet("/objects/{id:long}", Get).WithName("GetMonitoringObject").WithSummary("监测对象详情：家庭成员、风险事件、帮扶措施、6个月开发式措施预警");
        work.MapPost("/objects", Add).WithName("AddMonitoringObject")
            .WithSummary("人工拟纳入：建档立卡已脱贫户（householdId）或未建档立卡农户（villageCode、headName、headIdNumber、persons）；type、risks、reason");
        work.MapPost("/objects/{id:long}/decision", Decide).WithName("DecideMonitoringObject").WithSummary("对拟纳入对象作出决定：include=true 纳入监测，false 不予纳入（须填 note）；须带版本号");
        work.MapPost("/objects/{id:long}/clear", Clear).WithName("ClearRisk").WithSummary("标注风险消除（须填 note，clearedOn 默认今天）；须带版本号");
        work.MapPost("/objects/{id:long}/measures", AddMeasure).WithName("AddMonitoringMeasure").WithSummary("登记帮扶措施（kind、startedOn、description）");
        work.MapPost("/events", Report).WithName("ReportRiskEvent").WithSummary("报告风险事件（householdId 或 monitoringObjectId、risk、occurredOn、description、spendingYuan 刚性支出）");
        work.MapPost("/proposals", Propose).WithName("ProposeMonitoringObjects")
            .WithSummary("按规则筛查：对区域内已脱贫户运行监测规则，新增拟纳入对象（不重复已有在办对象），返回各规则的数量和新对象编号");
        api.MapGet("/rules", Rules).WithName("MonitoringRules").WithSummary("监测规则目录：代码、名称、依据");

        app.MapGet("/monitoring/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    public static async Task<Results<Ok<MonitoringPage>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] MonitoringQuery query, SearchMonitoringObjects search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] MonitoringQuery query, ExportMonitoringObjects export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportMonitoringObjectsRequest(query.ToRequest() with { Page = 1 }, filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportMonitoringObjects.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<MonitoringDetails>, NotFound<ProblemDetails>>> Get(long id, GetMonitoringObject get, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetMonitoringObjectRequest(id), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Created<MonitoringObjectSaved>, ValidationProblem, NotFound<ProblemDetails>>> Add(
        NewObjectBody body, AddMonitoringObject add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await add.HandleAsync(new AddMonitoringObjectRequest
        {
            HouseholdId = body.HouseholdId, VillageCode = body.VillageCode, HeadName = body.HeadName, HeadIdNumber = body.HeadIdNumber,
            Persons = body.Persons, Type = body.Type, Risks = body.Risks ?? [], Reason = body.Reason, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(ObjectUrl(result.Value!.Id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<MonitoringObjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Decide(
        long id, DecisionBody body, DecideMonitoringObject decide, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Saved(await decide.HandleAsync(new DecideMonitoringObjectRequest(id, body.Version, body.Include, body.Note, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Ok<MonitoringObjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Clear(
        long id, ClearBody body, ClearRisk clear, CurrentUser me, HttpContext http, CancellationToken ct) =>
        Saved(await clear.HandleAsync(new ClearRiskRequest(id, body.Version, body.Note, body.ClearedOn, Editor.Of(http), me.Role!.Value), ct));

    static Results<Ok<MonitoringObjectSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> Saved(Result<MonitoringObjectSaved> result) => result.Failure switch
    {
        null => TypedResults.Ok(result.Value),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
        { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
        var f => ApiProblems.Invalid(f),
    };

    public static async Task<Results<Created<MonitoringMeasureSaved>, ValidationProblem, NotFound<ProblemDetails>>> AddMeasure(
        long id, MeasureBody body, AddMonitoringMeasure add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await add.HandleAsync(new AddMonitoringMeasureRequest(id, body.Kind, body.StartedOn, body.Description, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Created(ObjectUrl(id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<RiskEventSaved>, ValidationProblem, NotFound<ProblemDetails>>> Report(
        RiskEventBody body, ReportRiskEvent report, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var fen = FenOf(body.SpendingYuan);
        if (body.SpendingYuan is not null && fen is null)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("SpendingYuan", "monitoring.amount_invalid", "刚性支出金额无效（元，最多两位小数）")]));
        var result = await report.HandleAsync(new ReportRiskEventRequest
        {
            HouseholdId = body.HouseholdId, MonitoringObjectId = body.MonitoringObjectId, Risk = body.Risk, OccurredOn = body.OccurredOn,
            Description = body.Description, SpendingFen = fen, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created(result.Value!.MonitoringObjectId is { } o ? ObjectUrl(o) : "/api/monitoring/events", result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<MonitoringProposalReport>, ValidationProblem, NotFound<ProblemDetails>>> Propose(
        ProposeMonitoringObjects propose, HttpContext http, CancellationToken ct, ProposeBody? body = null)
    {
        long? fen = body?.SuddenHardshipYuan is { } y ? y * 100 : null;
        var result = await propose.HandleAsync(new ProposeMonitoringObjectsRequest(body?.Region, Editor.Of(http), fen), null, ct);
        return result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static Ok<IReadOnlyList<MonitoringRuleJson>> Rules() =>
        TypedResults.Ok<IReadOnlyList<MonitoringRuleJson>>([.. MonitoringRules.All.Select(r => new MonitoringRuleJson(r.Code, r.Title, r.Rationale))]);

    public static string ObjectUrl(long id) => "/api/monitoring/objects/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Yuan with at most two decimals, not negative, to fen; null if not so.</summary>
    public static long? FenOf(decimal? yuan) =>
        yuan is { } y && y >= 0 && y <= 100_000_000m && decimal.Round(y, 2) == y ? (long)(y * 100) : null;

    public static string StatusClass(MonitoringStatus s) => "mstatus mstatus-" + s.ToString().ToLowerInvariant();
}
