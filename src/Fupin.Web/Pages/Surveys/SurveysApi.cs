using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Supervision;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Funds;
using Fupin.Web.Pages.Inspections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Surveys;

public sealed record SurveyListQuery
{
    [FromQuery(Name = "county")] public string? County { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
}

public sealed record SurveyRatesQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "filter")] public string? Filter { get; init; }
}

/// <param name="CountyCode">Null: the user's county.</param>
public sealed record DrawSurveyBody(
    string? CountyCode, int Year, string? Name, long? TemplateId, int? Seed,
    int? VillagesPerTownship, int? HouseholdsPerVillage, int? Households, decimal? ExitedShare);

public sealed record SurveyAnswersBody(
    long? Version, DateOnly? SurveyedOn, string? Surveyor, Dictionary<string, string?>? Answers, string? UnreachedReason, string? Note);

public sealed record CloseSurveyBody(bool Closed = true);

/// <summary>满意度调查: /api/surveys.</summary>
public static class SurveysApi
{
    public static IServiceCollection AddSurveys(this IServiceCollection services) =>
        services.AddScoped<ListSatisfactionSurveys>()
            .AddScoped<DrawSatisfactionSurvey>()
            .AddScoped<GetSurveyRates>()
            .AddScoped<GetSurveyedHousehold>()
            .AddScoped<RecordSurveyAnswers>()
            .AddScoped<CloseSatisfactionSurvey>()
            .AddScoped<ExportSurveyResults>();

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/surveys").WithTags("满意度调查");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(SupervisionPolicies.ManageSurveys);
        read.MapGet("", List).WithName("ListSatisfactionSurveys")
            .WithSummary("满意度调查列表（county、year）：每次调查的抽样户、已调查户、未能调查户、认可户和认可度（认可户 ÷ 已调查户）");
        manage.MapPost("", Draw).WithName("DrawSatisfactionSurvey")
            .WithSummary("抽取调查样本（year ≤ 业务年度；templateId 默认为本县启用的调查问卷；seed 可选并保存；villagesPerTownship 不填为全部村；householdsPerVillage 或 households 只填一项；exitedShare 已脱贫户占比 0–1，不填按各村实际比例）");
        read.MapGet("/{id:long}", Rates).WithName("GetSurveyRates")
            .WithSummary("认可度（region 县/乡镇/村逐级下钻；filter=disapprove|approve|pending|unreached）：合计、下级各区域、各题答案分布、调查户及答案（户主姓名，无证件号码）");
        read.MapGet("/{id:long}/households/{sid:long}", Household).WithName("GetSurveyedHousehold").WithSummary("一户的问卷和答案（录入用）");
        manage.MapPut("/{id:long}/households/{sid:long}", Record).WithName("RecordSurveyAnswers")
            .WithSummary("录入或更正一户的答案（version 为读取时的版本，过期 409；answers 题目代码→答案；unreachedReason 未能调查原因，此时不填答案，不计入认可度；调查已结束：survey.closed）");
        manage.MapPost("/{id:long}/close", Close).WithName("CloseSatisfactionSurvey").WithSummary("结束调查（closed=false 重新开放），记入审计日志");
        read.MapGet("/{id:long}/export", Export).WithName("ExportSurveyResults")
            .WithSummary("导出调查结果（.xlsx：调查结果每户一行含各题答案、认可度按县乡村；region 可选；导出记入审计日志）");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<SatisfactionSurveySummary>>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> List(
        [AsParameters] SurveyListQuery query, ListSatisfactionSurveys list, CancellationToken ct) =>
        ApiProblems.Answer(await list.HandleAsync(new ListSatisfactionSurveysRequest(query.County, query.Year), ct));

    public static async Task<Results<Created<SatisfactionSurveyDrawn>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Draw(
        DrawSurveyBody body, DrawSatisfactionSurvey draw, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var p = new SurveyParameters(body.VillagesPerTownship, body.HouseholdsPerVillage, body.Households, body.ExitedShare);
        var result = await draw.HandleAsync(new DrawSatisfactionSurveyRequest(body.CountyCode ?? FundsApi.DefaultCounty(me) ?? "", body.Year, body.Name,
            body.TemplateId, body.Seed, p, Editor.Of(http), me.Role!.Value), ct);
        return ApiProblems.Created(result, v => Url(v.Id));
    }

    public static async Task<Results<Ok<SurveyRates>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Rates(
        long id, [AsParameters] SurveyRatesQuery query, GetSurveyRates rates, CancellationToken ct) =>
        ApiProblems.Answer(await rates.HandleAsync(new GetSurveyRatesRequest(id, query.Region, query.Filter), ct));

    public static async Task<Results<Ok<SurveyedHouseholdDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Household(
        long id, long sid, GetSurveyedHousehold get, CancellationToken ct) =>
        ApiProblems.Answer(await get.HandleAsync(id, sid, ct));

    public static async Task<Results<Ok<SurveyAnswersSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Record(
        long id, long sid, SurveyAnswersBody body, RecordSurveyAnswers record, AppDbContext db, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (!await db.SurveyedHouseholds.AnyAsync(h => h.Id == sid && h.SurveyId == id, ct))
            return TypedResults.NotFound(ApiProblems.NotFound("未找到该调查户，或不在您的管辖范围内"));
        return ApiProblems.Answer(await record.HandleAsync(new RecordSurveyAnswersRequest(sid, body.Version, body.SurveyedOn, body.Surveyor,
            body.Answers, body.UnreachedReason, body.Note, Editor.Of(http), me.Role!.Value), ct));
    }

    public static async Task<Results<Ok<SatisfactionSurveyClosed>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Close(
        long id, CloseSurveyBody body, CloseSatisfactionSurvey close, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await close.HandleAsync(new CloseSatisfactionSurveyRequest(id, body.Closed, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        long id, [AsParameters] SurveyRatesQuery query, ExportSurveyResults export, HttpContext http, CancellationToken ct)
    {
        var result = await export.HandleAsync(new ExportSurveyResultsRequest(id, query.Region, Editor.Of(http)), ct);
        if (!result.IsOk)
            return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportSurveyResults.ContentType, result.Value.FileName);
    }

    public static string Url(long id) => "/api/surveys/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Percent(decimal? rate) => rate is { } r ? (r * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
