using System.Diagnostics.CodeAnalysis;
using System.Text;
using Fupin.Imports;
using Fupin.Registry;
using Microsoft.Win32.SafeHandles;

namespace Fupin.Verification;

/// <summary>
/// A <see cref="ComparisonRegistry"/> read from a registry file, with what is needed to name a
/// finding: each member's ID key and each household's number (户编号).
/// </summary>
public sealed class RegistryFileLoad
{
    readonly long[] _keys;
    readonly byte[] _numbers;
    readonly int[] _numberEnds;

    internal RegistryFileLoad(ComparisonRegistry registry, long rows, long rejected, long[] keys, byte[] numbers, int[] numberEnds)
    {
        Registry = registry;
        Rows = rows;
        RejectedIds = rejected;
        _keys = keys;
        _numbers = numbers;
        _numberEnds = numberEnds;
    }

    internal RegistryFileLoad(string error)
    {
        Error = error;
        _keys = [];
        _numbers = [];
        _numberEnds = [];
    }

    public ComparisonRegistry? Registry { get; }

    /// <summary>Why the file was refused (a required column missing); null when it was read.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Registry))]
    public bool IsLoaded => Registry is not null;

    /// <summary>Data rows read (blank lines not counted).</summary>
    public long Rows { get; }

    /// <summary>Rows whose ID number is missing or invalid: their household counts, the member cannot be matched.</summary>
    public long RejectedIds { get; }

    public long KeyOf(int person) => _keys[person];

    public string IdNumberOf(int person) => ResidentId.FromKey(_keys[person]).ToString();

    /// <summary>The household's 户编号 as it is in the file (UTF-8).</summary>
    public ReadOnlySpan<byte> HouseholdNumberUtf8(int household) =>
        _numbers.AsSpan()[(household == 0 ? 0 : _numberEnds[household - 1])..(_numberEnds[household])];

    public string HouseholdNumberOf(int household) => Encoding.UTF8.GetString(HouseholdNumberUtf8(household));
}

/// <summary>
/// Builds a <see cref="ComparisonRegistry"/> from a registry CSV in the national layout (as written by
/// <c>fupin generate registry</c> or exported): 户编号, 姓名, 证件号码, 健康状况 (contains 残疾 →
/// <see cref="PersonFlags.Disabled"/>), 是否享受低保 and 是否特困供养人员 (是), 危房级别 (C or D →
/// unsafe house); the birth date comes from the ID number. A household is a run of rows with the same
/// 户编号; its house is unsafe when any of its rows says so. A member whose ID number is invalid is
/// left out (the household still counts), and of members sharing an ID the first is kept. Byte ranges
/// of the file are read on all processors, and their rows added to the registry in file order.
/// </summary>
/// <param name="threads">Parts read at the same time; 0 for one per processor.</param>
/// <param name="partBytes">Bytes per part (small values are for tests).</param>
public sealed class RegistryFileLoader(int threads = 0, long partBytes = 16L << 20)
{
    public RegistryFileLoad Load(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        RegistryColumns? columns = null;
        var header = CsvParts.FindHeader(file, length, 10, cells =>
        {
            columns = RegistryColumns.Of(cells);
            return columns.Id >= 0 && columns.Name >= 0;
        });
        if (header is null || columns is null) return new RegistryFileLoad("没有找到含“姓名”和“证件号码”的表头行");
        if (columns.Household < 0) return new RegistryFileLoad("缺少必需的列：户编号");

        var dataStart = header.Value.DataStart;
        var (persons, households) = Estimate(file, dataStart, length);
        try
        {
            return Load(file, columns, dataStart, length, persons, households);
        }
        catch (RegistryOutgrownException)
        {
            // The first rows were longer than the rest: count the lines (an upper bound of the members) and read again.
            persons = (int)Math.Min(CountLines(file, dataStart, length) + 16, Array.MaxLength / 2);
            return Load(file, columns, dataStart, length, persons, Math.Max(16, persons / 3));
        }
    }

