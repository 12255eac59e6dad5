using System.Globalization;
using Fupin.Households;
using Fupin.Registry;

namespace Fupin.Imports;

/// <summary>Reading cell values the way they come in real files: full-width digits, 是/否, Excel serial dates, labels with either kind of bracket.</summary>
public static class Values
{
    static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '/', '|'];
    static readonly System.Buffers.SearchValues<char> ListSeparatorValues = System.Buffers.SearchValues.Create(ListSeparators);
    static readonly char[] YuanMu = ['元', '亩'];

    static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d H:mm:ss", "yyyy/M/d H:mm"];

    static readonly Dictionary<(string Kind, string Key), CodeItem> Labels = BuildLabels();

    /// <summary>The cell as text, trimmed, with the apostrophe Fupin's export puts before = + - @ removed.</summary>
    public static string? Text(object? cell)
    {
        var s = SheetReader.Text(cell);
        if (s is { Length: > 1 } && s[0] == '\'' && s[1] is '=' or '+' or '-' or '@') s = s[1..];
        return s;
    }

    /// <summary>Against formula injection: a text cell beginning with = + - @ gets a leading apostrophe.</summary>
    public static string? Neutralize(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' ? "'" + text : text;

    /// <summary>Looks a label up in a code table (any year), tolerant of bracket width and spaces; numeric codes accepted.</summary>
    public static CodeItem? Code(string kind, string text)
    {
        if (Labels.TryGetValue((kind, text), out var exact)) return exact;
        var key = Columns.NormalizeHeader(text);
        if (Labels.TryGetValue((kind, key), out var item)) return item;
        return key.Length is 1 or 2 && key.All(char.IsAsciiDigit) ? ByNumber(kind, key.PadLeft(2, '0')) : null;
    }

    // Apart from Code: a lambda's captures are allocated when its method is entered, and Code runs for every coded cell.
    static CodeItem? ByNumber(string kind, string code) => CodeCatalog.All.FirstOrDefault(c => c.Kind == kind && c.Code == code);

    public static bool TryEnum<TEnum>(string text, out TEnum value) where TEnum : struct, Enum
    {
        if (EnumCodes<TEnum>.Exact.TryGetValue(text, out value)) return true;
        var item = Code(typeof(TEnum).Name, text);
        value = item is null ? default : (TEnum)Enum.ToObject(typeof(TEnum), int.Parse(item.Code, CultureInfo.InvariantCulture));
        return item is not null;
    }

    /// <summary>The labels of an enumeration's code table as written, for the common case of a cell holding exactly a label.</summary>
    static class EnumCodes<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> Exact = CodeCatalog.All
            .Where(c => c.Kind == typeof(TEnum).Name)
            .DistinctBy(c => c.Label)
            .ToDictionary(c => c.Label, c => (TEnum)Enum.ToObject(typeof(TEnum), int.Parse(c.Code, CultureInfo.InvariantCulture)), StringComparer.Ordinal);
    }

    public static bool TryHealth(string text, out HealthConditions value)
    {
        if (!text.AsSpan().ContainsAny(ListSeparatorValues)) return TryEnum(text.Trim(), out value) && value != HealthConditions.None;
        value = HealthConditions.None;
        foreach (var part in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryEnum<HealthConditions>(part, out var h)) return false;
            value |= h;
        }
        return value != HealthConditions.None;
    }

    public static bool TryCauses(string text, out List<PovertyCause> causes)
    {
        causes = [];
        foreach (var part in text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryEnum<PovertyCause>(part, out var c)) return false;
            if (!causes.Contains(c)) causes.Add(c);
        }
        causes.Sort();
        return true;
    }

    public static bool TryBool(string text, out bool value)
    {
        if (text is "是" or "否")
        {
            value = text == "是";
            return true;
        }
        switch (Columns.NormalizeHeader(text).ToUpperInvariant())
        {
            case "是" or "1" or "Y" or "YES" or "TRUE" or "有" or "√":
                value = true;
                return true;
            case "否" or "0" or "N" or "NO" or "FALSE" or "无" or "×":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryInt(object? cell, string text, out int value)
    {
        if (cell is double d && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
        {
            value = (int)d;
            return true;
        }
        return int.TryParse(ResidentId.Normalize(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDecimal(object? cell, string text, out decimal value)
    {
        if (cell is double d && double.IsFinite(d))
        {
            value = (decimal)d;
            return true;
        }
        return decimal.TryParse(ResidentId.Normalize(text).TrimEnd(YuanMu), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A double kept exactly as written (export prints the shortest round-trip form).</summary>
    public static bool TryDouble(object? cell, string text, out double value)
    {
        if (cell is double d && double.IsFinite(d))
        {
            value = d;
            return true;
        }
        return double.TryParse(ResidentId.Normalize(text).TrimEnd('亩'), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Yuan to fen, rounded half away from zero.</summary>
    public static bool TryFen(object? cell, string text, out long fen)
    {
        fen = 0;
        if (!TryDecimal(cell, text, out var yuan)) return false;
        fen = (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>A year written as 2014, 2014年, 2014年12月 or a date.</summary>
    public static bool TryYear(object? cell, string text, out int year)
    {
        if (cell is DateTime dt)
        {
            year = dt.Year;
            return true;
        }
        var s = ResidentId.Normalize(text);
        year = 0;
        return s.Length >= 4 && int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2100;
    }

    /// <summary>A date as an Excel serial number, a DateTime cell or text in the usual Chinese forms.</summary>
    public static bool TryDate(object? cell, string text, out DateOnly date)
    {
        date = default;
        switch (cell)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return true;
            case double d when d is > 1 and < 2958466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(d));
                return true;
        }
        if (text.Length == 10 && text[4] == '-' && text[7] == '-' && TryIsoDate(text, out date)) return true;
        var s = ResidentId.Normalize(text);
        if (s.Length == 5 && s.All(char.IsAsciiDigit))
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(int.Parse(s, CultureInfo.InvariantCulture)));
            return true;
        }
        if (DateTime.TryParseExact(s, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }
        return false;
    }

    /// <summary>yyyy-MM-dd by hand: the usual form, and the framework's format parser is slow on millions of rows.</summary>
    static bool TryIsoDate(string s, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(s.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    public static string CodeInvalidMessage(string label, string value, int year) => MemberRules.CodeInvalidMessage(label, value, year);

    static Dictionary<(string, string), CodeItem> BuildLabels()
    {
        var map = new Dictionary<(string, string), CodeItem>();
        // Later entries of the same label (other years) keep the first; validity per year is the checker's job.
        foreach (var c in CodeCatalog.All) map.TryAdd((c.Kind, Columns.NormalizeHeader(c.Label)), c);
        // Spellings seen in national exports.
        void Alias(string kind, string alias, string label)
        {
            var item = CodeCatalog.All.First(c => c.Kind == kind && c.Label == label);
            map.TryAdd((kind, Columns.NormalizeHeader(alias)), item);
        }
        Alias(nameof(PovertyStatus), "已脱贫", "已脱贫(享受政策)");
        Alias(nameof(PovertyStatus), "脱贫", "已脱贫(享受政策)");
        Alias(nameof(PovertyStatus), "脱贫(享受政策)", "已脱贫(享受政策)");
        Alias(nameof(PovertyStatus), "脱贫(不再享受政策)", "已脱贫(不再享受政策)");
        Alias(nameof(PovertyStatus), "贫困", "未脱贫");
        Alias(nameof(HouseholdAttribute), "低保户", "低保贫困户");
        Alias(nameof(HouseholdAttribute), "五保贫困户", "特困供养贫困户");
        Alias(nameof(HouseholdAttribute), "五保户", "特困供养贫困户");
        Alias(nameof(FuelType), "其他", "其它");
        return map;
    }
}
