using System.Globalization;
using System.Text;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace Fupin.Imports;

/// <summary>One data row of a sheet: its 1-based row number in the file and the raw cells.</summary>
public sealed record SheetRow(int Number, object?[] Cells);

/// <summary>The header row found in a sheet: which column holds which field, and what the file called it.</summary>
public sealed record SheetHeader(int RowNumber, IReadOnlyDictionary<Field, int> Columns, IReadOnlyList<string> Texts, IReadOnlyList<int> Unknown)
{
    public string TextOf(Field f) => Columns.TryGetValue(f, out var i) ? Texts[i] : Imports.Columns.Header(f, Layout.Template);
    public bool Has(Field f) => Columns.ContainsKey(f);

    readonly int[] _index = IndexByField(Columns);

    /// <summary>The column holding the field, -1 where the file has none (an array look-up: it runs for every cell read).</summary>
    public int IndexOf(Field f) => (int)f < _index.Length ? _index[(int)f] : -1;

    static int[] IndexByField(IReadOnlyDictionary<Field, int> columns)
    {
        var index = new int[Enum.GetValues<Field>().Max(f => (int)f) + 1];
        Array.Fill(index, -1);
        foreach (var (f, i) in columns) index[(int)f] = i;
        return index;
    }

    /// <summary>The household-level fields and their column index.</summary>
    public IReadOnlyList<(Field Field, int Index)> HouseholdColumns { get; } =
        [.. Columns.Where(c => Imports.Columns.IsHouseholdLevel(c.Key)).Select(c => (c.Key, c.Value))];
}

/// <summary>
/// Reads .xlsx (MiniExcel, streaming) and .csv (Sep) row by row. Cells from xlsx keep their type
/// (string, double, DateTime, bool); cells from CSV are strings. The header is the first of the
/// first ten rows in which at least three cells are known headers, so title rows above it are skipped.
/// </summary>
public static class SheetReader
{
    const int HeaderSearchRows = 10;

    static readonly char[] Separators = [',', '\t', ';'];

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static bool IsCsv(string path) => Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every row of the first sheet, numbered from 1 as a spreadsheet program shows them.</summary>
    public static IEnumerable<SheetRow> ReadRows(string path)
    {
        if (IsCsv(path))
        {
            using var stream = File.OpenRead(path);
            var encoding = DetectEncoding(stream);
            stream.Position = 0;
            var separator = DetectSeparator(stream, encoding);
            stream.Position = 0;
            using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true);
            // Most cells repeat (places, code labels, 是/否, small numbers): each column keeps a pool of its short values, so a
            // repeated value is one string however many rows hold it, rather than a new one per row for the collector to sweep.
            using var reader = Sep.Reader(o => o with
            {
                Sep = new Sep(separator), HasHeader = false, Unescape = true, DisableColCountCheck = true,
                CreateToString = SepToString.PoolPerCol(maximumStringLength: 32, maximumCapacity: 4096),
            }).From(text);
            var n = 0;
            foreach (var row in reader)
            {
                n++;
                var cells = new object?[row.ColCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
                yield return new SheetRow(n, cells);
            }
            yield break;
        }

        var rowNumber = 0;
        foreach (IDictionary<string, object?> row in MiniExcel.Query(path, useHeaderRow: false))
        {
            rowNumber++;
            var cells = new object?[row.Count];
            var i = 0;
            foreach (var v in row.Values) cells[i++] = v;
            yield return new SheetRow(rowNumber, cells);
        }
    }

    /// <summary>Comma unless the sample has more tabs or semicolons; title rows above the header have no separator to go by.</summary>
    static char DetectSeparator(Stream stream, Encoding encoding)
    {
        var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var buffer = new char[16384];
        var sample = new string(buffer, 0, reader.ReadBlock(buffer));
        var counts = Separators.Select(c => (Char: c, Count: sample.Count(x => x == c))).ToList();
        return counts.MaxBy(c => c.Count) is { Count: > 0 } best && best.Char != ',' && best.Count > counts[0].Count ? best.Char : ',';
    }

    /// <summary>By byte-order mark; else UTF-8 if a 64 KB sample decodes strictly; else GB18030 (a superset of GBK).</summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        var buffer = new byte[65536];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var sample = buffer.AsSpan(0, read);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode;
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode;
        // A multi-byte character cut at the end of the sample is not an error: drop up to three trailing bytes.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        for (var cut = 0; cut <= Math.Min(3, sample.Length); cut++)
        {
            try
            {
                strict.GetCharCount(sample[..^cut]);
                return new UTF8Encoding(false);
            }
            catch (DecoderFallbackException) when (read == buffer.Length && cut < 3)
            {
            }
            catch (DecoderFallbackException)
            {
                break;
            }
        }
        return Gb18030;
    }

    /// <summary>Finds the header among the first rows; null when no row looks like one.</summary>
    public static SheetHeader? FindHeader(IEnumerator<SheetRow> rows)
    {
        for (var k = 0; k < HeaderSearchRows && rows.MoveNext(); k++)
        {
            var row = rows.Current;
            var columns = new Dictionary<Field, int>();
            var texts = row.Cells.Select(c => Text(c) ?? "").ToArray();
            var unknown = new List<int>();
            for (var i = 0; i < texts.Length; i++)
            {
                if (texts[i].Length == 0) continue;
                if (Columns.Match(texts[i]) is { } f && columns.TryAdd(f, i)) continue;
                unknown.Add(i);
            }
            if (columns.Count >= 3) return new SheetHeader(row.Number, columns, texts, unknown);
        }
        return null;
    }

    /// <summary>The cell as trimmed text, null when blank. Whole numbers print without a decimal point.</summary>
    public static string? Text(object? cell)
    {
        var s = cell switch
        {
            null => null,
            string t => t,
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "是" : "否",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        if (s is null) return null;
        s = s.Trim().Trim('\u3000');
        return s.Length == 0 ? null : s;
    }
}
