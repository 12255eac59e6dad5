using Fupin.Accounts;
using Fupin.Common;
using Fupin.Households;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Households;

/// <summary>Query string of the household search, shared by the API and the search page.</summary>
public sealed record HouseholdQuery
{
    [FromQuery(Name = "name")] public string? Name { get; init; }
    [FromQuery(Name = "idNumber")] public string? IdNumber { get; init; }
    [FromQuery(Name = "number")] public string? Number { get; init; }
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "attribute")] public HouseholdAttribute? Attribute { get; init; }
    [FromQuery(Name = "status")] public PovertyStatus? Status { get; init; }
    [FromQuery(Name = "mainCause")] public PovertyCause? MainCause { get; init; }
    [FromQuery(Name = "sort")] public HouseholdSort? Sort { get; init; }
    [FromQuery(Name = "desc")] public bool? Desc { get; init; }
    [FromQuery(Name = "page")] public int? Page { get; init; }
    [FromQuery(Name = "pageSize")] public int? PageSize { get; init; }

    public SearchHouseholdsRequest ToRequest() => new()
    {
        Name = Name,
        IdNumber = IdNumber,
        Number = Number,
        Region = Region,
        Attribute = Attribute,
        Status = Status,
        MainCause = MainCause,
        Sort = Sort ?? HouseholdSort.Number,
        Descending = Desc ?? false,
        Page = Page ?? 1,
        PageSize = PageSize ?? SearchHouseholds.DefaultPageSize,
    };

    /// <summary>
    /// A region outside the user's scope (not in it and not above it) answers 404, as a household
    /// outside it does; a malformed code is left to the search to report.
    /// </summary>
    public bool RegionOutOfScope(AccessScope scope) =>
        Region?.Trim() is { Length: 2 or 4 or 6 or 9 or 12 } code && code.All(char.IsAsciiDigit) && !scope.Overlaps(code);
}

public static class HouseholdsApi
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services) => services
        .AddScoped<SearchHouseholds>()
        .AddScoped<GetHousehold>()
        .AddScoped<EditHousehold>()
        .AddScoped<EditMember>()
        .AddScoped<ExportHouseholds>();

    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/households").WithTags("建档立卡户").RequireAuthorization(Policies.ReadRegistry);
        households.MapGet("/export", Export).WithName("ExportHouseholds").WithSummary("导出查询结果为 CSV（UTF-8，证件号码、电话已脱敏；导出记入审计日志）");
        households.MapGet("/", Search).WithName("SearchHouseholds").WithSummary("查询建档立卡户（分页、排序；证件号码已脱敏）");
        households.MapGet("/{id:long}", Get).WithName("GetHousehold").WithSummary("户详情：成员、收入、生产生活条件、变更记录（个人信息已脱敏）");
        households.MapPut("/{id:long}", Edit).RequireAuthorization(Policies.EditRegistry).WithName("EditHousehold").WithSummary("修改户信息（须带版本号和变更原因）");

        var members = app.MapGroup("/api/members").WithTags("建档立卡户").RequireAuthorization(Policies.ReadRegistry);
        members.MapPut("/{id:long}", EditMemberById).RequireAuthorization(Policies.EditRegistry).WithName("EditMember").WithSummary("修改家庭成员信息（须带版本号和变更原因）");

        // The search page's download link: same filters, same file.
        app.MapGet("/households/export.csv", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<HouseholdPage>, ValidationProblem, NotFound<ProblemDetails>>> Search([AsParameters] HouseholdQuery query, SearchHouseholds search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] HouseholdQuery query, ExportHouseholds export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportHouseholdsRequest(query.ToRequest(), filterText, Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Csv, "text/csv; charset=utf-8", result.Value.FileName);
    }

    public static async Task<Results<Ok<HouseholdDetails>, NotFound<ProblemDetails>>> Get(long id, GetHousehold get, CancellationToken ct)
    {
        var result = await get.HandleAsync(new GetHouseholdRequest(id), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<EditSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Edit(
        long id, HouseholdEdit body, EditHousehold edit, HttpContext http, CancellationToken ct)
    {
        var result = await edit.HandleAsync(new EditHouseholdRequest(id, body, Editor.Of(http)), ct);
        return Saved(result);
    }

    public static async Task<Results<Ok<EditSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> EditMemberById(
        long id, MemberEdit body, EditMember edit, HttpContext http, CancellationToken ct)
    {
        var result = await edit.HandleAsync(new EditMemberRequest(id, body, Editor.Of(http)), ct);
        return Saved(result);
    }

    static Results<Ok<EditSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>> Saved(Result<EditSaved> result) =>
        result.Failure switch
        {
            null => TypedResults.Ok(result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
}
