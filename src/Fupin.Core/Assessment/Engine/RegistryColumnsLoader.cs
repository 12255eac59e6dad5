using System.Buffers.Text;
using System.Text;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Verification;
using Microsoft.Win32.SafeHandles;

namespace Fupin.Assessment.Engine;

/// <param name="Columns">The registry as columns; null when the file was refused.</param>
/// <param name="Error">Why the file was refused (a required column missing).</param>
/// <param name="Rows">Data rows read (blank lines not counted).</param>
/// <param name="BadDates">Members whose birth date could be read neither from 出生日期 nor from the ID number (taken as born on the as-of date's day 0: never of school age).</param>
public sealed record RegistryColumnsLoad(HouseholdColumns? Columns, string? Error, long Rows, long BadDates);

/// <summary>
/// Reads a registry CSV in the national layout (as written by <c>fupin generate registry</c> or exported)
/// into <see cref="HouseholdColumns"/> for one assessed year: per household (a run of rows with the same
/// 户编号, its household columns taken from its first row) the village (行政村代码, or 县/乡/行政村 names
/// when the file has no code), 脱贫属性 (未脱贫 or 返贫 = poor), 危房级别 C or D, 是否解决安全饮用水, and
/// the income (人数 and 纯收入(元) when 收入年度 is the year); per member 出生日期 (else from the ID number),
/// 文化程度, 在校生状况 and 是否参加城乡居民基本医疗保险. The file has no visits, out-of-school reasons
/// or renovation dates: none are set. Byte ranges of the file are read on all processors and joined in
/// file order. Values are read as the import reads them: cells trimmed, an empty cell is no value.
/// </summary>
/// <param name="threads">Parts read at the same time; 0 for one per processor.</param>
/// <param name="partBytes">Bytes per part (small values are for tests).</param>
public sealed class RegistryColumnsLoader(int threads = 0, long partBytes = 32L << 20)
{
    public RegistryColumnsLoad Load(string path, int year)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(file);
        Cols? cols = null;
        var header = CsvParts.FindHeader(file, length, 10, cells =>
        {
            cols = Cols.Of(cells);
            return cols.Household >= 0;
        });
        if (header is null || cols is null) return new RegistryColumnsLoad(null, "没有找到含“户编号”的表头行", 0, 0);
        if (cols.VillageCode < 0 && (cols.Village < 0 || cols.Township < 0))
            return new RegistryColumnsLoad(null, "缺少必需的列：行政村代码，或乡(镇)和行政村", 0, 0);

