using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>Names of the township and village an item lies in (a county-wide item has neither).</summary>
public static class RectificationPlaces
{
    public static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, IEnumerable<string> regionCodes, CancellationToken ct)
    {
        var codes = regionCodes.SelectMany(Chain).Distinct(StringComparer.Ordinal).ToList();
        return await db.Regions.AsNoTracking().IgnoreQueryFilters().Where(r => codes.Contains(r.Code))
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, ct);
    }

    static IEnumerable<string> Chain(string code)
    {
        yield return code[..Math.Min(6, code.Length)];
        if (code.Length >= 9) yield return code[..9];
        if (code.Length >= 12) yield return code;
    }

    public static string Township(Dictionary<string, string> names, string code) => code.Length >= 9 ? names.GetValueOrDefault(code[..9], code[..9]) : "";

    public static string Village(Dictionary<string, string> names, string code) => code.Length >= 12 ? names.GetValueOrDefault(code, code) : "";

    /// <summary>The place as one text: 石门乡东岭村, 石门乡, or the county's name.</summary>
    public static string Full(Dictionary<string, string> names, string code) =>
        code.Length >= 9 ? Township(names, code) + Village(names, code) : names.GetValueOrDefault(code, code);
}
