using System.Globalization;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Common;
using Fupin.Data;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Checks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Assessment;

/// <summary>Who does what in 退出评估, as authorization policies.</summary>
public static class AssessmentPolicies
{
    /// <summary>Answer a village's exit checklist: the county office and townships.</summary>
    public const string RecordChecklist = "RecordChecklist";

    /// <summary>Draw an evaluation sample and enter its results: the county office and inspectors.</summary>
    public const string Sample = "DrawEvaluationSample";

    /// <summary>Set the county's 摘帽 target date: the county office.</summary>
    public const string SetPlan = "SetCountyExitPlan";

    public static bool CanRecordChecklist(Role role) => role is Role.CountyAdmin or Role.TownshipOfficer;

    public static bool CanSample(Role role) => role is Role.CountyAdmin or Role.Inspector;

    public static bool CanSetPlan(Role role) => role is Role.CountyAdmin;
}

public sealed record ChecklistBody(int Year, IReadOnlyList<ChecklistAnswerInput> Answers);

public sealed record DrawSampleBody(string? County, int Year, int? Seed, SampleParameters? Parameters, string? Name);

public sealed record SampleResultBody(
    long? Version, DateOnly? SurveyedOn, string? Surveyor, int? Persons, int? WrongExitPersons, int? MissedPersons, string? HeadName,
    bool? Approves, bool? ApprovesPolicy, bool? ApprovesMeasures, bool? ApprovesExit, bool? ApprovesCadres, string? Note);

public sealed record ExitPlanBody(DateOnly TargetDate, string? Note);