    RegistryFileLoad Load(SafeFileHandle file, RegistryColumns columns, long dataStart, long length, int persons, int households)
    {
        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        var starts = CsvParts.Split(file, dataStart, length, workers, partBytes);
        var partCount = starts.Length - 1;
        var registry = new ComparisonRegistry(persons, households);
        var builder = new Builder(registry, persons, households);

        // Parts are parsed ahead on the pool, at most a few more than there are threads, and added in order here.
        var results = new TaskCompletionSource<RegistryPart>[partCount];
        for (var k = 0; k < partCount; k++) results[k] = new TaskCompletionSource<RegistryPart>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var gate = new SemaphoreSlim(workers + 2);
        var spare = new System.Collections.Concurrent.ConcurrentBag<RegistryPart>(); // parts added are read into again
        using var stop = new CancellationTokenSource();
        var next = -1;
        var producers = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            while (true)
            {
                gate.Wait(stop.Token);
                var k = Interlocked.Increment(ref next);
                if (k >= partCount) return;
                try
                {
                    results[k].SetResult(RegistryPart.Read(file, columns, starts[k], starts[k + 1], spare.TryTake(out var reuse) ? reuse : null));
                }
                catch (Exception e)
                {
                    results[k].SetException(e);
                    return;
                }
            }
        })).ToArray();

        try
        {
            var expected = dataStart;
            for (var k = 0; k < partCount; k++)
            {
                var part = results[k].Task.GetAwaiter().GetResult();
                results[k] = null!; // let the part go once it is added
                // A part began at the first line end after its nominal start; inside a quoted field, read it again from where the last part stopped.
                if (part.Start != expected) part = RegistryPart.Read(file, columns, expected, starts[k + 1], part);
                builder.Add(part);
                expected = part.Stop;
                spare.Add(part);
                gate.Release();
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                Task.WaitAll(producers);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
            }
        }
        return builder.Finish();
    }

    /// <summary>Rows in the file from the length of the first ones; a tenth more, so that the registry's ID table is not outgrown.</summary>
    static (int Persons, int Households) Estimate(SafeFileHandle file, long dataStart, long length)
    {
        var sample = new byte[(int)Math.Min(1 << 20, length - dataStart)];
        var n = RandomAccess.Read(file, sample, dataStart);
        var lines = sample.AsSpan(0, n).Count((byte)'\n');
        var perRow = lines == 0 ? 400.0 : (double)n / lines;
        var rows = (long)((length - dataStart) / perRow * 1.1) + 16;
        var persons = (int)Math.Min(rows, Array.MaxLength / 2);
        return (persons, Math.Max(16, persons / 3));
    }

    static long CountLines(SafeFileHandle file, long dataStart, long length)
    {
        var buffer = new byte[1 << 20];
        long lines = 1;
        for (var at = dataStart; at < length;)
        {
            var n = RandomAccess.Read(file, buffer, at);
            if (n == 0) break;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            at += n;
        }
        return lines;
    }

    sealed class RegistryOutgrownException : Exception;

    internal sealed record RegistryColumns(int Household, int Name, int Id, int Health, int Dibao, int Tekun, int Grade)
    {
        public int Max => new[] { Household, Name, Id, Health, Dibao, Tekun, Grade }.Max();

        public static RegistryColumns Of(string[] header)
        {
            int Find(Field f) => Array.FindIndex(header, h => Columns.Match(h) == f);
            return new RegistryColumns(Find(Field.HouseholdNumber), Find(Field.Name), Find(Field.IdNumber), Find(Field.Health),
                Find(Field.Dibao), Find(Field.Tekun), Find(Field.HousingGrade));
        }
    }

    /// <summary>Adds the parts' rows to the registry in order; the last household of a part waits, as the next part may go on with it.</summary>
    sealed class Builder(ComparisonRegistry registry, int persons, int households)
    {
        readonly int _capacity = persons;
        long[] _keys = new long[persons];
        byte[] _numbers = new byte[Math.Max(64, households * 16)];
        int[] _numberEnds = new int[households];
        int _numbersLength;
        long _rows, _rejected;

        // The household not yet added: its number, whether its house is unsafe, its members.
        byte[] _pendingNumber = new byte[64];
        int _pendingNumberLength = -1;
        bool _pendingUnsafe;
        readonly List<(long Key, ulong Name, PersonFlags Flags, int Birth)> _pendingMembers = [];

        public void Add(RegistryPart part)
        {
            _rows += part.Rows;
            _rejected += part.Rejected;
            var member = 0;
            for (var h = 0; h < part.Households; h++)
            {
                var number = part.NumberOf(h);
                if (!(h == 0 && _pendingNumberLength >= 0 && number.SequenceEqual(_pendingNumber.AsSpan(0, _pendingNumberLength))))
                {
                    Commit();
                    if (_pendingNumber.Length < number.Length) _pendingNumber = new byte[number.Length * 2];
                    number.CopyTo(_pendingNumber);
                    _pendingNumberLength = number.Length;
                }
                _pendingUnsafe |= part.UnsafeHouses[h];
                var members = part.MemberEnds[h];
                for (; member < members; member++)
                    _pendingMembers.Add((part.Keys[member], part.Names[member], part.Flags[member], part.Births[member]));
            }
        }

        void Commit()
        {
            if (_pendingNumberLength < 0) return;
            var household = registry.AddHousehold(_pendingUnsafe);
            if (household == _numberEnds.Length) Array.Resize(ref _numberEnds, _numberEnds.Length * 2);
            while (_numbersLength + _pendingNumberLength > _numbers.Length) Array.Resize(ref _numbers, _numbers.Length * 2);
            _pendingNumber.AsSpan(0, _pendingNumberLength).CopyTo(_numbers.AsSpan(_numbersLength));
            _numbersLength += _pendingNumberLength;
            _numberEnds[household] = _numbersLength;
            if (registry.Persons + _pendingMembers.Count > _capacity) throw new RegistryOutgrownException();
            foreach (var (key, name, flags, birth) in _pendingMembers)
            {
                var person = registry.AddPerson(key, name, household, flags, DateOnly.FromDayNumber(birth));
                if (person < 0) continue;
                if (person == _keys.Length) Array.Resize(ref _keys, _keys.Length * 2);
                _keys[person] = key;
            }
            _pendingMembers.Clear();
            _pendingUnsafe = false;
            _pendingNumberLength = -1;
        }

        public RegistryFileLoad Finish()
        {
            Commit();
            return new RegistryFileLoad(registry, _rows, _rejected, _keys, _numbers, _numberEnds);
        }
    }
}

