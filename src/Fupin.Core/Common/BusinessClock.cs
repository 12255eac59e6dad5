using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Fupin.Common;

/// <summary>
/// The business date. A real deployment runs on today's date; the demo county runs as of
/// 2018-10-08 (<c>Fupin:BusinessDate</c>): the clock is shifted to that day and keeps ticking, so
/// timestamps still order. A date with a Beijing time (<c>2018-10-08T10:00</c>) starts the clock at
/// that moment whatever the hour: tests use it, so a run that crosses midnight in Beijing (16:00 UTC)
/// still works on the 8th.
/// </summary>
public sealed class BusinessClock : TimeProvider
{
    readonly TimeSpan _offset;

    public BusinessClock(DateOnly? businessDate, TimeProvider? system = null)
    {
        Inner = system ?? TimeProvider.System;
        if (businessDate is { } d)
        {
            var chinaNow = Inner.GetUtcNow().UtcDateTime + ChinaStandardTime.BaseUtcOffset;
            _offset = d.ToDateTime(TimeOnly.FromDateTime(chinaNow)) - chinaNow;
        }
    }

    /// <summary>Starts at <paramref name="startsAt"/> now and ticks from there.</summary>
    public BusinessClock(DateTimeOffset startsAt, TimeProvider? system = null)
    {
        Inner = system ?? TimeProvider.System;
        _offset = startsAt - Inner.GetUtcNow();
    }

    public TimeProvider Inner { get; }

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => ChinaStandardTime;

    /// <summary>UTC+8, no daylight saving: business dates are Beijing dates.</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");

    public static BusinessClock From(IConfiguration config)
    {
        var text = config["Fupin:BusinessDate"]?.Trim();
        if (string.IsNullOrEmpty(text)) return new BusinessClock(businessDate: null);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new BusinessClock(date);
        if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var beijing))
            return new BusinessClock(new DateTimeOffset(beijing, ChinaStandardTime.BaseUtcOffset));
        throw new FormatException($"Fupin:BusinessDate 应为 yyyy-MM-dd 或 yyyy-MM-ddTHH:mm（北京时间），而不是“{text}”");
    }
}

public static class TimeProviderExtensions
{
    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), BusinessClock.ChinaStandardTime).DateTime);
}