        var dataStart = header.Value.DataStart;
        var workers = threads > 0 ? threads : Environment.ProcessorCount;
        var starts = CsvParts.Split(file, dataStart, length, workers, partBytes);
        var parts = new Part[starts.Length - 1];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = workers },
            k => parts[k] = Part.Read(file, cols, year, starts[k], starts[k + 1]));
        // A part began at the first line end after its nominal start; inside a quoted field, read it again from where the last part stopped.
        var expected = dataStart;
        for (var k = 0; k < parts.Length; k++)
        {
            if (parts[k].Start != expected) parts[k] = Part.Read(file, cols, year, expected, starts[k + 1]);
            expected = parts[k].Stop;
        }
        return Join(parts, year);
    }

    static RegistryColumnsLoad Join(Part[] parts, int year)
    {
        // A part's first household goes on with the last part's last one when their 户编号 are the same.
        var households = 0;
        var members = 0;
        long rows = 0, badDates = 0;
        var continues = new bool[parts.Length];
        Part? last = null;
        for (var k = 0; k < parts.Length; k++)
        {
            var p = parts[k];
            rows += p.Rows;
            badDates += p.BadDates;
            members += p.Members;
            if (p.Households == 0) continue;
            continues[k] = last is not null && p.FirstNumber.AsSpan().SequenceEqual(last.LastNumber);
            households += p.Households - (continues[k] ? 1 : 0);
            last = p;
        }

        var villageIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var villages = new List<string>();
        var village = new int[households];
        var memberStart = new int[households + 1];
        var poor = new bool[households];
        var unsafeHouse = new bool[households];
        var renovated = new int[households];
        Array.Fill(renovated, HouseholdColumns.NotRenovated);
        var water = new bool[households];
        var visit = new byte[households];
        var size = new int[households];
        var net = new long[households];
        var birth = new int[members];
        var bits = new MemberBits[members];
        int h = 0, m = 0;
        for (var k = 0; k < parts.Length; k++)
        {
            var p = parts[k];
            var map = p.Villages.Select(key =>
            {
                if (!villageIndex.TryGetValue(key, out var i))
                {
                    villageIndex[key] = i = villages.Count;
                    villages.Add(key);
                }
                return i;
            }).ToArray();
            var skip = continues[k] ? 1 : 0;
            for (var j = skip; j < p.Households; j++)
            {
                village[h] = map[p.Village[j]];
                memberStart[h] = m + p.MemberStart[j];
                poor[h] = p.Poor[j];
                unsafeHouse[h] = p.Unsafe[j];
                water[h] = p.Water[j];
                size[h] = p.Size[j];
                net[h] = p.Net[j];
                h++;
            }
            p.Birth.AsSpan(0, p.Members).CopyTo(birth.AsSpan(m));
            p.Bits.AsSpan(0, p.Members).CopyTo(bits.AsSpan(m));
            m += p.Members;
        }
        memberStart[households] = members;
        var columns = new HouseholdColumns(year, [.. villages], households, members, village, memberStart, poor, unsafeHouse, renovated, water, visit, size, net, birth, bits);
        return new RegistryColumnsLoad(columns, null, rows, badDates);
    }

    internal sealed record Cols(int Household, int VillageCode, int County, int Township, int Village, int Size, int Birth, int Id,
        int Education, int Student, int Medical, int Status, int Grade, int Water, int IncomeYear, int NetIncome)
    {
        public int Max => new[] { Household, VillageCode, County, Township, Village, Size, Birth, Id, Education, Student, Medical, Status, Grade, Water, IncomeYear, NetIncome }.Max();

        public static Cols Of(string[] header)
        {
            int Find(Field f) => Array.FindIndex(header, h => Columns.Match(h) == f);
            return new Cols(Find(Field.HouseholdNumber), Find(Field.VillageCode), Find(Field.County), Find(Field.Township), Find(Field.Village),
                Find(Field.HouseholdSize), Find(Field.BirthDate), Find(Field.IdNumber), Find(Field.Education), Find(Field.StudentStatus),
                Find(Field.BasicMedical), Find(Field.Status), Find(Field.HousingGrade), Find(Field.SafeDrinkingWater), Find(Field.IncomeYear), Find(Field.NetIncome));
        }
    }

    /// <summary>One byte range of the file, parsed on its own thread: its households in order with their members.</summary>
    sealed class Part
    {
        static readonly byte[] NotExited = Encoding.UTF8.GetBytes(CodeCatalog.Label(PovertyStatus.NotExited));
        static readonly byte[] Relapsed = Encoding.UTF8.GetBytes(CodeCatalog.Label(PovertyStatus.Relapsed));

        Cols _cols = null!;
        int _year;
        readonly Dictionary<string, int> _villageIndex = new(StringComparer.Ordinal);
        byte[] _lastVillageBytes = new byte[256];
        int _lastVillageLength = -1, _lastVillage;
        byte[] _number = new byte[64];
        int _numberLength = -1;

        public long Start, Stop, Rows, BadDates;
        public int Households, Members;
        public List<string> Villages { get; } = [];
        public byte[] FirstNumber = [], LastNumber = [];
        public int[] Village = new int[1024], MemberStart = new int[1024], Size = new int[1024];
        public bool[] Poor = new bool[1024], Unsafe = new bool[1024], Water = new bool[1024];
        public long[] Net = new long[1024];
        public int[] Birth = new int[4096];
        public MemberBits[] Bits = new MemberBits[4096];

        public static Part Read(SafeFileHandle file, Cols cols, int year, long start, long end)
        {
            var part = new Part { _cols = cols, _year = year, Start = start };
            var sink = new Sink(part);
            part.Stop = CsvParts.ReadPart(file, start, end, cols.Max, ref sink);
            if (part.Households > 0) part.LastNumber = part._number.AsSpan(0, part._numberLength).ToArray();
            return part;
        }

        readonly struct Sink(Part part) : ICsvRecordSink
        {
            public void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, long offset) => part.Record(data, start, ends, count);

            public void Flush(ReadOnlySpan<byte> data)
            {
            }
        }

        static ReadOnlySpan<byte> Cell(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count, int column) =>
            (uint)column >= (uint)count ? [] : data[(column == 0 ? start : ends[column - 1] + 1)..ends[column]].Trim((byte)' ');

        void Record(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count)
        {
            if (count == 1 && ends[0] == start) return; // a blank line
            Rows++;
            var c = _cols;
            var number = Cell(data, start, ends, count, c.Household);
            if (_numberLength < 0 || !number.SequenceEqual(_number.AsSpan(0, _numberLength)))
            {
                if (_number.Length < number.Length) _number = new byte[number.Length * 2];
                number.CopyTo(_number);
                _numberLength = number.Length;
                if (Households == 0) FirstNumber = number.ToArray();
                StartHousehold(data, start, ends, count);
            }

            if (Members == Birth.Length)
            {
                Array.Resize(ref Birth, Members * 2);
                Array.Resize(ref Bits, Members * 2);
            }
            var birth = Date(Cell(data, start, ends, count, c.Birth));
            if (birth < 0)
            {
                var key = IdKeys.Parse(Cell(data, start, ends, count, c.Id));
                birth = key > 0 ? IdKeys.BirthDayNumber(key) : -1;
                if (birth < 0)
                {
                    BadDates++;
                    birth = 0;
                }
            }
            Birth[Members] = birth;
            var bits = SchoolBits(Cell(data, start, ends, count, c.Education), Cell(data, start, ends, count, c.Student));
            if (Cell(data, start, ends, count, c.Medical).SequenceEqual("是"u8)) bits |= MemberBits.BasicMedical;
            Bits[Members] = bits;
            Members++;
        }

        void StartHousehold(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count)
        {
            var c = _cols;
            var h = Households;
            if (h == Village.Length)
            {
                var n = h * 2;
                Array.Resize(ref Village, n);
                Array.Resize(ref MemberStart, n);
                Array.Resize(ref Size, n);
                Array.Resize(ref Poor, n);
                Array.Resize(ref Unsafe, n);
                Array.Resize(ref Water, n);
                Array.Resize(ref Net, n);
            }
            Village[h] = VillageOf(data, start, ends, count);
            MemberStart[h] = Members;
            var status = Cell(data, start, ends, count, c.Status);
            Poor[h] = status.SequenceEqual(NotExited) || status.SequenceEqual(Relapsed);
            var grade = Cell(data, start, ends, count, c.Grade);
            Unsafe[h] = grade.StartsWith("C"u8) || grade.StartsWith("D"u8) || grade.StartsWith("Ｃ"u8) || grade.StartsWith("Ｄ"u8);
            Water[h] = Cell(data, start, ends, count, c.Water).SequenceEqual("是"u8);
            Size[h] = HouseholdColumns.NoIncome;
            Net[h] = 0;
            if (Int(Cell(data, start, ends, count, c.IncomeYear)) == _year && Fen(Cell(data, start, ends, count, c.NetIncome), out var net))
            {
                Size[h] = Math.Max(0, Int(Cell(data, start, ends, count, c.Size)));
                Net[h] = net;
            }
            Households = h + 1;
        }

        /// <summary>The village's index in this part: 行政村代码, else 县/乡/村 (a household of the same village as the last one costs a comparison).</summary>
        int VillageOf(ReadOnlySpan<byte> data, int start, ReadOnlySpan<int> ends, int count)
        {
            var c = _cols;
            ReadOnlySpan<byte> code = c.VillageCode >= 0 ? Cell(data, start, ends, count, c.VillageCode) : [];
            if (code.Length == 0)
            {
                var county = Cell(data, start, ends, count, c.County);
                var township = Cell(data, start, ends, count, c.Township);
                var village = Cell(data, start, ends, count, c.Village);
                var n = county.Length + township.Length + village.Length + 2;
                if (_scratch.Length < n) _scratch = new byte[n * 2];
                var rented = _scratch;
                county.CopyTo(rented);
                rented[county.Length] = (byte)'/';
                township.CopyTo(rented.AsSpan(county.Length + 1));
                rented[county.Length + township.Length + 1] = (byte)'/';
                village.CopyTo(rented.AsSpan(county.Length + township.Length + 2));
                code = rented.AsSpan(0, n);
            }
            if (_lastVillageLength >= 0 && code.SequenceEqual(_lastVillageBytes.AsSpan(0, _lastVillageLength))) return _lastVillage;
            var key = Encoding.UTF8.GetString(code);
            if (!_villageIndex.TryGetValue(key, out var index))
            {
                _villageIndex[key] = index = Villages.Count;
                Villages.Add(key);
            }
            if (_lastVillageBytes.Length < code.Length) _lastVillageBytes = new byte[code.Length * 2];
            code.CopyTo(_lastVillageBytes);
            _lastVillageLength = code.Length;
            _lastVillage = index;
            return index;
        }

        byte[] _scratch = new byte[256];
    }

    /// <summary>
    /// <see cref="HouseholdColumns.SchoolBits"/> on UTF-8 cells (an empty cell is no value): 学龄前儿童 / 学前教育
    /// → preschool; else 在校生状况 other than 非在校生; else 文化程度 初中 or above.
    /// </summary>
    internal static MemberBits SchoolBits(ReadOnlySpan<byte> education, ReadOnlySpan<byte> student)
    {
        var status = student.Length > 0 ? student : education;
        if (status.SequenceEqual("学龄前儿童"u8) || status.SequenceEqual("学前教育"u8)) return MemberBits.Preschool;
        if (student.Length > 0) return student.SequenceEqual("非在校生"u8) ? MemberBits.None : MemberBits.InSchool;
        return education.SequenceEqual("初中"u8) || education.SequenceEqual("高中"u8) || education.SequenceEqual("大专"u8)
            || education.SequenceEqual("本科及以上"u8) || education.SequenceEqual("大专及以上"u8)
            ? MemberBits.InSchool : MemberBits.None;
    }

    /// <summary>A day number from yyyy-MM-dd (fast), else any form the import accepts; -1 when none.</summary>
    internal static int Date(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return -1;
        if (s.Length == 10 && s[4] == '-' && s[7] == '-'
            && Utf8Parser.TryParse(s[..4], out int y, out var n1) && n1 == 4
            && Utf8Parser.TryParse(s.Slice(5, 2), out int mo, out var n2) && n2 == 2
            && Utf8Parser.TryParse(s.Slice(8, 2), out int d, out var n3) && n3 == 2
            && y is >= 1 and <= 9999 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo))
            return new DateOnly(y, mo, d).DayNumber;
        var text = Encoding.UTF8.GetString(s);
        return Values.TryDate(null, text, out var date) ? date.DayNumber : -1;
    }

    /// <summary>An integer cell, or -1.</summary>
    static int Int(ReadOnlySpan<byte> s) => Utf8Parser.TryParse(s, out int v, out var used) && used == s.Length ? v : -1;

    /// <summary>Yuan with up to two decimals (as the layout writes them) to fen.</summary>
    internal static bool Fen(ReadOnlySpan<byte> s, out long fen)
    {
        fen = 0;
        if (s.Length == 0) return false;
        var negative = s[0] == '-';
        if (negative) s = s[1..];
        var dot = s.IndexOf((byte)'.');
        var whole = dot < 0 ? s : s[..dot];
        if (whole.Length == 0 || !Utf8Parser.TryParse(whole, out long yuan, out var used) || used != whole.Length) return false;
        long cents = 0;
        if (dot >= 0)
        {
            var frac = s[(dot + 1)..];
            if (frac.Length is 0 or > 2) return false;
            foreach (var b in frac)
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
            }
            cents = (frac[0] - '0') * 10 + (frac.Length == 2 ? frac[1] - '0' : 0);
        }
        fen = (yuan * 100) + cents;
        if (negative) fen = -fen;
        return true;
    }
}