/// <summary>One byte range of a registry file, parsed on its own thread: its households in order, and their valid members.</summary>
internal sealed class RegistryPart
{
    readonly RegistryFileLoader.RegistryColumns _columns;
    byte[] _numbers = new byte[4096];
    int _numbersLength;
    int[] _numberEnds = new int[256];

    RegistryPart(RegistryFileLoader.RegistryColumns columns) => _columns = columns;

    public long Start { get; private set; }
    public long Stop { get; private set; }
    public long Rows { get; private set; }
    public long Rejected { get; private set; }
    public int Households { get; private set; }
    public int Members { get; private set; }

    public bool[] UnsafeHouses { get; private set; } = new bool[256];

    /// <summary>Per household, the index after its last member.</summary>
    public int[] MemberEnds { get; private set; } = new int[256];

    public long[] Keys { get; private set; } = new long[1024];
    public ulong[] Names { get; private set; } = new ulong[1024];
    public PersonFlags[] Flags { get; private set; } = new PersonFlags[1024];
    public int[] Births { get; private set; } = new int[1024];

    public ReadOnlySpan<byte> NumberOf(int household) =>
        _numbers.AsSpan()[(household == 0 ? 0 : _numberEnds[household - 1]).._numberEnds[household]];

    /// <summary>Reads a range into <paramref name="reuse"/> (its arrays kept, its rows dropped) or a new part.</summary>
    public static RegistryPart Read(SafeFileHandle file, RegistryFileLoader.RegistryColumns columns, long start, long end, RegistryPart? reuse)
    {
        var part = reuse ?? new RegistryPart(columns);
        part.Start = start;
        part.Rows = part.Rejected = 0;
        part.Households = part.Members = 0;
        part._numbersLength = 0;
        var sink = new Sink(part);
        part.Stop = CsvParts.ReadPart(file, start, end, columns.Max, ref sink);
        return part;
    }

    readonly struct Sink(RegistryPart part) : ICsvRecordSink
    {
        public void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, long offset) => part.Record(data, start, ends, count);

        public void Flush(ReadOnlySpan<byte> data)
        {
        }
    }

    static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, int column) =>
        (uint)column >= (uint)count ? [] : data[(column == 0 ? start : ends[column - 1] + 1)..ends[column]];

    void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count)
    {
        if (count == 1 && ends[0] == start) return; // a blank line
        Rows++;
        var c = _columns;
        var number = Field(data, start, ends, count, c.Household);
        if (Households == 0 || !number.SequenceEqual(NumberOf(Households - 1))) StartHousehold(number);
        var h = Households - 1;
        var grade = Field(data, start, ends, count, c.Grade);
        if (grade.StartsWith("C"u8) || grade.StartsWith("D"u8) || grade.StartsWith("Ｃ"u8) || grade.StartsWith("Ｄ"u8)) UnsafeHouses[h] = true;

        var key = IdKeys.Parse(Field(data, start, ends, count, c.Id));
        var birth = key > 0 ? IdKeys.BirthDayNumber(key) : -1;
        if (birth < 0)
        {
            Rejected++;
            return;
        }
        var flags = PersonFlags.None;
        if (Field(data, start, ends, count, c.Dibao).SequenceEqual("是"u8)) flags |= PersonFlags.Dibao;
        if (Field(data, start, ends, count, c.Tekun).SequenceEqual("是"u8)) flags |= PersonFlags.Tekun;
        if (Field(data, start, ends, count, c.Health).IndexOf("残疾"u8) >= 0) flags |= PersonFlags.Disabled;

        var m = Members;
        if (m == Keys.Length)
        {
            Keys = Grow(Keys);
            Names = Grow(Names);
            Flags = Grow(Flags);
            Births = Grow(Births);
        }
        Keys[m] = key;
        Names[m] = NameCodes.FromUtf8(Field(data, start, ends, count, c.Name));
        Flags[m] = flags;
        Births[m] = birth;
        Members = m + 1;
        MemberEnds[h] = Members;
    }

    void StartHousehold(ReadOnlySpan<byte> number)
    {
        var h = Households;
        if (h == _numberEnds.Length)
        {
            _numberEnds = Grow(_numberEnds);
            UnsafeHouses = Grow(UnsafeHouses);
            MemberEnds = Grow(MemberEnds);
        }
        while (_numbersLength + number.Length > _numbers.Length) _numbers = Grow(_numbers);
        number.CopyTo(_numbers.AsSpan(_numbersLength));
        _numbersLength += number.Length;
        _numberEnds[h] = _numbersLength;
        MemberEnds[h] = Members;
        UnsafeHouses[h] = false;
        Households = h + 1;
    }

    static T[] Grow<T>(T[] array)
    {
        var bigger = new T[array.Length * 2];
        array.CopyTo(bigger, 0);
        return bigger;
    }
}
