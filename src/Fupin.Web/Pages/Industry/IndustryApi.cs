using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Industries;
using Fupin.Web.Infrastructure;
using Fupin.Web.Pages.Relocation;
using Fupin.Web.Pages.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Industry;

/// <summary>Who keeps business entities, linkage contracts, their parties and payments, as an authorization policy.</summary>
public static class IndustryPolicies
{
    /// <summary><see cref="IndustryRoles.CanManageEntities"/>: the county office and townships.</summary>
    public const string ManageEntities = "ManageEntities";
}

/// <summary>Query string of the entity list and its export.</summary>
public sealed record EntityQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "kind")] public EntityKind? Kind { get; init; }
    [FromQuery(Name = "industry")] public long? Industry { get; init; }
    [FromQuery(Name = "q")] public string? Text { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);

    public SearchBusinessEntitiesRequest ToRequest() => new(Region, Kind, Industry, Text);
}

/// <summary>Query string of the linkage ledger export.</summary>
public sealed record LedgerQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "entity")] public long? Entity { get; init; }
    [FromQuery(Name = "contract")] public long? Contract { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => VerificationApi.OutOfScope(Region, scope);
}

/// <summary>An entity as sent by a client; amounts in 元.</summary>
public sealed record EntityBody(string? RegionCode, string? Name, EntityKind Kind, string? Level, long? IndustryId, string? CreditCode, string? LegalPerson,
    string? Contact, string? ContactPhone, long? WorkshopId, int Employees, double AreaMu, decimal AnnualOutputYuan, DateOnly? FoundedOn, string? Note, long Version = 0)
{
    public BusinessEntityInput ToInput(long outputFen) => new()
    {
        RegionCode = RegionCode, Name = Name, Kind = Kind, Level = Level, IndustryId = IndustryId, CreditCode = CreditCode, LegalPerson = LegalPerson,
        Contact = Contact, ContactPhone = ContactPhone, WorkshopId = WorkshopId, Employees = Employees, AreaMu = AreaMu, AnnualOutputFen = outputFen,
        FoundedOn = FoundedOn, Note = Note,
    };
}

/// <summary>A contract as sent by a client: <c>entityId</c> on creation; <c>version</c> on change (number, kind and industry then stay).</summary>
public sealed record ContractBody(long EntityId, string? Number, LinkageKind Kind, long? IndustryId, string? Model, DateOnly? StartOn, DateOnly? EndOn,
    decimal AgreedPerYearYuan, string? Terms, long Version = 0);

/// <summary>A party: the household by id or number, optionally one member; amounts in 元.</summary>
public sealed record PartyBody(long? HouseholdId, string? HouseholdNumber, long? MemberId, decimal? AgreedPerYearYuan, decimal? SharesYuan, double? LandMu);

/// <summary>With <c>partyId</c> one payment to that party; without, the dividend run: every party gets <c>amountYuan</c> each, or its agreed amount when absent.</summary>
public sealed record LinkagePaymentBody(long? PartyId, decimal? AmountYuan, DateOnly? PaidOn, int? Year, string? Note);

public sealed record CancelPaymentBody(string? Reason);

