namespace Fupin.Web.Pages.Surveys;

/// <summary>How the survey pages show a rate against the exit standard.</summary>
public static class SurveyView
{
    public static string RateClass(decimal? rate, decimal standard = 0.90m) => rate switch
    {
        null => "rate rate-none",
        { } r when r >= standard => "rate rate-pass",
        _ => "rate rate-fail",
    };

    public static string Verdict(decimal? rate, decimal standard) => rate switch
    {
        null => "无数据",
        { } r when r >= standard => "达标",
        _ => "未达标",
    };
}
