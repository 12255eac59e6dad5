using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Fupin.Registry;

/// <summary>
/// A resident identity number (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date,
/// 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character. The check character is
/// a function of the first 17 digits, so the number is held as those 17 digits in a <see cref="long"/>:
/// comparisons and joins on a 64-bit key, the text rebuilt on demand.
/// </summary>
public readonly record struct ResidentId : IComparable<ResidentId>
{
    static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string CheckChars = "10X98765432";

    ResidentId(long key) => Key = key;

    /// <summary>The first 17 digits as a number: the 64-bit key stored in the database.</summary>
    public long Key { get; }

    public static ResidentId FromKey(long key)
    {
        if (key is < 10_000_000_000_000_000 or > 99_999_999_999_999_999)
            throw new ArgumentOutOfRangeException(nameof(key), key, "not a 17-digit body of a resident id");
        return new ResidentId(key);
    }

    public string RegionCode => Body[..6];

    /// <summary>Digits 7–14 of the body, taken arithmetically (the key is read on every row of an import).</summary>
    public DateOnly BirthDate
    {
        get
        {
            var ymd = (int)(Key / 1000 % 100_000_000);
            return new DateOnly(ymd / 10000, ymd / 100 % 100, ymd % 100);
        }
    }

    public int Sequence => (int)(Key % 1000);

    public Gender Gender => Sequence % 2 == 1 ? Gender.Male : Gender.Female;

    public char CheckChar => CheckCharFor(Body);

    string Body => Key.ToString("D17", CultureInfo.InvariantCulture);

    public override string ToString() => Body + CheckChar;

    /// <summary>Masked for display: region prefix and last four kept, e.g. 411321**********1X.</summary>
    public string Masked => string.Concat(Body.AsSpan(0, 6), "********", ToString().AsSpan(14, 4));

    public int CompareTo(ResidentId other) => Key.CompareTo(other.Key);

    public static bool operator <(ResidentId left, ResidentId right) => left.Key < right.Key;
    public static bool operator <=(ResidentId left, ResidentId right) => left.Key <= right.Key;
    public static bool operator >(ResidentId left, ResidentId right) => left.Key > right.Key;
    public static bool operator >=(ResidentId left, ResidentId right) => left.Key >= right.Key;

    /// <summary>Builds a valid number from its parts (the check character is computed).</summary>
    public static ResidentId Create(string regionCode, DateOnly birthDate, int sequence)
    {
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
            throw new ArgumentException("region code must be 6 digits", nameof(regionCode));
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var body = string.Concat(regionCode, birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), sequence.ToString("D3", CultureInfo.InvariantCulture));
        return new ResidentId(long.Parse(body, CultureInfo.InvariantCulture));
    }

    /// <summary>yyyyMMdd, digits only, a real calendar date.</summary>
    static bool TryDate(ReadOnlySpan<char> yyyymmdd, out DateOnly date)
    {
        date = default;
        var n = 0;
        foreach (var c in yyyymmdd)
        {
            if (!char.IsAsciiDigit(c)) return false;
            n = n * 10 + (c - '0');
        }
        int year = n / 10000, month = n / 100 % 100, day = n % 100;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    public static char CheckCharFor(ReadOnlySpan<char> body17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (body17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>
    /// Parses an 18-character number, or upgrades a 15-digit legacy one (two-digit year of the
    /// 1900s, no check character). Full-width digits and X, spaces and a lower-case x are normalised.
    /// </summary>
    /// <param name="today">Births after this date are rejected.</param>
    public static ResidentIdParseResult Parse(string? text, DateOnly today)
    {
        var s = Normalize(text);
        if (s.Length == 0) return ResidentIdParseResult.Fail(ResidentIdError.Empty, "证件号码为空", "the ID number is empty");

        var upgraded = false;
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit))
                return ResidentIdParseResult.Fail(ResidentIdError.BadCharacter, "15位旧号码只能由数字组成", "a 15-digit legacy number must be all digits");
            s = string.Concat(s.AsSpan(0, 6), "19", s.AsSpan(6, 9));
            s += CheckCharFor(s);
            upgraded = true;
        }

        if (s.Length != 18)
            return ResidentIdParseResult.Fail(ResidentIdError.WrongLength,
                $"证件号码应为18位（或15位旧号码），实际为{s.Length}位", $"an ID number has 18 characters (or 15 for a legacy one), this one has {s.Length}");

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
                return ResidentIdParseResult.Fail(ResidentIdError.BadCharacter,
                    $"第{i + 1}位“{s[i]}”不是数字", $"character {i + 1} '{s[i]}' is not a digit");
        }
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X')
            return ResidentIdParseResult.Fail(ResidentIdError.BadCharacter,
                $"第18位校验码“{s[17]}”只能是0-9或X", $"the check character '{s[17]}' must be 0-9 or X");

        if (s[0] == '0' || s.AsSpan(0, 2).SequenceEqual("00"))
            return ResidentIdParseResult.Fail(ResidentIdError.BadRegion, $"地址码“{s[..6]}”不是有效的行政区划代码", $"region code '{s[..6]}' is not a valid division code");

        if (!TryDate(s.AsSpan(6, 8), out var birth))
            return ResidentIdParseResult.Fail(ResidentIdError.ImpossibleDate,
                $"出生日期“{s.Substring(6, 8)}”不是有效日期", $"birth date '{s.Substring(6, 8)}' is not a real date");
        if (birth.Year < 1890)
            return ResidentIdParseResult.Fail(ResidentIdError.ImpossibleDate,
                $"出生日期“{s.Substring(6, 8)}”早于1890年", $"birth date '{s.Substring(6, 8)}' is before 1890");
        if (birth > today)
            return ResidentIdParseResult.Fail(ResidentIdError.FutureBirth,
                $"出生日期{birth:yyyy-MM-dd}晚于今天（{today:yyyy-MM-dd}）", $"birth date {birth:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})");

        var expected = CheckCharFor(s);
        if (s[17] != expected)
            return ResidentIdParseResult.Fail(ResidentIdError.BadCheckCharacter,
                $"校验码错误：第18位是“{s[17]}”，按前17位应为“{expected}”", $"bad check character: '{s[17]}' given, '{expected}' expected from the first 17 digits");

        return ResidentIdParseResult.Ok(new ResidentId(long.Parse(s.AsSpan(0, 17), CultureInfo.InvariantCulture)), upgraded);
    }

    public static bool TryParse(string? text, DateOnly today, [NotNullWhen(true)] out ResidentId? id)
    {
        var r = Parse(text, today);
        id = r.Id;
        return r.IsValid;
    }

    /// <summary>Full-width to half-width, spaces removed, x upper-cased.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!NeedsNormalizing(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var h = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            if (char.IsWhiteSpace(h) || h == '\u3000') continue;
            sb.Append(h == 'x' ? 'X' : h);
        }
        return sb.ToString();
    }

    /// <summary>Most cells are already clean (plain digits, a decimal point): they are returned as they are, not copied.</summary>
    static bool NeedsNormalizing(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\uFF01' and <= '\uFF5E' or 'x' || char.IsWhiteSpace(c)) return true;
        }
        return false;
    }
}

public enum ResidentIdError
{
    None,
    Empty,
    WrongLength,
    BadCharacter,
    BadRegion,
    ImpossibleDate,
    FutureBirth,
    BadCheckCharacter,
}

public sealed record ResidentIdParseResult(ResidentId? Id, bool UpgradedFrom15, ResidentIdError Error, string? MessageZh, string? MessageEn)
{
    [MemberNotNullWhen(true, nameof(Id))]
    public bool IsValid => Id is not null;

    internal static ResidentIdParseResult Ok(ResidentId id, bool upgraded) => new(id, upgraded, ResidentIdError.None, null, null);
    internal static ResidentIdParseResult Fail(ResidentIdError error, string zh, string en) => new(null, false, error, zh, en);
}
