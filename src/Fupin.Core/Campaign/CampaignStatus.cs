namespace Fupin.Campaign;

/// <summary>The ledger's traffic light of a task line.</summary>
public enum CampaignLight
{
    /// <summary>绿灯: on pace (or done).</summary>
    Green = 1,

    /// <summary>黄灯: behind the pace, but at 80% of it or more.</summary>
    Amber = 2,

    /// <summary>红灯: below 80% of the pace, or past the deadline and not done.</summary>
    Red = 3,
}

/// <summary>A task line judged on a date: what was reached, what the time elapsed calls for, and the light.</summary>
/// <param name="Achieved">The cumulative amount of the latest report of a month not after the date (0 with no report).</param>
/// <param name="Expected">Target × the elapsed share of [StartsOn, Deadline] on the date.</param>
/// <param name="Percent">Achieved as a percent of the target (rounded down).</param>
/// <param name="ExpectedPercent">Expected as a percent of the target (rounded down).</param>
public sealed record CampaignJudgement(CampaignLight Light, decimal Achieved, decimal Expected, int Percent, int ExpectedPercent, bool Done, bool PastDeadline)
{
    public string Label => CampaignStatus.Label(Light);
}

/// <summary>
/// The status of a task line (红黄绿灯) from its progress against the time elapsed, on a date (the business date):
/// <list type="bullet">
/// <item>elapsed share = (date − StartsOn) ÷ (Deadline − StartsOn) in days, clamped to [0, 1] (0 before the start, 1 from the deadline on);</item>
/// <item>expected = target × elapsed share; achieved = the cumulative amount of the latest monthly report of a month not after the date;</item>
/// <item>done when achieved ≥ target;</item>
/// <item>red (红灯) when the date is past the deadline and the task is not done;</item>
/// <item>otherwise green (绿灯) when done or achieved ≥ expected, amber (黄灯) when achieved ≥ 80% of expected, red below that.</item>
/// </list>
/// Example: target 100, 2018-01-01 to 2018-12-31 (364 days), on 2018-10-08 (280 days in): expected 76.92; achieved 80 is green,
/// 62 amber (≥ 61.54), 60 red.
/// </summary>
public static class CampaignStatus
{
    /// <summary>Amber down to this share of the expected amount; red below.</summary>
    public const decimal AmberShare = 0.8m;

    public static decimal ElapsedShare(DateOnly startsOn, DateOnly deadline, DateOnly asOf)
    {
        if (asOf <= startsOn) return asOf >= deadline ? 1m : 0m;
        if (asOf >= deadline) return 1m;
        return (decimal)(asOf.DayNumber - startsOn.DayNumber) / (deadline.DayNumber - startsOn.DayNumber);
    }

    public static decimal Expected(decimal target, DateOnly startsOn, DateOnly deadline, DateOnly asOf) =>
        Math.Round(target * ElapsedShare(startsOn, deadline, asOf), 2, MidpointRounding.AwayFromZero);

    public static CampaignJudgement Judge(decimal target, DateOnly startsOn, DateOnly deadline, decimal? achieved, DateOnly asOf)
    {
        var got = achieved ?? 0m;
        var expected = Expected(target, startsOn, deadline, asOf);
        var done = target > 0 && got >= target;
        var past = asOf > deadline;
        var light = past && !done ? CampaignLight.Red
            : done || got >= expected ? CampaignLight.Green
            : got >= expected * AmberShare ? CampaignLight.Amber
            : CampaignLight.Red;
        return new CampaignJudgement(light, got, expected, Percent(got, target), Percent(expected, target), done, past);
    }

    static int Percent(decimal value, decimal target) => target <= 0 ? 0 : (int)Math.Floor(value * 100m / target);

    public static string Label(CampaignLight light) => light switch
    {
        CampaignLight.Green => "绿灯（进度正常）",
        CampaignLight.Amber => "黄灯（稍有滞后）",
        CampaignLight.Red => "红灯（严重滞后）",
        _ => "",
    };

    public static string ShortLabel(CampaignLight light) => light switch
    {
        CampaignLight.Green => "绿灯",
        CampaignLight.Amber => "黄灯",
        CampaignLight.Red => "红灯",
        _ => "",
    };

    /// <summary>The first day of the month of a date (a report's <see cref="CampaignProgress.Month"/>).</summary>
    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);
}
