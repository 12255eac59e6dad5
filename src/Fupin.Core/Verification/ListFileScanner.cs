using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Fupin.Registry;
using Microsoft.Win32.SafeHandles;

namespace Fupin.Verification;

/// <param name="Scan">The list's matches, merged from every part; null when the file was refused.</param>
/// <param name="Rows">Data rows read (blank lines not counted).</param>
/// <param name="Rejected">Rows refused for their ID number: missing, malformed, or with a wrong check character.</param>
/// <param name="Parts">Byte ranges the file was read in.</param>
/// <param name="Error">Why the whole file was refused (no header naming 姓名 and 身份证号码, or a required column missing).</param>
public sealed record ListFileScanResult(ListScan? Scan, long Rows, long Rejected, int Parts, string? Error);

/// <summary>
/// Reads a department-list CSV (UTF-8, a header row naming 姓名, 身份证号码 and the type's columns,
/// matched with <see cref="ListTypes.Match"/>; up to ten title rows above it are skipped) straight into
/// a <see cref="ListScan"/>: the fast path of a comparison, for lists of tens of millions of rows.
/// Only the columns the rules read are touched (ID number, name, the Kind and Status slots), and name,
/// kind and status are decoded only for rows whose ID is registered. An ID of 18 ASCII characters is
/// read from the bytes to its 17-digit key without allocating and refused when a character is not a
/// digit or the check character is wrong; anything else (15 digits, full-width digits, spaces) goes
/// through <see cref="ResidentId.Parse"/>. The file is split into byte ranges at line ends, each range
/// read on its own thread into its own scan, the scans merged. A row's <c>rowRef</c> is the byte offset
/// where it starts in the file, so rows of different parts keep file order.
/// </summary>
/// <param name="threads">Parts read at the same time; 0 for one per processor.</param>
/// <param name="partBytes">Bytes per part, at least one part per thread (small values are for tests).</param>
public sealed class ListFileScanner(int threads = 0, long partBytes = ListFileScanner.DefaultPartBytes)
{
    public const long DefaultPartBytes = 64L << 20;

    public ListFileScanResult Scan(ComparisonRegistry registry, string type, string path)
    {
        var listType = ListTypes.Find(type) ?? throw new ArgumentException($"unknown list type {type}", nameof(type));
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);

        ListColumns? columns = null;
        var header = CsvParts.FindHeader(file, length, 10, cells =>
        {
            columns = ListColumns.Of(listType, cells);
            return columns.Name >= 0 && columns.Id >= 0;
        });
        if (header is null || columns is null)
            return new ListFileScanResult(null, 0, 0, 0, $"没有找到含“{ListTypes.Name.Header}”和“{ListTypes.IdNumber.Header}”的表头行");
        if (columns.Missing.Count > 0)
            return new ListFileScanResult(null, 0, 0, 0, $"缺少必需的列：{string.Join("、", columns.Missing)}");

        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        var starts = CsvParts.Split(file, header.Value.DataStart, length, workers, partBytes);
        var parts = new ListPart[starts.Length - 1];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, k =>
            parts[k] = ListPart.Read(file, registry, type, columns, starts[k], starts[k + 1]));

        // A part began at the first line end after its nominal start; when that line end was inside a
        // quoted field, the part before it read on past it, and the part is read again from there.
        for (var k = 1; k < parts.Length; k++)
        {
            if (parts[k - 1].Stop != starts[k])
                parts[k] = ListPart.Read(file, registry, type, columns, parts[k - 1].Stop, starts[k + 1]);
        }

        var scan = parts[0].Scan;
        long rows = 0, rejected = 0;
        foreach (var p in parts)
        {
            if (p.Scan != scan) scan.Merge(p.Scan);
            rows += p.Rows;
            rejected += p.Rejected;
        }
        return new ListFileScanResult(scan, rows, rejected, parts.Length, null);
    }

    /// <summary>Where the columns a rule reads are in the file (-1: not there).</summary>
    internal sealed record ListColumns(int Name, int Id, int Kind, int Status, IReadOnlyList<string> Missing)
    {
        public int Max => Math.Max(Math.Max(Name, Id), Math.Max(Kind, Status));

        public static ListColumns Of(ListType type, string[] header)
        {
            int name = -1, id = -1, kind = -1, status = -1;
            var found = new HashSet<ListColumn>();
            for (var i = 0; i < header.Length; i++)
            {
                var c = ListTypes.Match(type, header[i]);
                if (c is null || !found.Add(c)) continue;
                if (c == ListTypes.Name) name = i;
                else if (c == ListTypes.IdNumber) id = i;
                else if (c.Slot == ListSlot.Kind && kind < 0) kind = i;
                else if (c.Slot == ListSlot.Status && status < 0) status = i;
            }
            var missing = type.RequiredColumns.Where(c => !found.Contains(c)).Select(c => c.Header).ToList();
            return new ListColumns(name, id, kind, status, missing);
        }
    }
}

