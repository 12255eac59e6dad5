namespace Fupin.Assessment;

/// <summary>Which series a poverty line belongs to: the lines of different series differ for the same year.</summary>
public enum PovertyLineScope
{
    /// <summary>扶贫部门退出标准: the per-capita net income a household must reach to exit.</summary>
    ExitThreshold = 1,

    /// <summary>统计监测标准: the statistics bureau's current-price line of the 2300-yuan (2010 prices) standard.</summary>
    Statistical = 2,
}

/// <summary>
/// A poverty line (贫困线) of one year and series, yuan per person per year at current prices. Data, not
/// code: the county may add or correct years; the seeded rows and their sources are in docs/assessment.md.
/// </summary>
public sealed class PovertyLine
{
    public int Id { get; set; }
    public int Year { get; set; }
    public PovertyLineScope Scope { get; set; }
    public int AmountYuan { get; set; }
    public required string Source { get; set; }

    /// <summary>The line in fen, the unit incomes are kept in.</summary>
    public long AmountFen => AmountYuan * 100L;

    public static string Label(PovertyLineScope scope) => scope switch
    {
        PovertyLineScope.ExitThreshold => "扶贫部门退出标准",
        PovertyLineScope.Statistical => "统计监测标准",
        _ => scope.ToString(),
    };

    const string ExitSource = "扶贫部门贫困户退出收入标准（现价，以2010年不变价2300元为基数逐年调整），见 docs/assessment.md；未与原始文件逐一核对";
    const string StatisticalSource = "国家统计局农村贫困监测：2010年不变价2300元标准按农村居民消费价格指数折算的当年现价贫困线（《中国农村贫困监测报告》），见 docs/assessment.md";

    /// <summary>The rows every database starts with (DESIGN §3).</summary>
    public static IReadOnlyList<PovertyLine> Seed { get; } =
    [
        new() { Id = 1, Year = 2016, Scope = PovertyLineScope.ExitThreshold, AmountYuan = 3000, Source = ExitSource },
        new() { Id = 2, Year = 2017, Scope = PovertyLineScope.ExitThreshold, AmountYuan = 3335, Source = ExitSource },
        new() { Id = 3, Year = 2018, Scope = PovertyLineScope.ExitThreshold, AmountYuan = 3535, Source = ExitSource },
        new() { Id = 4, Year = 2019, Scope = PovertyLineScope.ExitThreshold, AmountYuan = 3747, Source = ExitSource },
        new() { Id = 5, Year = 2020, Scope = PovertyLineScope.ExitThreshold, AmountYuan = 4000, Source = ExitSource },
        new() { Id = 6, Year = 2014, Scope = PovertyLineScope.Statistical, AmountYuan = 2800, Source = StatisticalSource },
        new() { Id = 7, Year = 2015, Scope = PovertyLineScope.Statistical, AmountYuan = 2855, Source = StatisticalSource },
        new() { Id = 8, Year = 2016, Scope = PovertyLineScope.Statistical, AmountYuan = 2952, Source = StatisticalSource },
    ];
}
