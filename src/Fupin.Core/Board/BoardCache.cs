using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Fupin.Board;

/// <summary>
/// The boards computed so far, keyed by region, business date and the data stamps the region's figures depend on
/// (<see cref="DataStamps.KeysFor"/>): a request reads the stamps (one small query) and gets the board computed at
/// those stamps, or computes it once — concurrent requests for the same key share one computation. Any committed
/// change of the county bumps its stamp, so the next request computes afresh; changes elsewhere leave it cached.
/// The board is computed with a system-scoped context: the caller checks that the user may see the region.
/// </summary>
public sealed class BoardCache(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock)
{
    /// <summary>A board not asked for in this long is dropped (its stamps are likely stale by then anyway).</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    readonly Lock _gate = new();

    /// <summary>The region's board as of the business date, or null when there is no such region.</summary>
    public async Task<BoardView?> GetAsync(string regionCode, CancellationToken ct)
    {
        var code = regionCode.Trim();
        var keys = DataStamps.KeysFor(code);
        long[] versions;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            versions = await DataStamps.ReadAsync(db, keys, ct);
        }
        var today = clock.Today();
        var stamp = string.Join(",", keys.Zip(versions, (k, v) => k + ":" + v.ToString(CultureInfo.InvariantCulture)));
        var key = "board|" + code + "|" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|" + stamp;

        Lazy<Task<BoardView?>>? entry;
        lock (_gate)
        {
            if (!cache.TryGetValue(key, out entry) || entry is null)
            {
                entry = new Lazy<Task<BoardView?>>(() => ComputeAsync(code, stamp));
                cache.Set(key, entry, new MemoryCacheEntryOptions { SlidingExpiration = Idle });
            }
        }
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A failed computation is not kept: the next request tries again.
            lock (_gate)
            {
                if (cache.TryGetValue(key, out Lazy<Task<BoardView?>>? current) && ReferenceEquals(current, entry)) cache.Remove(key);
            }
            throw;
        }
    }

    /// <summary>Computed on its own scope and without the requester's cancellation: other requests may be waiting for it.</summary>
    async Task<BoardView?> ComputeAsync(string code, string stamp)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        var view = await new GetBoard(db, clock).HandleAsync(new GetBoardRequest(code), CancellationToken.None);
        return view is null ? null : view with { Stamp = stamp };
    }
}
