using System.Collections.Concurrent;
using Fupin.Board;
using Fupin.Data;

namespace Fupin.Regions;

/// <summary>
/// Each county's households and persons by status, kept under the data stamps they were counted at (the county's own
/// and <see cref="DataStamps.Everywhere"/>), so that a city's or the province's counts (<see cref="GetRegionStats"/>)
/// are the sum of its counties' and a change in one county recounts that county alone. Counting a province of
/// 2 million households from scratch joins its 6.8 million members to their households (4–7 s on the bench machine);
/// one county takes a few tens of milliseconds. One per process; two requests that find the same county stale may
/// both count it, which is harmless.
/// </summary>
public sealed class CountyCounts
{
    readonly ConcurrentDictionary<string, (long Everywhere, long County, IReadOnlyList<StatusCount> Counts)> _counties = new(StringComparer.Ordinal);
    long _counted;

    /// <summary>Counties counted since start-up (each time one was missing or stale).</summary>
    public long Counted => Interlocked.Read(ref _counted);

    /// <summary>The counts of the counties given: those kept at the current stamps as kept, the others counted now by <paramref name="count"/>.</summary>
    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<StatusCount>>> GetAsync(
        AppDbContext db,
        IReadOnlyList<string> countyCodes,
        Func<IReadOnlyList<string>, CancellationToken, Task<Dictionary<string, IReadOnlyList<StatusCount>>>> count,
        CancellationToken ct)
    {
        // Read before counting: a change committed meanwhile leaves the counts under the older stamp, so they are counted again next time.
        var versions = await DataStamps.ReadAsync(db, [DataStamps.Everywhere, .. countyCodes], ct);
        var result = new Dictionary<string, IReadOnlyList<StatusCount>>(StringComparer.Ordinal);
        var stale = new List<string>();
        for (var i = 0; i < countyCodes.Count; i++)
        {
            if (_counties.TryGetValue(countyCodes[i], out var kept) && kept.Everywhere == versions[0] && kept.County == versions[i + 1])
                result[countyCodes[i]] = kept.Counts;
            else
                stale.Add(countyCodes[i]);
        }
        if (stale.Count == 0) return result;

        var counted = await count(stale, ct);
        for (var i = 0; i < countyCodes.Count; i++)
        {
            var code = countyCodes[i];
            if (result.ContainsKey(code)) continue;
            var counts = counted.GetValueOrDefault(code) ?? [];
            _counties[code] = (versions[0], versions[i + 1], counts);
            result[code] = counts;
        }
        Interlocked.Add(ref _counted, stale.Count);
        return result;
    }
}