/// <summary>The /api/assessment endpoints: county readiness, village exit, checklists, samples and results.</summary>
public static class AssessmentApi
{
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<GetCountyReadiness>()
            .AddScoped<ExportReadinessReport>()
            .AddScoped<AssessVillages>()
            .AddScoped<RecordVillageChecklist>()
            .AddScoped<DrawEvaluationSample>()
            .AddScoped<RecordSampleResult>()
            .AddScoped<GetEvaluationSample>()
            .AddScoped<ListEvaluationSamples>()
            .AddScoped<SetCountyExitPlan>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AssessmentPolicies.RecordChecklist, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, AssessmentPolicies.CanRecordChecklist)))
            .AddPolicy(AssessmentPolicies.Sample, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, AssessmentPolicies.CanSample)))
            .AddPolicy(AssessmentPolicies.SetPlan, p => p.RequireAuthenticatedUser().RequireAssertion(c => Allowed(c.User, AssessmentPolicies.CanSetPlan)));
        return services;
    }

    static bool Allowed(System.Security.Claims.ClaimsPrincipal user, Func<Role, bool> rule) => CurrentUser.RoleOf(user) is { } role && rule(role);

    public static IEndpointRouteBuilder MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assessment").WithTags("退出评估");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        read.MapGet("/readiness", Readiness).WithName("GetCountyReadiness")
            .WithSummary("摘帽准备情况：综合贫困发生率（含构成）、错退率、漏评率、群众认可度、贫困村退出比例，各自的数值、标准、判定和清单；倒计时和结论（county 默认为本人所在县，asOf=yyyy-MM-dd 默认业务日期，project=true 按计划退出预测）");
        read.MapGet("/readiness/export", Export).WithName("ExportReadinessReport").WithSummary("摘帽准备情况导出为 .xlsx（同样的参数）");
        read.MapGet("/villages", Villages).WithName("AssessVillages").WithSummary("贫困村退出：各村贫困发生率、检查项、退出年度、状态和原因（region、year、project）");
        api.MapPost("/villages/{code}/checklist", Checklist).RequireAuthorization(AssessmentPolicies.RecordChecklist).WithName("RecordVillageChecklist")
            .WithSummary("录入贫困村退出检查项（年度和各项是否达标、佐证）；县级管理员和乡镇干部");
        read.MapGet("/samples", Samples).WithName("ListEvaluationSamples").WithSummary("本县的评估抽样（最新年度在前）");
        read.MapGet("/samples/{id:long}", Sample).WithName("GetEvaluationSample").WithSummary("抽样详情：按村列出抽中的户和非建档立卡户名额及已录入结果（不含证件号码）");
        api.MapPost("/samples", Draw).RequireAuthorization(AssessmentPolicies.Sample).WithName("DrawEvaluationSample")
            .WithSummary("抽取评估样本（按乡镇分层；种子可指定，同一种子同一数据得同一样本）；县级管理员和督查人员");
        api.MapPost("/samples/households/{id:long}/result", Result).RequireAuthorization(AssessmentPolicies.Sample).WithName("RecordSampleResult")
            .WithSummary("录入抽样户调查结果：调查日期、调查人、人口、错退人数（脱贫户）、漏评人数和户主（非建档立卡户）、是否认可及四个方面；已关闭的抽样不能录入");
        api.MapPut("/plan/{county}", Plan).RequireAuthorization(AssessmentPolicies.SetPlan).WithName("SetCountyExitPlan").WithSummary("设定本县摘帽目标日期");
        app.MapGet("/assessment/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    /// <summary>The county of the user's own region (its first six digits); for an unrestricted context the database's top region.</summary>
    public static async Task<string?> DefaultCountyAsync(AppDbContext db, CancellationToken ct) =>
        await ChecksApi.DefaultRegionAsync(db, ct) is { Length: >= 6 } code ? code[..6] : null;

    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    static ValidationProblem BadDate(string? text) =>
        ApiProblems.Invalid(Fupin.Common.Result.Invalid([new FieldError("AsOf", "as_of.invalid", $"日期“{text}”应写作 yyyy-MM-dd")]));

    static IResult Fail(Failure f) => f.Kind switch
    {
        FailureKind.NotFound => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
        FailureKind.Conflict => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
        _ => ApiProblems.Invalid(f),
    };

    public static async Task<IResult> Readiness(AppDbContext db, GetCountyReadiness readiness, CancellationToken ct,
        [FromQuery(Name = "county")] string? county = null, [FromQuery(Name = "asOf")] string? asOf = null, [FromQuery(Name = "project")] bool project = false)
    {
        if (!TryParseDate(asOf, out var date)) return BadDate(asOf);
        var code = string.IsNullOrWhiteSpace(county) ? await DefaultCountyAsync(db, ct) : county.Trim();
        if (code is null || !db.Scope.Overlaps(code)) return TypedResults.NotFound(ApiProblems.NotFound("县不存在"));
        var result = await readiness.HandleAsync(new GetCountyReadinessRequest(code, date, project), null, ct);
        return result.IsOk ? TypedResults.Ok(ReadinessJson.From(result.Value)) : Fail(result.Failure);
    }

    public static async Task<IResult> Export(AppDbContext db, ExportReadinessReport export, HttpContext http, CancellationToken ct,
        [FromQuery(Name = "county")] string? county = null, [FromQuery(Name = "asOf")] string? asOf = null, [FromQuery(Name = "project")] bool project = false)
    {
        if (!TryParseDate(asOf, out var date)) return BadDate(asOf);
        var code = string.IsNullOrWhiteSpace(county) ? await DefaultCountyAsync(db, ct) : county.Trim();
        if (code is null || !db.Scope.Overlaps(code)) return TypedResults.NotFound(ApiProblems.NotFound("县不存在"));
        var result = await export.HandleAsync(new GetCountyReadinessRequest(code, date, project), ct);
        if (!result.IsOk) return Fail(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportReadinessReport.ContentType, result.Value.FileName);
    }

    public static async Task<IResult> Villages(AppDbContext db, AssessVillages villages, TimeProvider clock, CancellationToken ct,
        [FromQuery(Name = "region")] string? region = null, [FromQuery(Name = "year")] int? year = null, [FromQuery(Name = "project")] bool project = false)
    {
        var code = string.IsNullOrWhiteSpace(region) ? await DefaultCountyAsync(db, ct) : region.Trim();
        if (code is null || !db.Scope.Overlaps(code)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await villages.HandleAsync(new AssessVillagesRequest(code, year ?? clock.Today().Year, null, project), null, ct);
        return result.IsOk ? TypedResults.Ok(result.Value.Villages) : Fail(result.Failure);
    }

    public static async Task<IResult> Checklist(string code, ChecklistBody body, RecordVillageChecklist record, HttpContext http, CancellationToken ct)
    {
        var result = await record.HandleAsync(new RecordVillageChecklistRequest(code, body.Year, body.Answers ?? [], Editor.Of(http)), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Fail(result.Failure);
    }

    public static async Task<IResult> Samples(AppDbContext db, ListEvaluationSamples list, CancellationToken ct, [FromQuery(Name = "county")] string? county = null)
    {
        var code = string.IsNullOrWhiteSpace(county) ? await DefaultCountyAsync(db, ct) : county.Trim();
        return code is null ? TypedResults.NotFound(ApiProblems.NotFound("县不存在")) : TypedResults.Ok(await list.HandleAsync(code, ct));
    }

    public static async Task<IResult> Sample(long id, GetEvaluationSample get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Fail(result.Failure);
    }

    public static async Task<IResult> Draw(DrawSampleBody body, AppDbContext db, DrawEvaluationSample draw, HttpContext http, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(body.County) ? await DefaultCountyAsync(db, ct) : body.County.Trim();
        if (code is null) return TypedResults.NotFound(ApiProblems.NotFound("县不存在"));
        var result = await draw.HandleAsync(new DrawEvaluationSampleRequest(code, body.Year, body.Seed, body.Parameters, body.Name, Editor.Of(http)), ct);
        return result.IsOk ? TypedResults.Created("/api/assessment/samples/" + result.Value.Id.ToString(CultureInfo.InvariantCulture), result.Value) : Fail(result.Failure);
    }

    public static async Task<IResult> Result(long id, SampleResultBody body, RecordSampleResult record, HttpContext http, CancellationToken ct)
    {
        var result = await record.HandleAsync(new RecordSampleResultRequest(id, body.Version, body.SurveyedOn, body.Surveyor, body.Persons,
            body.WrongExitPersons, body.MissedPersons, body.HeadName, body.Approves, body.ApprovesPolicy, body.ApprovesMeasures, body.ApprovesExit,
            body.ApprovesCadres, body.Note, Editor.Of(http)), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : Fail(result.Failure);
    }

    public static async Task<IResult> Plan(string county, ExitPlanBody body, SetCountyExitPlan set, HttpContext http, CancellationToken ct)
    {
        var result = await set.HandleAsync(new SetCountyExitPlanRequest(county, body.TargetDate, body.Note, Editor.Of(http)), ct);
        return result.IsOk ? TypedResults.Ok(new { countyCode = result.Value.CountyCode, targetDate = result.Value.TargetDate, note = result.Value.Note }) : Fail(result.Failure);
    }
}

/// <summary>The readiness report for the API: the indicators, countdown and verdict, and the villages (not every household).</summary>
public sealed record ReadinessJson(
    string County, string CountyName, DateOnly AsOf, bool Projected, bool? Passes, string Verdict, IReadOnlyList<string> Reasons,
    ExitCountdown Countdown, IReadOnlyList<ReadinessIndicatorJson> Indicators, ReadinessSample? Sample,
    IReadOnlyList<VillageExit> Villages, IReadOnlyList<ProjectedHousehold> ProjectedHouseholds)
{
    public static ReadinessJson From(CountyReadiness r) => new(r.County, r.CountyName, r.AsOf, r.Projected, r.Passes, r.Verdict, r.Reasons, r.Countdown,
        [.. r.Indicators.Select(i => new ReadinessIndicatorJson(i.Key, i.Name, i.Value, i.ValueText, i.Threshold, i.Comparison, i.State.ToString(), i.StateLabel, i.Formula, i.Parts, i.Note, i.Items, i.Link))],
        r.Sample, r.Villages.Villages, r.Villages.Projected);
}

public sealed record ReadinessIndicatorJson(
    string Key, string Name, decimal? Value, string ValueText, decimal Threshold, string Comparison, string State, string StateLabel,
    string Formula, IReadOnlyList<ReadinessPart> Parts, string? Note, IReadOnlyList<string> Items, string? Link);
