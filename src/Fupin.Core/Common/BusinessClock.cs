using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Fupin.Common;

/// <summary>
/// The business date. A real deployment runs on today's date; the demo county runs as of
/// 2018-10-08 (<c>Fupin:BusinessDate</c>): the clock is shifted to that day and keeps ticking, so
/// timestamps still order.
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

    public TimeProvider Inner { get; }

    public override DateTimeOffset GetUtcNow() => Inner.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => ChinaStandardTime;

    /// <summary>UTC+8, no daylight saving: business dates are Beijing dates.</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");

    public static BusinessClock From(IConfiguration config)
    {
        var text = config["Fupin:BusinessDate"];
        DateOnly? date = string.IsNullOrWhiteSpace(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new BusinessClock(date);
    }
}

public static class TimeProviderExtensions
{
    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), BusinessClock.ChinaStandardTime).DateTime);
}
