using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Regions;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Pages.Board;

/// <summary>
/// Once the app has started, computes the boards of the county, township and village of the first household by village
/// code (<see cref="BoardCache"/>), so the first person to open a board after a restart does not
/// also pay for compiling every query of it: at 2 million households on PostgreSQL the county board's first request
/// after start-up took 2.8 s, against 0.6–1 s after a change of the data. Then, one after another on one thread, the
/// boards of every other county with households, the largest first: a province's other counties paid 1.1–1.2 s on
/// their first board after a restart. Last, when the register spans several counties, each county's counts
/// (<see cref="CountyCounts"/>) for the city's or province's home page. Off with <c>Fupin:WarmUpBoards=false</c> (the
/// tests, which start hundreds of apps, turn it off).
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
            if (warmed.Count > 0) Warmed(log, warmed.Count, warmed[0]);
            await CountTopRegionAsync(stoppingToken);
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

    /// <summary>The county, township and village of the first household by village code; then the other counties, the largest first.</summary>
    async Task<IReadOnlyList<string>> RegionsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        var village = await db.Households.AsNoTracking().OrderBy(h => h.CountyCode).ThenBy(h => h.VillageCode)
            .Select(h => h.VillageCode).FirstOrDefaultAsync(ct);
        if (village is not { Length: 12 }) return [];
        var counties = await db.Households.AsNoTracking().GroupBy(h => h.CountyCode)
            .Select(g => new { County = g.Key, Households = g.Count() })
            .OrderByDescending(c => c.Households).ThenBy(c => c.County).Select(c => c.County).ToListAsync(ct);
        return [village[..6], village[..9], village, .. counties.Where(c => c != village[..6])];
    }

    /// <summary>
    /// When the register spans several counties, their counts (<see cref="CountyCounts"/>): the home page of a city or
    /// province is their sum, which took 5–7 s to count from scratch at 2 million households.
    /// </summary>
    async Task CountTopRegionAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        if (await db.TopRegionCodeAsync(ct) is { Length: < 6 } top)
            await scope.ServiceProvider.GetRequiredService<GetRegionStats>().HandleAsync(new GetRegionStatsRequest(top), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "作战图已预先计算：{Count} 个地区（从 {First} 起）")]
    static partial void Warmed(ILogger log, int count, string first);

    [LoggerMessage(Level = LogLevel.Warning, Message = "作战图预先计算失败，首次打开时再计算")]
    static partial void Failed(ILogger log, Exception e);
}