/// <summary>Industries, business entities, linkage contracts and their payments: /api/industry.</summary>
public static class IndustryApi
{
    public static IServiceCollection AddIndustry(this IServiceCollection services)
    {
        services.AddScoped<SearchBusinessEntities>()
            .AddScoped<GetBusinessEntity>()
            .AddScoped<AddBusinessEntity>()
            .AddScoped<UpdateBusinessEntity>()
            .AddScoped<ExportBusinessEntities>()
            .AddScoped<AddLinkageContract>()
            .AddScoped<UpdateLinkageContract>()
            .AddScoped<GetLinkageContract>()
            .AddScoped<AddLinkageParty>()
            .AddScoped<RemoveLinkageParty>()
            .AddScoped<RecordLinkagePayment>()
            .AddScoped<RecordLinkagePayments>()
            .AddScoped<CancelLinkagePayment>()
            .AddScoped<ExportLinkageLedger>();
        services.AddAuthorizationBuilder()
            .AddPolicy(IndustryPolicies.ManageEntities, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && IndustryRoles.CanManageEntities(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapIndustryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/industry").WithTags("产业扶贫");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(IndustryPolicies.ManageEntities);
        read.MapGet("/entities", SearchEntities).WithName("SearchBusinessEntities")
            .WithSummary("经营主体名录（region、kind、industry、q）：每个主体本年有效的联结合同数、联结户数和人数、本年支付（分），及合计");
        read.MapGet("/entities/{id:long}", GetEntity).WithName("GetBusinessEntity").WithSummary("经营主体详情：基本信息、关联车间、联结合同及本年联结户数、人数、支付");
        read.MapGet("/entities/export", ExportEntities).WithName("ExportBusinessEntities").WithSummary("导出经营主体名录（.xlsx，金额为元；导出记入审计日志）");
        manage.MapPost("/entities", AddEntity).WithName("AddBusinessEntity")
            .WithSummary("新增经营主体（regionCode 乡镇或村、name 本县唯一 entity.name_taken、kind、level 国家级/省级/市级/县级、industryId、creditCode 18位、contactPhone、规模不为负）");
        manage.MapPut("/entities/{id:long}", UpdateEntity).WithName("UpdateBusinessEntity").WithSummary("修改经营主体（须带版本号，过期 409）");
        read.MapGet("/contracts/{id:long}", GetContract).WithName("GetLinkageContract")
            .WithSummary("利益联结合同：主体、联结对象（户编号、户主、成员、村，约定和逐年支付）、支付记录；只含本人可见的户");
        read.MapGet("/contracts/export", ExportLedger).WithName("ExportLinkageLedger")
            .WithSummary("导出利益联结台账（region 联结户所在区域、year、entity、contract；每个联结对象每年一行：约定、实际支付，元；导出记入审计日志）");
        manage.MapPost("/contracts", AddContract).WithName("AddLinkageContract")
            .WithSummary("新增利益联结合同（entityId、number 本县唯一 contract.number_taken、kind、industryId 默认主体产业、model 带贫模式、startOn ≤ 今天、endOn ≥ startOn、agreedPerYearYuan）");
        manage.MapPut("/contracts/{id:long}", UpdateContract).WithName("UpdateLinkageContract")
            .WithSummary("修改合同期限、约定金额、带贫模式、条款（须带版本号，过期 409；已有支付的年份须在期限内 contract.payments_outside）");
        manage.MapPost("/contracts/{id:long}/parties", AddParty).WithName("AddLinkageParty")
            .WithSummary("新增联结对象（householdId 或 householdNumber、memberId 须属该户；已脱贫不再享受政策 contract.household_not_eligible；重复 contract.party_exists）");
        manage.MapDelete("/parties/{id:long}", RemoveParty).WithName("RemoveLinkageParty").WithSummary("移除联结对象（已有支付的 contract.party_has_payments）");
        manage.MapPost("/contracts/{id:long}/payments", Pay).WithName("RecordLinkagePayments")
            .WithSummary("登记支付：带 partyId 为一笔；不带为统一发放（每个联结对象 amountYuan 或其约定金额，全部成功或全部不写）。金额计入该户当年收入（分红→资产收益分红，租金→其他财产性，工资→工资性，订单/托管→生产经营性）；paidOn ≤ 今天 payment.date_future，合同当年无效 payment.contract_inactive");
        manage.MapPost("/payments/{id:long}/cancel", Cancel).WithName("CancelLinkagePayment").WithSummary("撤销支付（reason），从该户当年收入中扣回");

        app.MapGet("/industry/entities/export", ExportEntities).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        app.MapGet("/industry/contracts/export", ExportLedger).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));


    static ValidationProblem BadYuan(string field, string label) =>
        ApiProblems.Invalid(Result.Invalid([new FieldError(field, "payment.amount_invalid", $"{label}无效（元，最多两位小数）")]));

    public static async Task<Results<Ok<BusinessEntityList>, ValidationProblem, NotFound<ProblemDetails>>> SearchEntities(
        [AsParameters] EntityQuery query, SearchBusinessEntities search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(query.ToRequest(), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<BusinessEntityDetails>, NotFound<ProblemDetails>>> GetEntity(long id, GetBusinessEntity get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> ExportEntities(
        [AsParameters] EntityQuery query, ExportBusinessEntities export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await export.HandleAsync(new ExportBusinessEntitiesRequest(query.ToRequest(), FilterText(http), Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportBusinessEntities.ContentType, result.Value.FileName);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> ExportLedger(
        [AsParameters] LedgerQuery query, ExportLinkageLedger export, AccessScope scope, HttpContext http, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await export.HandleAsync(new ExportLinkageLedgerRequest(query.Region, query.Year, query.Entity, query.Contract, FilterText(http), Editor.Of(http)), ct);
        if (!result.IsOk) return ApiProblems.Invalid(result.Failure);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(result.Value.Content, ExportLinkageLedger.ContentType, result.Value.FileName);
    }

    static string FilterText(HttpContext http) =>
        http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";

    public static async Task<Results<Created<BusinessEntitySaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddEntity(
        EntityBody body, AddBusinessEntity add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (RelocationApi.FenOf(body.AnnualOutputYuan) is not { } output) return BadYuan("AnnualOutputYuan", "年产值");
        return ApiProblems.Created(await add.HandleAsync(new AddBusinessEntityRequest(body.ToInput(output), Editor.Of(http), me.Role!.Value), ct), v => EntityUrl(v.Id));
    }

    public static async Task<Results<Ok<BusinessEntitySaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateEntity(
        long id, EntityBody body, UpdateBusinessEntity update, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (RelocationApi.FenOf(body.AnnualOutputYuan) is not { } output) return BadYuan("AnnualOutputYuan", "年产值");
        return ApiProblems.Answer(await update.HandleAsync(new UpdateBusinessEntityRequest(id, body.Version, body.ToInput(output), Editor.Of(http), me.Role!.Value), ct));
    }

    public static async Task<Results<Ok<LinkageContractDetails>, NotFound<ProblemDetails>>> GetContract(long id, GetLinkageContract get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<Created<LinkageContractSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddContract(
        ContractBody body, AddLinkageContract add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (RelocationApi.FenOf(body.AgreedPerYearYuan) is not { } agreed) return BadYuan("AgreedPerYearYuan", "约定金额");
        var input = new LinkageContractInput
        {
            Number = body.Number, Kind = body.Kind, IndustryId = body.IndustryId, Model = body.Model, StartOn = body.StartOn ?? default, EndOn = body.EndOn,
            AgreedPerYearFen = agreed, Terms = body.Terms,
        };
        return ApiProblems.Created(await add.HandleAsync(new AddLinkageContractRequest(body.EntityId, input, Editor.Of(http), me.Role!.Value), ct), v => ContractUrl(v.Id));
    }

    public static async Task<Results<Ok<LinkageContractSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateContract(
        long id, ContractBody body, UpdateLinkageContract update, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        if (RelocationApi.FenOf(body.AgreedPerYearYuan) is not { } agreed) return BadYuan("AgreedPerYearYuan", "约定金额");
        return ApiProblems.Answer(await update.HandleAsync(new UpdateLinkageContractRequest(id, body.Version, body.StartOn ?? default, body.EndOn, agreed, body.Model, body.Terms,
            Editor.Of(http), me.Role!.Value), ct));
    }

    public static async Task<Results<Created<LinkagePartySaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> AddParty(
        long id, PartyBody body, AddLinkageParty add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        long? agreed = null, shares = null;
        if (body.AgreedPerYearYuan is { } a && (agreed = RelocationApi.FenOf(a)) is null) return BadYuan("AgreedPerYearYuan", "约定金额");
        if (body.SharesYuan is { } s && (shares = RelocationApi.FenOf(s)) is null) return BadYuan("SharesYuan", "入股金额");
        return ApiProblems.Created(await add.HandleAsync(new AddLinkagePartyRequest
        {
            ContractId = id, HouseholdId = body.HouseholdId, HouseholdNumber = body.HouseholdNumber, MemberId = body.MemberId, AgreedPerYearFen = agreed,
            SharesFen = shares, LandMu = body.LandMu, User = Editor.Of(http), Role = me.Role!.Value,
        }, ct), _ => ContractUrl(id));
    }

    public static async Task<Results<Ok<LinkagePartyRemoved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveParty(
        long id, RemoveLinkageParty remove, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await remove.HandleAsync(new RemoveLinkagePartyRequest(id, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Created<LinkagePaymentsSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Pay(
        long id, LinkagePaymentBody body, RecordLinkagePayment one, RecordLinkagePayments all, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        long? amount = null;
        if (body.AmountYuan is { } y && (amount = RelocationApi.FenOf(y)) is null) return BadYuan("AmountYuan", "支付金额");
        var user = Editor.Of(http);
        var role = me.Role!.Value;
        if (body.PartyId is { } partyId)
        {
            var r = await one.HandleAsync(new RecordLinkagePaymentRequest
            {
                PartyId = partyId, ContractId = id, AmountFen = amount ?? 0, PaidOn = body.PaidOn ?? default, Year = body.Year, Note = body.Note, User = user, Role = role,
            }, ct);
            var wrapped = r.IsOk ? (Result<LinkagePaymentsSaved>)new LinkagePaymentsSaved(id, r.Value.Year, 1, r.Value.AmountFen, [r.Value]) : r.Failure;
            return ApiProblems.Created(wrapped, _ => ContractUrl(id));
        }
        return ApiProblems.Created(await all.HandleAsync(new RecordLinkagePaymentsRequest
        {
            ContractId = id, AmountFen = amount, PaidOn = body.PaidOn ?? default, Year = body.Year, Note = body.Note, User = user, Role = role,
        }, ct), _ => ContractUrl(id));
    }

    public static async Task<Results<Ok<LinkagePaymentCancelled>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Cancel(
        long id, CancelPaymentBody? body, CancelLinkagePayment cancel, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await cancel.HandleAsync(new CancelLinkagePaymentRequest(id, body?.Reason, Editor.Of(http), me.Role!.Value), ct));

    public static string EntityUrl(long id) => "/api/industry/entities/" + id.ToString(CultureInfo.InvariantCulture);

    public static string ContractUrl(long id) => "/api/industry/contracts/" + id.ToString(CultureInfo.InvariantCulture);
}
