using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Funds;
using Fupin.Industries;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Funds;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Industry;

/// <summary>Who keeps the county's industries and plans, and who records a household's own industry, as authorization policies.</summary>
public static class IndustryPlanPolicies
{
    /// <summary><see cref="IndustryRoles.CanManageIndustries"/>: the county office.</summary>
    public const string ManageIndustries = "ManageIndustries";

    /// <summary><see cref="IndustryRoles.CanRecordEmployment"/>: whoever visits the household.</summary>
    public const string RecordEngagement = "RecordIndustryEngagement";
}

/// <summary>Query string of the industry overview, its page and export.</summary>
public sealed record IndustryQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);
}

public sealed record LocalIndustryBody(string? CountyCode, string? Code, string? Name, string? OutputUnit, int? SortOrder);

public sealed record LocalIndustryUpdateBody(string? Name, string? OutputUnit, int? SortOrder, bool? IsActive);

public sealed record PlanItemBody(long? Version, PlanItemKind Kind, string? Name, string? RegionCode, string? Unit, double? Target, double? Actual,
    DateOnly? Deadline, string? Detail, int? SortOrder);

/// <summary>Income is given either in fen (<c>incomeFen</c>) or in 元 (<c>incomeYuan</c>, at most two decimals), not both; neither means 0.</summary>
public sealed record EngagementBody(long HouseholdId, long IndustryId, int Year, int Persons, double AreaMu, double Output, long? IncomeFen, decimal? IncomeYuan);

