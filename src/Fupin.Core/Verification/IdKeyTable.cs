using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fupin.Verification;

/// <summary>
/// ID-number keys (<see cref="Registry.ResidentId.Key"/>, 17 digits in a long) to a dense index, for
/// tens of millions of probes of which most miss: a filter small enough to stay in cache (one 64-bit
/// word per key's neighbourhood, three bits set per key: about one miss in thirty passes) answers
/// most misses, and a flat open-addressing table (linear probing, key and value side by side so a
/// probe costs one cache line) answers the rest. Keys are positive, so 0 marks an empty slot. Reads
/// are safe from any number of threads once filling is done; <see cref="FindBatch"/> looks up many
/// keys with their memory accesses overlapped. Both arrays are asked for 2 MB pages on Linux: with
/// 4 KB pages nearly every probe of a table of hundreds of megabytes also misses the TLB, and under
/// a hypervisor that page walk costs more than the cache miss itself.
/// </summary>
public sealed class IdKeyTable
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    struct Entry
    {
        public long Key;
        public int Value;
    }

    readonly Entry[] _entries;
    readonly ulong[] _filter;
    readonly int _shift;
    readonly int _filterShift;
    readonly int _mask;

    public IdKeyTable(int capacity)
    {
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _entries = AllocateLarge<Entry>(slots);
        _mask = slots - 1;
        _shift = 64 - BitOperations.Log2((uint)slots);
        // About eight filter bits per key, in words of 64: a 7-million-key registry has an 8 MB filter.
        var words = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity / 8));
        _filter = AllocateLarge<ulong>(words);
        _filterShift = 64 - BitOperations.Log2((uint)words);
    }

    public int Count { get; private set; }

    /// <summary>Adds the key; false when it is there already (the first value is kept).</summary>
    public bool TryAdd(long key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(key);
        var i = Slot(key);
        while (_entries[i].Key != 0)
        {
            if (_entries[i].Key == key) return false;
            i = (i + 1) & _mask;
        }
        _entries[i].Key = key;
        _entries[i].Value = value;
        _filter[FilterWord(key)] |= FilterBits(key);
        Count++;
        return true;
    }

    /// <summary>The key's value, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(long key)
    {
        var bits = FilterBits(key);
        if ((_filter[FilterWord(key)] & bits) != bits) return -1;
        return Probe(key, Slot(key));
    }

    /// <summary>
    /// <see cref="Find"/> for many keys at once (values[i] for keys[i]). The work is split into passes
    /// so that the ones touching memory are tight loops of independent loads (a few instructions each,
    /// so that dozens are in flight at once): hash every key, gather the filter words, test them and
    /// keep the keys that pass, hash those, gather their table entries, and only then compare.
    /// </summary>
    public void FindBatch(ReadOnlySpan<long> keys, Span<int> values)
    {
        if (values.Length < keys.Length) throw new ArgumentException("values is shorter than keys", nameof(values));
        var scratch = t_scratch ??= new Scratch();
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref var filter = ref MemoryMarshal.GetArrayDataReference(_filter);
        ref var index = ref MemoryMarshal.GetArrayDataReference(scratch.Index);
        ref var words = ref MemoryMarshal.GetArrayDataReference(scratch.Words);
        ref var survivors = ref MemoryMarshal.GetArrayDataReference(scratch.Survivors);
        for (var start = 0; start < keys.Length; start += Scratch.Size)
        {
            var batch = keys.Slice(start, Math.Min(Scratch.Size, keys.Length - start));
            var result = values.Slice(start, batch.Length);
            for (var i = 0; i < batch.Length; i++) Unsafe.Add(ref index, i) = FilterWord(batch[i]);
            for (var i = 0; i < batch.Length; i++) Unsafe.Add(ref words, i) = Unsafe.Add(ref filter, Unsafe.Add(ref index, i));
            var passed = 0;
            for (var i = 0; i < batch.Length; i++)
            {
                var bits = FilterBits(batch[i]);
                result[i] = -1;
                Unsafe.Add(ref survivors, passed) = i;
                passed += (Unsafe.Add(ref words, i) & bits) == bits ? 1 : 0;
            }
            for (var j = 0; j < passed; j++) Unsafe.Add(ref index, j) = Slot(batch[Unsafe.Add(ref survivors, j)]);
            for (var j = 0; j < passed; j++) Unsafe.Add(ref words, j) = (ulong)Unsafe.Add(ref entries, Unsafe.Add(ref index, j)).Key;
            for (var j = 0; j < passed; j++)
            {
                var i = Unsafe.Add(ref survivors, j);
                var key = batch[i];
                var found = (long)Unsafe.Add(ref words, j);
                var slot = Unsafe.Add(ref index, j);
                if (found == key) result[i] = Unsafe.Add(ref entries, slot).Value;
                else if (found != 0) result[i] = Probe(key, (slot + 1) & _mask);
            }
        }
    }

    /// <summary>Per-thread buffers of <see cref="FindBatch"/> (reads may come from any number of threads).</summary>
    sealed class Scratch
    {
        public const int Size = 256;
        public readonly int[] Index = new int[Size];
        public readonly ulong[] Words = new ulong[Size];
        public readonly int[] Survivors = new int[Size];
    }

    [ThreadStatic]
    static Scratch? t_scratch;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Probe(long key, int i)
    {
        while (true)
        {
            var k = _entries[i].Key;
            if (k == key) return _entries[i].Value;
            if (k == 0) return -1;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>A zeroed array that stays in place (pinned heap), its pages advised huge before they are first touched.</summary>
    static T[] AllocateLarge<T>(int length) where T : unmanaged
    {
        var bytes = (long)length * Unsafe.SizeOf<T>();
        if (!OperatingSystem.IsLinux() || bytes < HugePage) return new T[length];
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        AdviseHugePages(Marshal.UnsafeAddrOfPinnedArrayElement(array, 0), bytes);
        Array.Clear(array);
        return array;
    }

    static void AdviseHugePages(nint start, long bytes)
    {
        var from = ((long)start + HugePage - 1) & ~(HugePage - 1);
        var to = ((long)start + bytes) & ~(HugePage - 1);
        try
        {
            if (to > from) _ = Madvise((nint)from, (nuint)(to - from), MadviseHugePage);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    const long HugePage = 2 << 20;
    const int MadviseHugePage = 14;

    /// <summary>madvise(2); a failure only costs speed.</summary>
    [DllImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    static extern int Madvise(nint address, nuint length, int advice);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int FilterWord(long key) => (int)(((ulong)key * 0xC2B2AE3D27D4EB4FUL) >> _filterShift);

    /// <summary>Three bits of the word, from the top of a second hash (six bits each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong FilterBits(long key)
    {
        var h = (ulong)key * 0xFF51AFD7ED558CCDUL;
        return (1UL << (int)(h >> 58)) | (1UL << (int)((h >> 52) & 63)) | (1UL << (int)((h >> 46) & 63));
    }
}