/// <summary>One byte range of a list read into its own scan (one thread).</summary>
internal sealed class ListPart
{
    const int BatchSize = 256;

    readonly ComparisonRegistry _registry;
    readonly ListFileScanner.ListColumns _columns;
    readonly long[] _keys = new long[BatchSize];
    readonly int[] _persons = new int[BatchSize];
    readonly long[] _offsets = new long[BatchSize];
    // Per batched row: start and end of name, kind and status in the buffer (equal when absent).
    readonly int[] _spans = new int[BatchSize * 6];
    char[] _chars = new char[512];
    int _count;

    ulong _touched;

    ListPart(ComparisonRegistry registry, string type, ListFileScanner.ListColumns columns)
    {
        _registry = registry;
        _columns = columns;
        Scan = new ListScan(registry, type);
    }

    public ListScan Scan { get; }
    public long Rows { get; private set; }
    public long Rejected { get; private set; }

    /// <summary>Offset of the first row this part did not read (at or after its end).</summary>
    public long Stop { get; private set; }

    public static ListPart Read(SafeFileHandle file, ComparisonRegistry registry, string type, ListFileScanner.ListColumns columns, long start, long end)
    {
        var part = new ListPart(registry, type, columns);
        var sink = new Sink(part);
        part.Stop = CsvParts.ReadPart(file, start, end, columns.Max, ref sink);
        return part;
    }

    readonly struct Sink(ListPart part) : ICsvRecordSink
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, long offset) => part.Record(data, start, ends, count, offset);

        public void Flush(ReadOnlySpan<byte> data) => part.Flush(data);
    }

    void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, long offset)
    {
        if (count == 1 && ends[0] == start) return; // a blank line
        Rows++;
        var c = _columns;
        if (count <= c.Id)
        {
            Rejected++;
            return;
        }
        var idStart = c.Id == 0 ? start : ends[c.Id - 1] + 1;
        var key = IdKeys.Parse(data[idStart..ends[c.Id]]);
        if (key <= 0)
        {
            Rejected++;
            return;
        }
        var n = _count;
        _keys[n] = key;
        _offsets[n] = offset;
        var s = n * 6;
        Field(start, ends, count, c.Name, out _spans[s], out _spans[s + 1]);
        Field(start, ends, count, c.Kind, out _spans[s + 2], out _spans[s + 3]);
        Field(start, ends, count, c.Status, out _spans[s + 4], out _spans[s + 5]);
        _count = n + 1;
        if (_count == BatchSize) Flush(data);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Field(int start, ReadOnlySpan<int> ends, int count, int column, out int from, out int to)
    {
        if ((uint)column >= (uint)count)
        {
            from = to = 0;
            return;
        }
        from = column == 0 ? start : ends[column - 1] + 1;
        to = ends[column];
    }

    /// <summary>Looks the batched rows up and reports the registered ones, in file order; the buffer they point into is still valid.</summary>
    void Flush(ReadOnlySpan<byte> data)
    {
        var n = _count;
        if (n == 0) return;
        _count = 0;
        _registry.FindBatch(_keys.AsSpan(0, n), _persons.AsSpan(0, n));
        // The registered rows' names, read in a loop of their own: their cache misses overlap instead of queuing behind each Hit.
        var touched = 0UL;
        for (var i = 0; i < n; i++)
        {
            if (_persons[i] >= 0) touched ^= _registry.NameOf(_persons[i]);
        }
        _touched ^= touched;
        for (var i = 0; i < n; i++)
        {
            var person = _persons[i];
            if (person < 0) continue;
            var s = i * 6;
            var name = data[_spans[s].._spans[s + 1]];
            var kind = data[_spans[s + 2].._spans[s + 3]];
            var status = data[_spans[s + 4].._spans[s + 5]];
            var needed = kind.Length + status.Length;
            if (_chars.Length < needed) _chars = new char[needed * 2];
            var b = Encoding.UTF8.GetChars(kind, _chars);
            var c = Encoding.UTF8.GetChars(status, _chars.AsSpan(b));
            Scan.Hit(person, NameCodes.FromUtf8(name), _chars.AsSpan(0, b), _chars.AsSpan(b, c), _offsets[i]);
        }
    }
}

