using System.Globalization;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Supervision;

/// <summary>What every way of raising a rectification item shares: its number and its first history line.</summary>
public static class RectificationItems
{
    /// <summary>Days from the day a problem is found to its default deadline.</summary>
    public const int DefaultDeadlineDays = 30;

    /// <summary>
    /// The next <paramref name="count"/> numbers of the county's items of <paramref name="year"/> (ZG2018-0001 …),
    /// after the highest stored one; the unique index refuses a number taken meanwhile by another writer.
    /// </summary>
    public static async Task<List<string>> NextNumbersAsync(AppDbContext db, string countyCode, int year, int count, CancellationToken ct)
    {
        var prefix = "ZG" + year.ToString(CultureInfo.InvariantCulture) + "-";
#pragma warning disable CA1310 // translated to SQL, where the comparison is ordinal
        var last = await db.Rectifications.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CountyCode == countyCode && r.Number.StartsWith(prefix))
            .MaxAsync(r => (string?)r.Number, ct);
#pragma warning restore CA1310
        var n = last is null ? 0 : int.Parse(last.AsSpan(prefix.Length), CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(n + 1, count).Select(i => prefix + i.ToString("D4", CultureInfo.InvariantCulture))];
    }

    /// <summary>The item's first history line (立项), to add with the item.</summary>
    public static RectificationEvent Created(Rectification item, string by, DateOnly on, DateTimeOffset at) => new()
    {
        RectificationId = item.Id,
        Kind = RectificationEventKind.Created,
        On = on,
        By = by,
        At = at,
        Note = SupervisionLabels.Label(item.Source) + (item.SourceDocument is { Length: > 0 } d ? "：" + d : ""),
    };
}
