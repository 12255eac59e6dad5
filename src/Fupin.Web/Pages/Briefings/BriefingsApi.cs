using System.Globalization;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Briefings;

public sealed record BriefingBody(string? RegionCode, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Title, string? Summary);

/// <summary>工作简报: /api/briefings — list, issue (figures from the board cache, late items), read and export.</summary>
public static class BriefingsApi
{
    public static IServiceCollection AddBriefings(this IServiceCollection services) =>
        services.AddScoped<GetLateItems>()
            .AddScoped<IssueBriefing>()
            .AddScoped<GetBriefing>()
            .AddScoped<ListBriefings>()
            .AddScoped<ExportBriefing>();

    public static IEndpointRouteBuilder MapBriefingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/briefings").WithTags("工作简报");
        var read = api.MapGroup("").RequireAuthorization(BoardPolicies.SeeBoard);
        var issue = api.MapGroup("").RequireAuthorization(BoardPolicies.IssueBriefing);
        read.MapGet("", List).WithName("ListBriefings").WithSummary("本人管辖范围内的工作简报（region 只看该区域及以下），新的在前");
        read.MapGet("/{id:long}", Get).WithName("GetBriefing").WithSummary("简报：冻结的主要指标及与上一期（同一区域上一份简报）相比的变化，逾期事项及责任单位/责任人");
        read.MapGet("/{id:long}/export", Export).WithName("ExportBriefing").WithSummary("导出简报（.xlsx：主要指标、逾期事项两张表；导出记入审计日志）");
        read.MapGet("/late", Late).WithName("GetLateItems").WithSummary("区域截至业务日期的逾期事项：逾期整改事项、滞后项目、红灯任务，各附责任单位/责任人、时限、逾期天数");
        issue.MapPost("", Issue).WithName("IssueBriefing")
            .WithSummary("印发简报（regionCode 本人管辖范围内，periodFrom、periodTo ≤ 今天，默认本月；title 默认“××脱贫攻坚工作简报（yyyy年M月）”；summary）：冻结作战图的指标和逾期事项");

        app.MapGet("/briefings/{id:long}.xlsx", Export).RequireAuthorization(BoardPolicies.SeeBoard).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在或不在您的管辖范围内"));

    public static async Task<Ok<IReadOnlyList<BriefingRow>>> List(string? region, ListBriefings list, CancellationToken ct) =>
        TypedResults.Ok(await list.HandleAsync(region, ct));

    public static async Task<Results<Ok<BriefingView>, NotFound<ProblemDetails>>> Get(long id, GetBriefing get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<FileContentHttpResult, NotFound<ProblemDetails>>> Export(long id, ExportBriefing export, HttpContext http, CancellationToken ct)
    {
        var result = await export.HandleAsync(id, Editor.Of(http), ct);
        if (!result.IsOk) return TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportBriefing.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Ok<LateItems>, ValidationProblem, NotFound<ProblemDetails>>> Late(string region, GetLateItems late, AccessScope scope, CancellationToken ct)
    {
        if (!BoardApi.MaySee(scope, region)) return RegionNotFound;
        var result = await late.HandleAsync(region, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Created<BriefingIssued>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Issue(
        BriefingBody body, IssueBriefing issue, BoardCache boards, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        var region = body.RegionCode?.Trim() ?? "";
        if (!BoardApi.MaySee(scope, region)) return RegionNotFound;
        var board = await boards.GetAsync(region, ct);
        if (board is null) return RegionNotFound;
        var result = await issue.HandleAsync(new IssueBriefingRequest(region, body.PeriodFrom, body.PeriodTo, body.Title, body.Summary, Editor.Of(http)), board, ct);
        return ApiProblems.Created(result, b => "/api/briefings/" + b.Id.ToString(CultureInfo.InvariantCulture));
    }
}