/// <summary><see cref="ComparisonRegistry.NameCode"/> of a name given in UTF-8, without decoding it into a buffer first.</summary>
internal static class NameCodes
{
    public static ulong FromUtf8(ReadOnlySpan<byte> name)
    {
        ulong packed = 0, hash = 14695981039346656037UL;
        var length = 0;
        while (!name.IsEmpty)
        {
            ulong c;
            if (name[0] < 0x80)
            {
                c = name[0];
                name = name[1..];
            }
            else
            {
                _ = Rune.DecodeFromUtf8(name, out var rune, out var consumed);
                name = name[consumed..];
                if (!rune.IsBmp)
                {
                    // Two UTF-16 units, as NameCode sees them.
                    var v = rune.Value - 0x10000;
                    Add((char)(0xD800 + (v >> 10)), ref packed, ref hash, ref length);
                    Add((char)(0xDC00 + (v & 0x3FF)), ref packed, ref hash, ref length);
                    continue;
                }
                c = (ulong)rune.Value;
            }
            Add((char)c, ref packed, ref hash, ref length);
        }
        return length == 0 ? 0 : length <= 4 ? packed : hash | 1UL << 63;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Add(char c, ref ulong packed, ref ulong hash, ref int length)
    {
        if (c is ' ' or '\u3000' or '\t' || char.IsWhiteSpace(c)) return;
        length++;
        packed = (packed << 16) | c;
        hash = (hash ^ c) * 1099511628211UL;
    }
}

/// <summary>ID numbers read from UTF-8 bytes to <see cref="ResidentId.Key"/>.</summary>
internal static class IdKeys
{
    const long Fallback = -2;
    const long MinKey = 10_000_000_000_000_000;

    static ReadOnlySpan<byte> CheckChars => "10X98765432"u8;

    /// <summary>The key of a valid number, or -1. Dates and region are checked only off the fast path (see <see cref="ListFileScanner"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Parse(ReadOnlySpan<byte> s)
    {
        if (s.Length == 18)
        {
            var key = Parse18(s);
            if (key != Fallback) return key;
        }
        return ParseSlow(s);
    }

    /// <summary>The birth date's day number of a key, or -1 when digits 7–14 are not a date from 1890 on.</summary>
    public static int BirthDayNumber(long key)
    {
        var ymd = (int)(key / 1000 % 100_000_000);
        int year = ymd / 10000, month = ymd / 100 % 100, day = ymd % 100;
        if (year < 1890 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return -1;
        return new DateOnly(year, month, day).DayNumber;
    }

    /// <summary>18 bytes: 17 digits and a check character (X or x), checked; <see cref="Fallback"/> for anything the slow path must look at.</summary>
    static long Parse18(ReadOnlySpan<byte> s)
    {
        ref var p = ref MemoryMarshal.GetReference(s);
        var d = Vector128.LoadUnsafe(ref p) - Vector128.Create((byte)'0');
        var d16 = (uint)(Unsafe.Add(ref p, 16) - (byte)'0');
        if (Vector128.GreaterThanAny(d, Vector128.Create((byte)9)) || d16 > 9) return Fallback;
        long high, low;
        int sum;
        if (Ssse3.IsSupported && Sse41.IsSupported)
        {
            // Digits to pairs, quads and eights with multiply-adds (the usual SIMD integer parse).
            var pairs = Ssse3.MultiplyAddAdjacent(d, Vector128.Create((sbyte)10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
            var quads = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)100, 1, 100, 1, 100, 1, 100, 1));
            var packed = Sse41.PackUnsignedSaturate(quads, quads).AsInt16();
            var eights = Sse2.MultiplyAddAdjacent(packed, Vector128.Create((short)10000, 1, 10000, 1, 10000, 1, 10000, 1));
            high = eights.GetElement(0);
            low = eights.GetElement(1);
            var weighted = Ssse3.MultiplyAddAdjacent(d, Vector128.Create((sbyte)7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4));
            sum = Vector128.Sum(Sse2.MultiplyAddAdjacent(weighted, Vector128<short>.One));
        }
        else
        {
            ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4];
            high = low = 0;
            sum = 0;
            for (var i = 0; i < 16; i++)
            {
                var digit = d.GetElement(i);
                if (i < 8) high = high * 10 + digit;
                else low = low * 10 + digit;
                sum += digit * weights[i];
            }
        }
        var key = ((high * 100_000_000) + low) * 10 + d16;
        sum += (int)d16 * 2;
        var check = Unsafe.Add(ref p, 17);
        var expected = CheckChars[sum % 11];
        if (check != expected && !(check == (byte)'x' && expected == (byte)'X')) return -1;
        return key >= MinKey ? key : -1;
    }

