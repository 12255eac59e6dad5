using Fupin.Common;
using Fupin.Regions;
using Fupin.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Fupin.Web.Pages.Regions;

public static class RegionsApi
{
    public static IServiceCollection AddRegions(this IServiceCollection services) =>
        services.AddSingleton<CountyCounts>().AddScoped<GetRegionStats>().AddScoped<GetRegionTree>();

    public static IEndpointRouteBuilder MapRegionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/regions").WithTags("区域");
        api.MapGet("/{code}/children", GetChildren)
            .WithName("GetRegionChildren")
            .WithSummary("区域的下级区域及户数、贫困户数（县 → 乡镇 → 行政村）");
        return app;
    }

    public static async Task<Results<Ok<RegionTree>, NotFound<ProblemDetails>>> GetChildren(string code, GetRegionTree tree, CancellationToken ct)
    {
        var result = await tree.HandleAsync(new GetRegionTreeRequest(code), ct);
        return result.IsOk ? TypedResults.Ok(result.Value) : TypedResults.NotFound(ApiProblems.NotFound(result.Failure.Message));
    }
}
