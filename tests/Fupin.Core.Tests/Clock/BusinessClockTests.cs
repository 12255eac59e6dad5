using Fupin.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Fupin.Tests.Clock;

public class BusinessClockTests
{
    // 23:59 in Beijing on the real day.
    static FakeTimeProvider OneMinuteToMidnightInBeijing() => new(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero));

    [Fact]
    public void DateOnly_KeepsTheRealTimeOfDay_SoItsDateTurnsAtMidnightInBeijing()
    {
        var real = OneMinuteToMidnightInBeijing();
        var clock = new BusinessClock(new DateOnly(2018, 10, 8), real);
        Assert.Equal(new DateOnly(2018, 10, 8), clock.Today());
        real.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new DateOnly(2018, 10, 9), clock.Today());
    }

    [Fact]
    public void DateAndTime_StartsAtThatBeijingMoment_WhateverTheRealHour_AndTicks()
    {
        var real = OneMinuteToMidnightInBeijing();
        var clock = new BusinessClock(new DateTimeOffset(2018, 10, 8, 10, 0, 0, TimeSpan.FromHours(8)), real);
        Assert.Equal(new DateTimeOffset(2018, 10, 8, 2, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new DateOnly(2018, 10, 8), clock.Today());
        Assert.Equal(new DateTimeOffset(2018, 10, 8, 2, 2, 0, TimeSpan.Zero), clock.GetUtcNow());
        real.Advance(TimeSpan.FromHours(14));
        Assert.Equal(new DateOnly(2018, 10, 9), clock.Today());
    }

    [Theory]
    [InlineData("2018-10-08T10:00", "2018-10-08")]
    [InlineData("2019-12-31T23:30:15", "2019-12-31")]
    [InlineData(" 2018-10-08 ", "2018-10-08")]
    public void From_ReadsADateOrADateAndBeijingTime(string setting, string today)
    {
        var clock = BusinessClock.From(Config(setting));
        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), clock.Today());
    }

    [Fact]
    public void From_NoSetting_IsToday()
    {
        var before = TimeProvider.System.Today();
        var unset = BusinessClock.From(Config(null)).Today();
        var empty = BusinessClock.From(Config("")).Today();
        Assert.InRange(unset, before, TimeProvider.System.Today());
        Assert.InRange(empty, before, TimeProvider.System.Today());
    }

    [Theory]
    [InlineData("2018/10/08")]
    [InlineData("2018-10-08 10:00")]
    [InlineData("明天")]
    public void From_AnythingElse_IsRefusedNamingTheSetting(string setting)
    {
        var e = Assert.Throws<FormatException>(() => BusinessClock.From(Config(setting)));
        Assert.Contains("Fupin:BusinessDate", e.Message, StringComparison.Ordinal);
        Assert.Contains(setting.Trim(), e.Message, StringComparison.Ordinal);
    }

    static IConfiguration Config(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Fupin:BusinessDate"] = value }).Build();
}