    static long ParseSlow(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return -1;
        var parsed = ResidentId.Parse(Encoding.UTF8.GetString(s), DateOnly.MaxValue);
        return parsed.IsValid ? parsed.Id.Value.Key : -1;
    }
}

/// <summary>Receives the records of a part: the fields up to the highest column asked for.</summary>
internal interface ICsvRecordSink
{
    /// <summary>
    /// One record. Field i (i &lt; <paramref name="count"/>) is data[(i == 0 ? start : ends[i - 1] + 1)..ends[i]];
    /// <paramref name="count"/> stops at the highest column asked for plus one. <paramref name="offset"/> is where
    /// the record starts in the file. The data stays valid until <see cref="Flush"/>.
    /// </summary>
    void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, long offset);

    /// <summary>The data of the records since the last flush is about to be reused.</summary>
    void Flush(ReadOnlySpan<byte> data);
}

/// <summary>
/// Reading a CSV file in byte ranges. A range is read through a buffer in blocks of 64 bytes: one
/// bit mask each for commas, line ends and quotes, and the field boundaries taken from the set bits;
/// past the highest column wanted only line ends are looked at. A record with a quote anywhere is
/// read again byte by byte (quoted fields may hold commas, doubled quotes and line ends).
/// </summary>
internal static class CsvParts
{
    const int BufferSize = 256 * 1024;
    const int Slack = 64;

    /// <summary>The first of the first <paramref name="maxRows"/> records that <paramref name="isHeader"/> accepts, and where the data after it starts.</summary>
    public static (string[] Cells, long DataStart)? FindHeader(SafeFileHandle file, long length, int maxRows, Func<string[], bool> isHeader)
    {
        var size = (int)Math.Min(length, 1 << 20);
        var head = new byte[size];
        var read = 0;
        while (read < size)
        {
            var n = RandomAccess.Read(file, head.AsSpan(read), read);
            if (n == 0) break;
            read += n;
        }
        var data = head.AsSpan(0, read);
        var pos = data.StartsWith("\uFEFF"u8) ? 3 : 0;
        var temp = new byte[256];
        var ends = new int[4096];
        for (var r = 0; r < maxRows && pos < data.Length; r++)
        {
            if (!ParseQuoted(data, pos, read == length, ends.Length - 1, ref temp, ends, out var count, out var next)) break;
            var cells = new string[count];
            for (var i = 0; i < count; i++)
                cells[i] = Encoding.UTF8.GetString(temp.AsSpan()[(i == 0 ? 0 : ends[i - 1] + 1)..ends[i]]);
            if (isHeader(cells)) return (cells, next);
            pos = next;
        }
        return null;
    }

