using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Funds;
using Fupin.Projects;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Funds;

/// <summary>Who records fund sources, allocations and payments, as an authorization policy.</summary>
public static class FundsPolicies
{
    /// <summary><see cref="ProjectRoles.CanManageFunds"/>: the county office.</summary>
    public const string ManageFunds = "ManageFunds";
}

/// <summary>Query string of the fund pages, lists and export.</summary>
public sealed record FundsQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "project")] public long? Project { get; init; }
    [FromQuery(Name = "source")] public long? Source { get; init; }
    [FromQuery(Name = "kind")] public PaymentKind? Kind { get; init; }
    [FromQuery(Name = "limit")] public int? Limit { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    public ListFundRecordsRequest ToRecords() => new()
    {
        ProjectId = Project, SourceId = Source, Region = Region, Year = Year, Kind = Kind, Limit = Limit ?? ListFundRecords.DefaultLimit,
    };

    public Dictionary<string, string?> Values() => new(StringComparer.Ordinal)
    {
        ["region"] = Region,
        ["year"] = Year?.ToString(CultureInfo.InvariantCulture),
        ["project"] = Project?.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>An amount is given either in fen (<c>amountFen</c>, an integer) or in 元 (<c>amountYuan</c>, at most two decimals), not both.</summary>
public sealed record FundSourceBody(string? CountyCode, int Year, FundKind Kind, string? Name, string? DocumentNo, DateOnly? ReceivedOn, decimal? AmountYuan, long? AmountFen);

public sealed record AllocationBody(long SourceId, long ProjectId, DateOnly? AllocatedOn, string? DocumentNo, decimal? AmountYuan, long? AmountFen);

public sealed record PaymentBody(long AllocationId, PaymentKind Kind, DateOnly? PaidOn, string? Payee, string? VoucherNo, decimal? AmountYuan, long? AmountFen);

public sealed record FundAllocationList(FundProjectSummary? Project, IReadOnlyList<FundAllocationRow> Rows, bool Truncated, DateOnly AsOf);

public sealed record FundPaymentList(FundProjectSummary? Project, IReadOnlyList<FundPaymentRow> Rows, bool Truncated, DateOnly AsOf);

public static class FundsApi
{
    public static IServiceCollection AddFunds(this IServiceCollection services)
    {
        services.AddScoped<AddFundSource>()
            .AddScoped<AllocateFunds>()
            .AddScoped<RecordPayment>()
            .AddScoped<GetFundsOverview>()
            .AddScoped<GetFundSource>()
            .AddScoped<ListFundSources>()
            .AddScoped<ListFundRecords>()
            .AddScoped<ExportFundLedger>();
        services.AddAuthorizationBuilder()
            .AddPolicy(FundsPolicies.ManageFunds, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && ProjectRoles.CanManageFunds(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapFundsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/funds").WithTags("项目资金");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(FundsPolicies.ManageFunds);
        read.MapGet("/overview", Overview).WithName("GetFundsOverview")
            .WithSummary("资金总览（region、year）：按来源类别、来源、乡镇、项目的到位、下达、拨付、支出（分）与下达率、拨付率、支出率，逐月累计下达、拨付、支出；只计今天及以前的记录");
        read.MapGet("/sources", Sources).WithName("ListFundSources").WithSummary("资金来源列表（region、year、kind），含截至今天的下达、拨付、支出和可下达余额");
        read.MapGet("/sources/{id:long}", Source).WithName("GetFundSource").WithSummary("一笔资金来源及其全部下达和拨付支出记录");
        read.MapGet("/allocations", Allocations).WithName("ListFundAllocations").WithSummary("资金下达记录（project、source、region、year、limit），最新的在前；project 时附项目资金汇总");
        read.MapGet("/payments", Payments).WithName("ListFundPayments").WithSummary("拨付、支出记录（project、source、region、year、kind=Disbursement|Expenditure、limit），最新的在前");
        read.MapGet("/export", Export).WithName("ExportFundLedger").WithSummary("导出资金台账（.xlsx：资金来源、资金下达、拨付支出三张表，金额为元；导出记入审计日志）");
        manage.MapPost("/sources", AddSource).WithName("AddFundSource")
            .WithSummary("登记资金来源（countyCode 默认本人所在县、year、kind、name、documentNo、receivedOn ≤ 今天、amountFen 或 amountYuan > 0）");
        manage.MapPost("/allocations", Allocate).WithName("AllocateFunds")
            .WithSummary("资金下达（sourceId、projectId、allocatedOn、documentNo、amountFen 或 amountYuan）；超出来源可下达余额时 400 funds.over_allocation，项目未入库时 funds.project_not_pooled，均不写入任何记录");
        manage.MapPost("/payments", Pay).WithName("RecordFundPayment")
            .WithSummary("登记拨付或支出（allocationId、kind、paidOn、payee、voucherNo、amountFen 或 amountYuan）；拨付超出下达余额 400 funds.over_payment，支出超出已拨付未支出 funds.over_expenditure，均不写入任何记录");

        app.MapGet("/funds/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    static Results<Ok<T>, ValidationProblem, NotFound<ProblemDetails>> Answer<T>(Result<T> result) => result.Failure switch
    {
        null => TypedResults.Ok(result.Value!),
        { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
        var f => ApiProblems.Invalid(f),
    };

    public static async Task<Results<Ok<FundsOverview>, ValidationProblem, NotFound<ProblemDetails>>> Overview(
        [AsParameters] FundsQuery query, GetFundsOverview overview, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        return Answer(await overview.HandleAsync(new FundsOverviewRequest(query.Region, query.Year), ct));
    }

    public static async Task<Results<Ok<IReadOnlyList<FundSourceRow>>, ValidationProblem, NotFound<ProblemDetails>>> Sources(
        [AsParameters] FundsQuery query, [FromQuery(Name = "fundKind")] FundKind? fundKind, ListFundSources list, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        return Answer(await list.HandleAsync(new ListFundSourcesRequest(query.Region, query.Year, fundKind), ct));
    }

    public static async Task<Results<Ok<FundSourceDetails>, NotFound<ProblemDetails>>> Source(long id, GetFundSource get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Ok<FundAllocationList>, ValidationProblem, NotFound<ProblemDetails>>> Allocations(
        [AsParameters] FundsQuery query, ListFundRecords list, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await list.HandleAsync(query.ToRecords(), ct);
        return Answer(result.IsOk ? new FundAllocationList(result.Value.Project, result.Value.Allocations, result.Value.Truncated, result.Value.AsOf) : (Result<FundAllocationList>)result.Failure);
    }

    public static async Task<Results<Ok<FundPaymentList>, ValidationProblem, NotFound<ProblemDetails>>> Payments(
        [AsParameters] FundsQuery query, ListFundRecords list, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await list.HandleAsync(query.ToRecords(), ct);
        return Answer(result.IsOk ? new FundPaymentList(result.Value.Project, result.Value.Payments, result.Value.Truncated, result.Value.AsOf) : (Result<FundPaymentList>)result.Failure);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [AsParameters] FundsQuery query, ExportFundLedger export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportFundLedgerRequest(query.Region, query.Year, filterText, Editor.Of(http)), ct);
        if (!result.IsOk)
            return result.Failure.Kind == FailureKind.NotFound ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message)) : ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportFundLedger.ContentType, result.Value.FileName);
    }

    public static async Task<Results<Created<FundSourceSaved>, ValidationProblem>> AddSource(
        FundSourceBody body, AddFundSource add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var (fen, bad) = Amount(body.AmountYuan, body.AmountFen);
        if (bad is not null) return ApiProblems.Invalid(bad);
        var result = await add.HandleAsync(new AddFundSourceRequest
        {
            CountyCode = body.CountyCode ?? DefaultCounty(me), Year = body.Year, Kind = body.Kind, Name = body.Name, DocumentNo = body.DocumentNo,
            ReceivedOn = body.ReceivedOn ?? default, AmountFen = fen, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.IsOk ? TypedResults.Created(SourceUrl(result.Value.Id), result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Created<AllocationSaved>, ValidationProblem, Conflict<ProblemDetails>>> Allocate(
        AllocationBody body, AllocateFunds allocate, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var (fen, bad) = Amount(body.AmountYuan, body.AmountFen);
        if (bad is not null) return ApiProblems.Invalid(bad);
        var result = await allocate.HandleAsync(new AllocateFundsRequest
        {
            SourceId = body.SourceId, ProjectId = body.ProjectId, AmountFen = fen, AllocatedOn = body.AllocatedOn ?? default, DocumentNo = body.DocumentNo,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created("/api/funds/allocations?project=" + result.Value!.ProjectId.ToString(CultureInfo.InvariantCulture), result.Value),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Created<PaymentSaved>, ValidationProblem, Conflict<ProblemDetails>>> Pay(
        PaymentBody body, RecordPayment record, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var (fen, bad) = Amount(body.AmountYuan, body.AmountFen);
        if (bad is not null) return ApiProblems.Invalid(bad);
        var result = await record.HandleAsync(new RecordPaymentRequest
        {
            AllocationId = body.AllocationId, Kind = body.Kind, AmountFen = fen, PaidOn = body.PaidOn ?? default, Payee = body.Payee, VoucherNo = body.VoucherNo,
            User = Editor.Of(http), Role = me.Role!.Value,
        }, ct);
        return result.Failure switch
        {
            null => TypedResults.Created("/api/funds/payments?project=" + result.Value!.ProjectId.ToString(CultureInfo.InvariantCulture), result.Value),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    /// <summary>The amount in fen from either field; a yuan amount with a third decimal is refused, never rounded.</summary>
    static (long Fen, Failure? Bad) Amount(decimal? yuan, long? fen)
    {
        if (yuan is not null && fen is not null)
            return (0, Result.Invalid([new FieldError("AmountFen", FundRules.AmountInvalid, "金额只能按分（amountFen）或按元（amountYuan）给出一种")]));
        if (fen is { } f) return (f, null);
        if (yuan is null) return (0, null);
        return FundRules.FenOf(yuan) is { } converted
            ? (converted, null)
            : (0, Result.Invalid([new FieldError("AmountYuan", FundRules.AmountInvalid, FundRules.AmountFormatMessage)]));
    }

    /// <summary>The county of the user's first region (a county office user has exactly one).</summary>
    public static string? DefaultCounty(CurrentUser me) => me.Regions.FirstOrDefault(r => r.Length >= 6) is { } r ? r[..6] : null;

    public static string SourceUrl(long id) => "/api/funds/sources/" + id.ToString(CultureInfo.InvariantCulture);
}
