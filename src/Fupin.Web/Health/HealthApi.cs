using Fupin.Common;
using System.Data.Common;
using Fupin.Data;
using Fupin.Web.Pages.Board;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fupin.Web.Health;

/// <param name="Boards">"ready" once the boards computed at start-up are done (<see cref="BoardWarmUp"/>), "warming" before.</param>
public sealed record HealthReport(string Status, string Database, string Boards);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .WithName("GetHealth")
            .WithSummary("健康检查：应用是否运行、数据库能否连接、启动时预先计算的作战图是否已完成（boards=ready|warming）")
            .AllowAnonymous();
        return app;
    }

    /// <summary>200 when the database answers, 503 when it cannot be reached.</summary>
    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(AppDbContext db, BoardWarmUp warmUp, CancellationToken ct)
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
        var boards = warmUp.Done.IsCompleted ? "ready" : "warming";
        return reachable
            ? TypedResults.Ok(new HealthReport("healthy", "reachable", boards))
            : TypedResults.Json(new HealthReport("unhealthy", "unreachable", boards), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