    /// <summary>Part starts: the data start, then the first line start after each nominal boundary; the file length last.</summary>
    public static long[] Split(SafeFileHandle file, long dataStart, long length, int minParts, long partBytes)
    {
        var parts = (int)Math.Clamp((length - dataStart + partBytes - 1) / Math.Max(1, partBytes), minParts, 1 << 20);
        var starts = new List<long>(parts + 1) { dataStart };
        var buffer = new byte[64 * 1024];
        for (var k = 1; k < parts; k++)
        {
            var nominal = dataStart + ((length - dataStart) * k / parts);
            if (nominal <= starts[^1]) continue;
            var s = NextLineStart(file, nominal, length, buffer);
            if (s > starts[^1] && s < length) starts.Add(s);
        }
        starts.Add(Math.Max(length, dataStart));
        return [.. starts];
    }

    static long NextLineStart(SafeFileHandle file, long from, long length, byte[] buffer)
    {
        for (var at = from; at < length;)
        {
            var n = RandomAccess.Read(file, buffer, at);
            if (n == 0) break;
            var i = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (i >= 0) return at + i + 1;
            at += n;
        }
        return length;
    }

    /// <summary>
    /// Reads the records that start in [<paramref name="start"/>, <paramref name="end"/>) (the last one
    /// may run past the end); returns where the first record at or after the end starts.
    /// </summary>
    public static long ReadPart<TSink>(SafeFileHandle file, long start, long end, int maxColumn, ref TSink sink)
        where TSink : struct, ICsvRecordSink
    {
        if (start >= end) return start;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize + Slack);
        var ends = new int[maxColumn + 1];
        var quotedEnds = new int[maxColumn + 1];
        var temp = new byte[256];
        try
        {
            var origin = start;
            int valid = 0, record = 0;
            while (true)
            {
                var room = buffer.Length - Slack - valid;
                var n = RandomAccess.Read(file, buffer.AsSpan(valid, room), origin + valid);
                var eof = n == 0;
                valid += n;
                var done = Scan(buffer, ref record, valid, eof, origin, end, maxColumn, ends, ref temp, quotedEnds, ref sink);
                sink.Flush(buffer.AsSpan(0, valid));
                if (done) return origin + record;
                // Keep the unfinished record: move it to the front, or grow the buffer when it fills it.
                if (record == 0 && valid == buffer.Length - Slack)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, valid).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }
                buffer.AsSpan(record, valid - record).CopyTo(buffer);
                origin += record;
                valid -= record;
                record = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the complete records of buffer[record..valid); true when it reached the part's end or the
    /// file's (<paramref name="record"/> is then where the next record starts), false when the buffer
    /// ends inside the record at <paramref name="record"/>.
    /// </summary>
    static bool Scan<TSink>(byte[] buffer, ref int record, int valid, bool eof, long origin, long end, int maxColumn,
        int[] ends, ref byte[] temp, int[] quotedEnds, ref TSink sink)
        where TSink : struct, ICsvRecordSink
    {
        ref var b0 = ref MemoryMarshal.GetArrayDataReference(buffer);
        var r = record;
        var field = 0;
        var block = r;
        while (block < valid)
        {
            Masks(ref Unsafe.Add(ref b0, block), out var lf, out var comma, out var quote);
            var available = valid - block;
            if (available < 64)
            {
                var m = (1UL << available) - 1;
                lf &= m;
                comma &= m;
                quote &= m;
            }
            if (quote != 0)
            {
                var m = (1UL << BitOperations.TrailingZeroCount(quote)) - 1;
                lf &= m;
                comma &= m;
            }
            var bits = field > maxColumn ? lf : lf | comma;
            while (bits != 0)
            {
                var i = BitOperations.TrailingZeroCount(bits);
                var p = block + i;
                var above = ~((2UL << i) - 1);
                if ((lf & (1UL << i)) != 0)
                {
                    if (field <= maxColumn) ends[field++] = p > r && Unsafe.Add(ref b0, p - 1) == (byte)'\r' ? p - 1 : p;
                    sink.Record(buffer, r, ends, field, origin + r);
                    r = p + 1;
                    field = 0;
                    if (origin + r >= end)
                    {
                        record = r;
                        return true;
                    }
                    bits = (lf | comma) & above;
                }
                else
                {
                    ends[field++] = p;
                    bits = field > maxColumn ? lf & above : bits & (bits - 1);
                }
            }
            if (quote != 0)
            {
                // Everything before the quote is reported; the record holding it is read byte by byte.
                sink.Flush(buffer.AsSpan(0, valid));
                if (!ParseQuoted(buffer.AsSpan(0, valid), r, eof, maxColumn, ref temp, quotedEnds, out var count, out var next))
                {
                    record = r;
                    return false;
                }
                sink.Record(temp, 0, quotedEnds, count, origin + r);
                sink.Flush(temp);
                r = next;
                field = 0;
                if (origin + r >= end || r >= valid)
                {
                    record = r;
                    return origin + r >= end || eof;
                }
                block = r;
                continue;
            }
            block += 64;
        }
        if (eof && r < valid)
        {
            // The last record has no line end.
            if (field <= maxColumn) ends[field++] = Unsafe.Add(ref b0, valid - 1) == (byte)'\r' && valid - 1 >= r ? valid - 1 : valid;
            sink.Record(buffer, r, ends, field, origin + r);
            r = valid;
        }
        record = r;
        return eof;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Masks(ref byte at, out ulong lf, out ulong comma, out ulong quote)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.LoadUnsafe(ref at);
            var v1 = Vector256.LoadUnsafe(ref at, 32);
            lf = Vector256.Equals(v0, Vector256.Create((byte)'\n')).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(v1, Vector256.Create((byte)'\n')).ExtractMostSignificantBits() << 32);
            comma = Vector256.Equals(v0, Vector256.Create((byte)',')).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(v1, Vector256.Create((byte)',')).ExtractMostSignificantBits() << 32);
            quote = Vector256.Equals(v0, Vector256.Create((byte)'"')).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(v1, Vector256.Create((byte)'"')).ExtractMostSignificantBits() << 32);
            return;
        }
        lf = comma = quote = 0;
        for (var k = 0; k < 4; k++)
        {
            var v = Vector128.LoadUnsafe(ref at, (nuint)(k * 16));
            lf |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << (k * 16);
            comma |= (ulong)Vector128.Equals(v, Vector128.Create((byte)',')).ExtractMostSignificantBits() << (k * 16);
            quote |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << (k * 16);
        }
    }

    /// <summary>
    /// One record from <paramref name="start"/> the slow way (RFC 4180: a field in quotes may hold commas,
    /// line ends and doubled quotes). The unquoted fields up to <paramref name="maxColumn"/> go to
    /// <paramref name="temp"/> one after another with a comma between them, described by
    /// <paramref name="ends"/> as in <see cref="ICsvRecordSink.Record"/>. False when the data ends before
    /// the record does and more is to come.
    /// </summary>
    public static bool ParseQuoted(ReadOnlySpan<byte> data, int start, bool eof, int maxColumn, ref byte[] temp, Span<int> ends, out int count, out int next)
    {
        count = next = 0;
        var t = 0;
        var field = 0;
        var p = start;
        while (true)
        {
            var fieldStart = t;
            var keep = field <= maxColumn;
            if (p < data.Length && data[p] == (byte)'"')
            {
                p++;
                while (true)
                {
                    if (p >= data.Length)
                    {
                        if (!eof) return false;
                        break; // an unclosed quote: the rest of the file is the field
                    }
                    var c = data[p];
                    if (c == (byte)'"')
                    {
                        if (p + 1 >= data.Length && !eof) return false;
                        if (p + 1 < data.Length && data[p + 1] == (byte)'"')
                        {
                            if (keep) Put(ref temp, ref t, c);
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    if (keep) Put(ref temp, ref t, c);
                    p++;
                }
            }
            while (p < data.Length && data[p] != (byte)',' && data[p] != (byte)'\n')
            {
                if (keep) Put(ref temp, ref t, data[p]);
                p++;
            }
            if (p >= data.Length && !eof) return false;
            var last = p >= data.Length || data[p] == (byte)'\n';
            if (last && keep && t > fieldStart && p > start && data[p - 1] == (byte)'\r') t--;
            if (keep) ends[field] = t;
            field++;
            if (last)
            {
                next = p < data.Length ? p + 1 : p;
                count = Math.Min(field, maxColumn + 1);
                return true;
            }
            p++;
            if (field <= maxColumn) Put(ref temp, ref t, (byte)',');
        }
    }

    static void Put(ref byte[] temp, ref int t, byte c)
    {
        if (t == temp.Length) Array.Resize(ref temp, temp.Length * 2);
        temp[t++] = c;
    }
}
