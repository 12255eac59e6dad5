namespace Fupin.Common;

/// <summary>Personal data is masked by default wherever it is shown or logged.</summary>
public static class Masking
{
    /// <summary>Keeps the first three and last four characters of longer values, e.g. 138****5678.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= 4) return new string('*', value.Length);
        var keepStart = value.Length >= 11 ? 3 : 1;
        return string.Concat(value.AsSpan(0, keepStart), new string('*', value.Length - keepStart - 4), value.AsSpan(value.Length - 4));
    }
}
