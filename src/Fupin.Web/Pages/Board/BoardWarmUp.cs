using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Board;

/// <summary>
/// Once the app has started, computes the boards of the county, township and village of the first household by village
/// code (<see cref="BoardCache"/>), so the first person to open a board after a restart does not
/// also pay for compiling every query of it: at 2 million households on PostgreSQL the county board's first request
/// after start-up took 2.8 s, against 0.6–1 s after a change of the data. Other counties then share the compiled
/// queries. Off with <c>Fupin:WarmUpBoards=false</c> (the tests, which start hundreds of apps, turn it off).
/// </summary>
public sealed partial class BoardWarmUp(
    IServiceScopeFactory scopes, BoardCache boards, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<BoardWarmUp> log) : BackgroundService
{
    readonly TaskCompletionSource<IReadOnlyList<string>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The regions whose boards were computed, once the warm-up has ended (empty when there is no household).</summary>
    public Task<IReadOnlyList<string>> Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warmed = new List<string>();
        try
        {
            if (!configuration.GetValue("Fupin:WarmUpBoards", true)) return;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task;
            foreach (var code in await RegionsAsync(stoppingToken))
            {
                if (await boards.GetAsync(code, stoppingToken) is null) break;
                warmed.Add(code);
            }
            if (warmed.Count > 0) Warmed(log, warmed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // a warm-up that fails costs the first user the wait, nothing more; the app must keep running
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failed(log, e);
        }
        finally
        {
            _done.TrySetResult(warmed);
        }
    }

    /// <summary>The county, township and village of the first household by village code.</summary>
    async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        var village = await db.Households.AsNoTracking().OrderBy(h => h.CountyCode).ThenBy(h => h.VillageCode)
            .Select(h => h.VillageCode).FirstOrDefaultAsync(ct);
        return village is { Length: 12 } ? [village[..6], village[..9], village] : [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "作战图已预先计算：{Regions}")]
    static partial void Warmed(ILogger log, IReadOnlyList<string> regions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "作战图预先计算失败，首次打开时再计算")]
    static partial void Failed(ILogger log, Exception e);
}