/// <summary>The county's local industries, their overview, plans and households' own industry: /api/industry/industries, /api/industry/engagements.</summary>
public static class IndustryPlansApi
{
    public static IServiceCollection AddIndustryPlans(this IServiceCollection services)
    {
        services.AddScoped<AddLocalIndustry>()
            .AddScoped<UpdateLocalIndustry>()
            .AddScoped<ListLocalIndustries>()
            .AddScoped<GetIndustryOverview>()
            .AddScoped<GetIndustry>()
            .AddScoped<SaveIndustryPlanItem>()
            .AddScoped<RemoveIndustryPlanItem>()
            .AddScoped<RecordIndustryEngagement>()
            .AddScoped<RemoveIndustryEngagement>()
            .AddScoped<ListHouseholdEngagements>()
            .AddScoped<ExportIndustryOverview>();
        services.AddAuthorizationBuilder()
            .AddPolicy(IndustryPlanPolicies.ManageIndustries, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && IndustryRoles.CanManageIndustries(role)))
            .AddPolicy(IndustryPlanPolicies.RecordEngagement, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && IndustryRoles.CanRecordEmployment(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapIndustryPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("产业发展");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(IndustryPlanPolicies.ManageIndustries);
        var record = api.MapGroup("").RequireAuthorization(IndustryPlanPolicies.RecordEngagement);
        read.MapGet("/industries", List).WithName("ListLocalIndustries")
            .WithSummary("本县特色产业代码表（county 可选；active=true 只列在用的），按排序");
        manage.MapPost("/industries", Add).WithName("AddLocalIndustry")
            .WithSummary("新增特色产业（countyCode 默认本人所在县、code 1–16位字母数字、name、outputUnit、sortOrder）；代码重复 400 industry.code_taken，名称重复 industry.name_taken");
        read.MapGet("/industries/{id:long}", Get).WithName("GetIndustry")
            .WithSummary("一个特色产业（year）：全县及分乡镇的带贫数字、经营主体、利益联结合同（本年兑现）、按类型分组的产业规划（目标、完成、完成率）");
        manage.MapPut("/industries/{id:long}", Update).WithName("UpdateLocalIndustry")
            .WithSummary("修改特色产业（name、outputUnit、sortOrder、isActive=false 停用 / true 恢复）；代码不可改");
        manage.MapPost("/industries/{id:long}/plan", AddPlanItem).WithName("AddIndustryPlanItem")
            .WithSummary("新增产业规划条目（kind=Target|Base|ProcessingPark|Incentive、name、regionCode 本县乡镇或村、unit、target、actual ≥ 0、deadline、detail）");
        manage.MapPut("/plan/{itemId:long}", UpdatePlanItem).WithName("UpdateIndustryPlanItem")
            .WithSummary("修改产业规划条目（带 version；版本不符 409）");
        manage.MapDelete("/plan/{itemId:long}", RemovePlanItem).WithName("RemoveIndustryPlanItem")
            .WithSummary("删除产业规划条目（version 可选；版本不符 409）");
        read.MapGet("/overview", Overview).WithName("GetIndustryOverview")
            .WithSummary("产业带贫总览（region 县/乡镇/村、year）：每个产业的经营主体（按类型）、有效合同、联结户数和人数、本年兑现、自主发展户数人数面积产量收入、带动农户合计；合计行；分乡镇（或分村）");
        read.MapGet("/overview/export", Export).WithName("ExportIndustryOverview")
            .WithSummary("导出产业带贫情况（.xlsx：产业总览、分乡镇或分村两张表，金额为元；导出记入审计日志）");
        record.MapPost("/engagements", Record).WithName("RecordIndustryEngagement")
            .WithSummary("登记农户自主发展产业（householdId、industryId、year ≤ 本年、persons 1–家庭人口、areaMu、output、incomeFen 或 incomeYuan，均不小于0）；同户同产业同年度已有时改为修改");
        record.MapDelete("/engagements/{id:long}", RemoveEngagement).WithName("RemoveIndustryEngagement").WithSummary("删除一条农户自主发展产业登记");
        read.MapGet("/households/{householdId:long}/engagements", HouseholdEngagements).WithName("ListHouseholdEngagements")
            .WithSummary("一户的自主发展产业登记，年度新的在前");

        app.MapGet("/industry/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));


    public static string IndustryUrl(long id) => "/api/industry/industries/" + id.ToString(CultureInfo.InvariantCulture);

    public static async Task<Results<Ok<IReadOnlyList<LocalIndustryRow>>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> List(
        [FromQuery(Name = "county")] string? county, [FromQuery(Name = "active")] bool? active, ListLocalIndustries list, CancellationToken ct) =>
        ApiProblems.Answer(await list.HandleAsync(new ListLocalIndustriesRequest(county, active != true), ct));

    public static async Task<Results<Created<LocalIndustryRow>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Add(
        LocalIndustryBody body, AddLocalIndustry add, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Created(await add.HandleAsync(new AddLocalIndustryRequest
        {
            CountyCode = body.CountyCode ?? FundsApi.DefaultCounty(me), Code = body.Code, Name = body.Name, OutputUnit = body.OutputUnit, SortOrder = body.SortOrder,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct), r => IndustryUrl(r.Id));

    public static async Task<Results<Ok<IndustryDetails>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Get(
        long id, [FromQuery(Name = "year")] int? year, GetIndustry get, CancellationToken ct) =>
        ApiProblems.Answer(await get.HandleAsync(new GetIndustryRequest(id, year), ct));

    public static async Task<Results<Ok<LocalIndustryRow>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Update(
        long id, LocalIndustryUpdateBody body, UpdateLocalIndustry update, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await update.HandleAsync(new UpdateLocalIndustryRequest
        {
            Id = id, Name = body.Name, OutputUnit = body.OutputUnit, SortOrder = body.SortOrder, IsActive = body.IsActive, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct));

    static SaveIndustryPlanItemRequest PlanRequest(long? itemId, long industryId, PlanItemBody body, CurrentUser me, HttpContext http) => new()
    {
        Id = itemId, IndustryId = industryId, Version = body.Version, Kind = body.Kind, Name = body.Name, RegionCode = body.RegionCode, Unit = body.Unit,
        Target = body.Target, Actual = body.Actual, Deadline = body.Deadline, Detail = body.Detail, SortOrder = body.SortOrder, User = Editor.Of(http), Role = me.Role!.Value,
    };

    public static async Task<Results<Created<IndustryPlanLine>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddPlanItem(
        long id, PlanItemBody body, SaveIndustryPlanItem save, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Created(await save.HandleAsync(PlanRequest(null, id, body, me, http), ct), _ => IndustryUrl(id));

    public static async Task<Results<Ok<IndustryPlanLine>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdatePlanItem(
        long itemId, PlanItemBody body, SaveIndustryPlanItem save, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await save.HandleAsync(PlanRequest(itemId, 0, body, me, http), ct));

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemovePlanItem(
        long itemId, [FromQuery(Name = "version")] long? version, RemoveIndustryPlanItem remove, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveIndustryPlanItemRequest(itemId, version, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<IndustryOverview>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Overview(
        [AsParameters] IndustryQuery query, GetIndustryOverview overview, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        return ApiProblems.Answer(await overview.HandleAsync(new IndustryOverviewRequest(query.Region, query.Year), ct));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] IndustryQuery query, ExportIndustryOverview export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（默认）";
        var result = await export.HandleAsync(new ExportIndustryOverviewRequest(query.Region, query.Year, filterText, Editor.Of(http)), ct);
        if (!result.IsOk)
            return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportIndustryOverview.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Created<IndustryEngagementRow>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Record(
        EngagementBody body, RecordIndustryEngagement record, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        long income;
        if (body.IncomeYuan is not null && body.IncomeFen is not null)
            return ApiProblems.Invalid(Result.Invalid([new FieldError("IncomeFen", "industry.income_invalid", "收入只能按分（incomeFen）或按元（incomeYuan）给出一种")]));
        if (body.IncomeYuan is { } yuan)
        {
            if (yuan == 0) income = 0;
            else if (FundRules.FenOf(yuan) is { } fen) income = fen;
            else return ApiProblems.Invalid(Result.Invalid([new FieldError("IncomeYuan", "industry.income_invalid", "收入无效：请按元填写不小于0的数，最多两位小数")]));
        }
        else income = body.IncomeFen ?? 0;
        var result = await record.HandleAsync(new RecordIndustryEngagementRequest
        {
            HouseholdId = body.HouseholdId, IndustryId = body.IndustryId, Year = body.Year, Persons = body.Persons, AreaMu = body.AreaMu, Output = body.Output,
            IncomeFen = income, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return ApiProblems.Created(result, r => $"/api/industry/households/{r.HouseholdId.ToString(CultureInfo.InvariantCulture)}/engagements");
    }

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>>> RemoveEngagement(
        long id, RemoveIndustryEngagement remove, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveIndustryEngagementRequest(id, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<IndustryEngagementRow>>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> HouseholdEngagements(
        long householdId, ListHouseholdEngagements list, CancellationToken ct) =>
        ApiProblems.Answer(await list.HandleAsync(householdId, ct));
}
