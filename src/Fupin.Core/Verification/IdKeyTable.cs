using System.Numerics;
using System.Runtime.CompilerServices;

namespace Fupin.Verification;

/// <summary>
/// ID-number keys (<see cref="Registry.ResidentId.Key"/>, 17 digits in a long) to a dense index, for
/// tens of millions of probes of which most miss: a one-bit-per-slot filter small enough to stay in
/// cache answers most misses, and a flat open-addressing table (linear probing, keys and values in
/// separate arrays) answers the rest. Keys are positive, so 0 marks an empty slot. Reads are safe
/// from any number of threads once filling is done.
/// </summary>
public sealed class IdKeyTable
{
    readonly long[] _keys;
    readonly int[] _values;
    readonly ulong[] _filter;
    readonly int _shift;
    readonly int _filterShift;
    readonly int _mask;

    public IdKeyTable(int capacity)
    {
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _keys = new long[slots];
        _values = new int[slots];
        _mask = slots - 1;
        _shift = 64 - BitOperations.Log2((uint)slots);
        // Eight filter bits per key: about one miss in nine passes the filter.
        var filterBits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, capacity * 8));
        _filter = new ulong[filterBits / 64];
        _filterShift = 64 - BitOperations.Log2((uint)filterBits);
    }

    public int Count { get; private set; }

    /// <summary>Adds the key; false when it is there already (the first value is kept).</summary>
    public bool TryAdd(long key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(key);
        var i = Slot(key);
        while (_keys[i] != 0)
        {
            if (_keys[i] == key) return false;
            i = (i + 1) & _mask;
        }
        _keys[i] = key;
        _values[i] = value;
        var f = FilterBit(key);
        _filter[f >> 6] |= 1UL << (int)(f & 63);
        Count++;
        return true;
    }

    /// <summary>The key's value, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        var f = FilterBit(key);
        if ((_filter[f >> 6] & (1UL << (int)(f & 63))) == 0) return -1;
        var i = Slot(key);
        while (true)
        {
            var k = _keys[i];
            if (k == key) return _values[i];
            if (k == 0) return -1;
            i = (i + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    ulong FilterBit(long key) => ((ulong)key * 0xC2B2AE3D27D4EB4FUL) >> _filterShift;
}
