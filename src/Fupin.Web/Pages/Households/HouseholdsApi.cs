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
}

public static class HouseholdsApi
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services) => services
        .AddScoped<SearchHouseholds>()
        .AddScoped<GetHousehold>()
        .AddScoped<EditHousehold>()
        .AddScoped<EditMember>();

    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/households").WithTags("建档立卡户");
        households.MapGet("/", Search).WithName("SearchHouseholds").WithSummary("查询建档立卡户（分页、排序；证件号码已脱敏）");
        households.MapGet("/{id:long}", Get).WithName("GetHousehold").WithSummary("户详情：成员、收入、生产生活条件、变更记录（个人信息已脱敏）");
        households.MapPut("/{id:long}", Edit).WithName("EditHousehold").WithSummary("修改户信息（须带版本号和变更原因）");

        var members = app.MapGroup("/api/members").WithTags("建档立卡户");
        members.MapPut("/{id:long}", EditMemberById).WithName("EditMember").WithSummary("修改家庭成员信息（须带版本号和变更原因）");
        return app;
    }

    public static async Task<Results<Ok<HouseholdPage>, ValidationProblem>> Search([AsParameters] HouseholdQuery query, SearchHouseholds search, CancellationToken ct)
    {
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
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
