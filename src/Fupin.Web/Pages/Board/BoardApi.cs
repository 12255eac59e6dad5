using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Regions;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Board;

/// <summary>The 作战图 API: a region's board (figures with trends and links, child regions) from <see cref="BoardCache"/>.</summary>
public static class BoardApi
{
    public static IServiceCollection AddBoard(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<BoardCache>();
        services.AddSingleton<BoardWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<BoardWarmUp>());
        return services;
    }

    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/board").WithTags("挂图作战").RequireAuthorization(BoardPolicies.SeeBoard);
        api.MapGet("/{code}", Get).WithName("GetBoard")
            .WithSummary("作战图：区域（县6位、乡9位、村12位）截至业务日期的各项指标（key、分组、数值、单位、按月趋势、对应清单链接及其合计名 measure、口径说明）和下级区域指标；区域不在本人管辖范围内为404");
        return app;
    }

    static readonly NotFound<ProblemDetails> RegionNotFound = TypedResults.NotFound(ApiProblems.NotFound("区域不存在或不在您的管辖范围内"));

    public static async Task<Results<Ok<BoardView>, NotFound<ProblemDetails>>> Get(string code, BoardCache boards, AccessScope scope, CancellationToken ct)
    {
        if (!MaySee(scope, code)) return RegionNotFound;
        var view = await boards.GetAsync(code, ct);
        return view is null ? RegionNotFound : TypedResults.Ok(view);
    }

    /// <summary>The board of a region is shown only when the region lies within the user's regions (not merely above them).</summary>
    public static bool MaySee(AccessScope scope, string code) =>
        code.Length is 6 or 9 or 12 && code.All(char.IsAsciiDigit) && scope.Covers(code);

    /// <summary>The user's own top region: the county (or the common prefix of all) for everyone-scopes, else their broadest region.</summary>
    public static async Task<string?> TopRegionAsync(AppDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (scope.All) return await db.TopRegionCodeAsync(ct) is { Length: 6 or 9 or 12 } top ? top : null;
        return scope.RegionPrefixes.Where(p => p.Length is 6 or 9 or 12).OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();
    }
}
