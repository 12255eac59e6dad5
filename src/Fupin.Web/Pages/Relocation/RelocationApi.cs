using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Projects;
using Fupin.Relocation;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Relocation;

/// <summary>Who maintains settlement sites, relocated households and workshops, as an authorization policy.</summary>
public static class RelocationPolicies
{
    /// <summary><see cref="ProjectRoles.CanManageSites"/>: county office, townships, villages.</summary>
    public const string ManageSites = "ManageRelocationSites";
}

public sealed record RelocationQuery
{
    [FromQuery(Name = "region")] public string? Region { get; init; }
    [FromQuery(Name = "kind")] public SettlementKind? Kind { get; init; }

    public bool RegionOutOfScope(AccessScope scope) => !string.IsNullOrWhiteSpace(Region) && !scope.Overlaps(Region.Trim());
}

public sealed record SiteBody(string? Name, SettlementKind Kind, string? RegionCode, long? ProjectId, int CapacityPersons, int HousesPlanned,
    int HousesBuilt, int HousesHandedOver, IReadOnlyList<SiteFacility>? Facilities, string? FollowUpNote, long Version = 0)
{
    public SiteInput ToInput() => new()
    {
        Name = Name, Kind = Kind, RegionCode = RegionCode, ProjectId = ProjectId, CapacityPersons = CapacityPersons, HousesPlanned = HousesPlanned,
        HousesBuilt = HousesBuilt, HousesHandedOver = HousesHandedOver, Facilities = Facilities ?? [], FollowUpNote = FollowUpNote,
    };
}

public sealed record RelocatedBody(long HouseholdId, DateOnly? MovedInOn, bool OldHouseDemolished, int StableJobs, string? IndustrySupport);

public sealed record RelocatedUpdateBody(long Version, DateOnly? MovedInOn, bool OldHouseDemolished, int StableJobs, string? IndustrySupport);

