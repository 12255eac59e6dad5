using System.Globalization;
using Fupin.Common;
using Fupin.Registry;

namespace Fupin.Web.Infrastructure;

/// <summary>How values are written on the pages (the app runs under zh-CN; formats are fixed here).</summary>
public static class Ui
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Label(Enum value) => CodeCatalog.LabelOf(value);

    public static string YesNo(bool value) => value ? "是" : "否";

    public static string Count(long value) => value.ToString("#,0", Inv);

    public static string Yuan(decimal value) => value.ToString("#,0.00", Inv);

    public static string Num(double value) => value.ToString("0.##", Inv);

    public static string Year(int? value) => value?.ToString(Inv) ?? "—";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", Inv) + "%" : "—";

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", Inv);

    /// <summary>A timestamp in Beijing time.</summary>
    public static string Time(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, BusinessClock.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm", Inv);

    public static string Today(TimeProvider clock) => Date(clock.Today());

    public static string OrDash(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;

    /// <summary>Code-table entries of an enum valid in a year, for a select list.</summary>
    public static IEnumerable<(TEnum Value, string Label)> Options<TEnum>(int year) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>()
            .Where(v => CodeCatalog.IsValid(typeof(TEnum).Name, CodeCatalog.Label(v), year))
            .Select(v => (v, CodeCatalog.Label(v)));

    public static IEnumerable<string> Labels(string kind, int year) => CodeCatalog.Of(kind, year).Select(c => c.Label);
}

/// <summary>Select lists for the edit forms: only code-table entries valid in the business year.</summary>
public static class Choices
{
    public static List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Of<TEnum>(int year) where TEnum : struct, Enum =>
        [.. Ui.Options<TEnum>(year).Select(o => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(o.Label, o.Value.ToString()))];

    /// <summary>
    /// Labels of a code table valid in the year; a current value that is no longer valid stays
    /// visible (marked 已停用) so the editor sees why the form is refused.
    /// </summary>
    public static List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Labels(string kind, int year, string? current, bool optional = false)
    {
        var items = Ui.Labels(kind, year).Select(l => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(l, l)).ToList();
        if (!string.IsNullOrEmpty(current) && items.All(i => i.Value != current))
            items.Insert(0, new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem($"{current}（{year}年已停用）", current));
        if (optional) items.Insert(0, new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem("（不填）", ""));
        return items;
    }
}
