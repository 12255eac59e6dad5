using System.Collections.Concurrent;
using System.Diagnostics;
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

    /// <summary>
    /// How long stamps read from the database are trusted: a change committed by another process (the CLI, another app
    /// server) shows within this time; one committed by this process at once. (Reading them on every request was a
    /// quarter of the board's cost under load.)
    /// </summary>
    public static readonly TimeSpan StampRecheck = TimeSpan.FromSeconds(1);

    readonly Lock _gate = new();
    long _computed;

    /// <summary>Boards computed by this cache since start-up (each region, date and stamp once).</summary>
    public long Computed => Interlocked.Read(ref _computed);

    readonly ConcurrentDictionary<string, (long Changes, long At, long[] Versions)> _stamps = new(StringComparer.Ordinal);

    /// <summary>The region's board as of the business date, or null when there is no such region.</summary>
    public async Task<BoardView?> GetAsync(string regionCode, CancellationToken ct)
    {
        var code = regionCode.Trim();
        var keys = DataStamps.KeysFor(code);
        var versions = await VersionsAsync(keys, ct);
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

    /// <summary>The stamps as last read if that was within <see cref="StampRecheck"/> and this process has committed nothing since, else read now.</summary>
    async Task<long[]> VersionsAsync(string[] keys, CancellationToken ct)
    {
        var memoKey = string.Join(",", keys);
        var changes = DataStamps.LocalChanges; // taken before the read: a change committed during it makes the reading stale at once
        var now = Stopwatch.GetTimestamp(); // wall time, not the business clock
        if (_stamps.TryGetValue(memoKey, out var last) && last.Changes == changes && Stopwatch.GetElapsedTime(last.At, now) < StampRecheck) return last.Versions;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var versions = await DataStamps.ReadAsync(db, keys, ct);
        _stamps[memoKey] = (changes, now, versions);
        return versions;
    }

    /// <summary>Computed on its own scope and without the requester's cancellation: other requests may be waiting for it.</summary>
    async Task<BoardView?> ComputeAsync(string code, string stamp)
    {
        Interlocked.Increment(ref _computed);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System;
        var view = await new GetBoard(db, clock).HandleAsync(new GetBoardRequest(code), CancellationToken.None);
        return view is null ? null : view with { Stamp = stamp };
    }
}
