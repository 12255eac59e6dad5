using Fupin.Accounts;
using Fupin.Checks;
using Fupin.Data;
using Fupin.Imports;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Checks;

/// <summary>The check as the API returns it: the same shape as <c>fupin check --json</c>.</summary>
public sealed record CheckReportJson(
    string Region, string RegionName, string? Rule, int Households, int Members, int Errors, int Warnings,
    IReadOnlyList<CheckRuleJson> ByRule, IReadOnlyList<VillageCount> ByVillage, IReadOnlyList<CheckProblemJson> Problems)
{
    public static CheckReportJson From(RegistryCheckReport r) => new(
        r.Region, r.RegionName, r.Rule, r.Households, r.Members, r.Errors, r.Warnings,
        [.. r.ByRule.Select(x => new CheckRuleJson(x.Rule, x.Title, ChecksApi.SeverityCode(x.Severity), x.Count))],
        r.ByVillage,
        [.. r.Problems.Select(p => new CheckProblemJson(p.HouseholdId, p.Household, p.VillageCode, p.Village, p.Member, p.Field, p.Rule, ChecksApi.SeverityCode(p.Severity), p.Message))]);
}

public sealed record CheckRuleJson(string Rule, string Title, string Severity, int Count);

public sealed record CheckProblemJson(long HouseholdId, string Household, string VillageCode, string Village, string? Member, string Field, string Rule, string Severity, string Message);

public static class ChecksApi
{
    public static IEndpointRouteBuilder MapChecksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checks").WithTags("数据质量检查").RequireAuthorization(Policies.ReadRegistry);
        api.MapGet("/", Run).WithName("CheckRegistry")
            .WithSummary("对区域内库中的户运行数据质量检查（region 默认为本人管辖区域；rule 只列出该规则的问题，汇总仍含全部规则；证件号码、电话已脱敏）");
        return app;
    }

    public static async Task<Results<Ok<CheckReportJson>, ValidationProblem, NotFound<ProblemDetails>>> Run(
        AppDbContext db, TimeProvider clock, CancellationToken ct,
        [FromQuery(Name = "region")] string? region = null, [FromQuery(Name = "rule")] string? rule = null)
    {
        var code = string.IsNullOrWhiteSpace(region) ? await DefaultRegionAsync(db, ct) : region.Trim();
        if (code is null) return TypedResults.NotFound(ApiProblems.NotFound("区域不存在"));
        var result = await new CheckRegistry(db, clock).HandleAsync(new CheckRegistryRequest(code, rule), null, ct);
        if (result.IsOk) return TypedResults.Ok(CheckReportJson.From(result.Value));
        return result.Failure.Kind == Common.FailureKind.NotFound
            ? TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message))
            : ApiProblems.Invalid(result.Failure);
    }

    /// <summary>The user's own region (the widest, when they have several); for an unrestricted context the database's top region.</summary>
    public static async Task<string?> DefaultRegionAsync(AppDbContext db, CancellationToken ct) =>
        db.Scope.All ? await db.TopRegionCodeAsync(ct) : db.Scope.RegionPrefixes.FirstOrDefault();

    /// <summary>The regions the user may check: their own and everything under them, counties to villages.</summary>
    public static async Task<IReadOnlyList<(string Code, string Name, RegionLevel Level)>> RegionsAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Regions.AsNoTracking().Where(r => r.Level >= RegionLevel.County)
            .Select(r => new { r.Code, r.Name, r.Level }).ToListAsync(ct);
        return [.. rows.Where(r => db.Scope.Covers(r.Code)).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.Name, r.Level))];
    }

    public static string SeverityCode(Severity s) => s == Severity.Error ? "error" : "warning";
}
