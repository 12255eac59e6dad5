using Fupin.Common;
using System.Data.Common;
using Fupin.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fupin.Web.Health;

public sealed record HealthReport(string Status, string Database);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("健康检查：应用是否运行、数据库能否连接")
            .AllowAnonymous();
        return app;
    }

    /// <summary>200 when the database answers, 503 when it cannot be reached.</summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(AppDbContext db, CancellationToken ct)
    {
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(ct);
        }
        catch (DbException)
        {
            reachable = false;
        }
        catch (InvalidOperationException)
        {
            reachable = false;
        }
        return reachable
            ? TypedResults.Ok(new HealthReport("healthy", "reachable"))
            : TypedResults.Json(new HealthReport("unhealthy", "unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
