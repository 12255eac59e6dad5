using System.Globalization;
using System.Text;

namespace Fupin.Generate;

/// <summary>
/// A plain CSV writer for generated files: UTF-8 with BOM, comma, CRLF-free (\n), a cell quoted only
/// when it holds a comma, quote or line break. Cells go into one reused char buffer that is handed to
/// the encoder in large blocks; numbers are formatted straight into it.
/// </summary>
internal sealed class CsvRowWriter : IDisposable
{
    readonly StreamWriter _writer;
    readonly char[] _buffer = new char[1 << 16];
    int _length;
    bool _rowStarted;

    public CsvRowWriter(string path)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20);
    }

    void Separator()
    {
        if (_rowStarted) Append(',');
        _rowStarted = true;
    }

    void Append(char c)
    {
        if (_length == _buffer.Length) Flush();
        _buffer[_length++] = c;
    }

    void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Flush();
        if (text.Length > _buffer.Length)
        {
            _writer.Write(text);
            return;
        }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public void Cell(string? text)
    {
        Separator();
        if (string.IsNullOrEmpty(text)) return;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(text);
            return;
        }
        Append('"');
        foreach (var c in text)
        {
            if (c == '"') Append('"');
            Append(c);
        }
        Append('"');
    }

    public void Cell(long value)
    {
        Separator();
        Number(value);
    }

    public void Cell(long? value)
    {
        Separator();
        if (value is { } v) Number(v);
    }

    /// <summary>The shortest text that reads back as the same double (what the export writes).</summary>
    public void Cell(double value)
    {
        Separator();
        if (_length + 32 > _buffer.Length) Flush();
        value.TryFormat(_buffer.AsSpan(_length), out var n, "R", CultureInfo.InvariantCulture);
        _length += n;
    }

    /// <summary>Fen as yuan: 123456 → 1234.56, 123400 → 1234.</summary>
    public void Yuan(long fen)
    {
        Separator();
        if (fen < 0)
        {
            Append('-');
            fen = -fen;
        }
        Number(fen / 100);
        var cents = fen % 100;
        if (cents == 0) return;
        Append('.');
        Append((char)('0' + (cents / 10)));
        if (cents % 10 != 0) Append((char)('0' + (cents % 10)));
    }

    void Number(long value)
    {
        if (_length + 24 > _buffer.Length) Flush();
        value.TryFormat(_buffer.AsSpan(_length), out var n, default, CultureInfo.InvariantCulture);
        _length += n;
    }

    public void EndRow()
    {
        Append('\n');
        _rowStarted = false;
    }

    void Flush()
    {
        _writer.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }
}