public static class RelocationApi
{
    public static IServiceCollection AddRelocation(this IServiceCollection services)
    {
        services.AddScoped<SearchSettlementSites>()
            .AddScoped<GetSettlementSite>()
            .AddScoped<AddSettlementSite>()
            .AddScoped<UpdateSettlementSite>()
            .AddScoped<AddRelocatedHousehold>()
            .AddScoped<UpdateRelocatedHousehold>()
            .AddScoped<RemoveRelocatedHousehold>()
            .AddScoped<ExportRelocatedHouseholds>();
        services.AddAuthorizationBuilder()
            .AddPolicy(RelocationPolicies.ManageSites, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CurrentUser.RoleOf(c.User) is { } role && ProjectRoles.CanManageSites(role)));
        return services;
    }

    public static IEndpointRouteBuilder MapRelocationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/relocation").WithTags("易地扶贫搬迁");
        var read = api.MapGroup("").RequireAuthorization(Policies.ReadRegistry);
        var manage = api.MapGroup("").RequireAuthorization(RelocationPolicies.ManageSites);
        read.MapGet("/sites", Search).WithName("SearchSettlementSites")
            .WithSummary("安置点列表（region、kind=Concentrated|Dispersed）：每个安置点的建房、搬迁入住、稳定就业户数和比例，及合计");
        read.MapGet("/sites/{id:long}", Get).WithName("GetSettlementSite")
            .WithSummary("安置点详情：搬得出（住房、搬迁户和人数、入住、拆旧）、稳得住（五个有、义务教育、医保）、能致富（稳定就业、无就业户、产业扶持、人均纯收入对比贫困线）、搬迁户名单、建设项目倒排工期");
        read.MapGet("/export", Export).WithName("ExportRelocatedHouseholds")
            .WithSummary("导出搬迁户台账（.xlsx；site=安置点编号 或 region；证件号码脱敏；导出记入审计日志）");
        manage.MapPost("/sites", AddSite).WithName("AddSettlementSite").WithSummary("新增安置点（已建成≤计划套数，已交付≤已建成）");
        manage.MapPut("/sites/{id:long}", UpdateSite).WithName("UpdateSettlementSite").WithSummary("修改安置点（须带版本号）");
        manage.MapPost("/sites/{id:long}/households", AddHousehold).WithName("AddRelocatedHousehold")
            .WithSummary("登记搬迁户（householdId；一户只能登记一个安置点：relocation.already_relocated）");
        manage.MapPut("/households/{id:long}", UpdateHousehold).WithName("UpdateRelocatedHousehold")
            .WithSummary("更新搬迁户后续扶持：入住日期、旧房拆除、乡镇登记稳定就业人数、产业扶持（须带版本号）");
        manage.MapDelete("/households/{id:long}", RemoveHousehold).WithName("RemoveRelocatedHousehold").WithSummary("移出搬迁户（version=版本号）");
        app.MapGet("/relocation/export", Export).RequireAuthorization(Policies.ReadRegistry).ExcludeFromDescription();
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));

    public static async Task<Results<Ok<SettlementSiteList>, ValidationProblem, NotFound<ProblemDetails>>> Search(
        [AsParameters] RelocationQuery query, SearchSettlementSites search, AccessScope scope, CancellationToken ct)
    {
        if (query.RegionOutOfScope(scope)) return RegionNotFound;
        var result = await search.HandleAsync(new SearchSettlementSitesRequest(query.Region, query.Kind), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : ApiProblems.Invalid(result.Failure);
    }

    public static async Task<Results<Ok<SettlementSiteDetails>, NotFound<ProblemDetails>>> Get(long id, GetSettlementSite get, CancellationToken ct)
    {
        var result = await get.HandleAsync(id, ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, NotFound<ProblemDetails>>> Export(
        [FromQuery(Name = "site")] long? site, [FromQuery(Name = "region")] string? region, ExportRelocatedHouseholds export, AccessScope scope,
        HttpContext http, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(region) && !scope.Overlaps(region.Trim())) return RegionNotFound;
        var filterText = http.Request.QueryString.HasValue ? Uri.UnescapeDataString(http.Request.QueryString.Value![1..]) : "（全部）";
        var result = await export.HandleAsync(new ExportRelocatedHouseholdsRequest(site, region, filterText, Editor.Of(http)), ct);
        switch (result.Failure)
        {
            case null:
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.File(result.Value!.Content, ExportRelocatedHouseholds.ContentType, result.Value.FileName);
            case { Kind: FailureKind.NotFound } f:
                return TypedResults.NotFound(ApiProblems.NotFound(f.Message));
            case var f:
                return ApiProblems.Invalid(f);
        }
    }

    public static async Task<Results<Created<SettlementSiteSaved>, ValidationProblem, NotFound<ProblemDetails>>> AddSite(
        SiteBody body, AddSettlementSite add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await add.HandleAsync(new AddSettlementSiteRequest(body.ToInput(), Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Created(SiteUrl(result.Value!.Id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<SettlementSiteSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateSite(
        long id, SiteBody body, UpdateSettlementSite update, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await update.HandleAsync(new UpdateSettlementSiteRequest(id, body.Version, body.ToInput(), Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<Created<RelocatedHouseholdSaved>, ValidationProblem, NotFound<ProblemDetails>>> AddHousehold(
        long id, RelocatedBody body, AddRelocatedHousehold add, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await add.HandleAsync(new AddRelocatedHouseholdRequest(id, body.HouseholdId, body.MovedInOn, body.OldHouseDemolished, body.StableJobs,
            body.IndustrySupport, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.Created(SiteUrl(id), result.Value),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static async Task<Results<Ok<RelocatedHouseholdSaved>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UpdateHousehold(
        long id, RelocatedUpdateBody body, UpdateRelocatedHousehold update, CurrentUser me, HttpContext http, CancellationToken ct) =>
        ApiProblems.Answer(await update.HandleAsync(new UpdateRelocatedHouseholdRequest(id, body.Version, body.MovedInOn, body.OldHouseDemolished, body.StableJobs,
            body.IndustrySupport, Editor.Of(http), me.Role!.Value), ct));

    public static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RemoveHousehold(
        long id, [FromQuery(Name = "version")] long version, RemoveRelocatedHousehold remove, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var result = await remove.HandleAsync(new RemoveRelocatedHouseholdRequest(id, version, Editor.Of(http), me.Role!.Value), ct);
        return result.Failure switch
        {
            null => TypedResults.NoContent(),
            { Kind: FailureKind.NotFound } f => TypedResults.NotFound(ApiProblems.NotFound(f.Message)),
            { Kind: FailureKind.Conflict } f => TypedResults.Conflict(ApiProblems.Conflict(f.Message)),
            var f => ApiProblems.Invalid(f),
        };
    }

    public static string SiteUrl(long id) => "/api/relocation/sites/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Yuan with at most two decimals, not negative, to fen; null if not so.</summary>
    public static long? FenOf(decimal? yuan) =>
        yuan is { } y && y >= 0 && y <= 1_000_000_000m && decimal.Round(y, 2) == y ? (long)(y * 100) : null;
}
