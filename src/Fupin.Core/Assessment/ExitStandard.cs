namespace Fupin.Assessment;

/// <summary>
/// The exit thresholds of one province (data, not code). A province without a row uses <see cref="National"/>.
/// Seeded: the twelve western provinces with 3% incidence, Henan with its 90% of poor villages exited.
/// </summary>
public sealed class ExitStandard
{
    /// <summary>2-digit province code.</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>Village exit: 贫困发生率 strictly below this.</summary>
    public decimal VillageIncidenceMax { get; set; } = 0.02m;

    /// <summary>County exit: 综合贫困发生率 strictly below this.</summary>
    public decimal CountyIncidenceMax { get; set; } = 0.02m;

    /// <summary>错退率 must not exceed this.</summary>
    public decimal WrongExitMax { get; set; } = 0.02m;

    /// <summary>漏评率 must not exceed this.</summary>
    public decimal MissedMax { get; set; } = 0.02m;

    /// <summary>群众认可度 at least this.</summary>
    public decimal ApprovalMin { get; set; } = 0.90m;

    /// <summary>Share of the county's poor villages that must have exited (Henan 0.9); null where the province sets none.</summary>
    public decimal? ExitedPoorVillagesMin { get; set; }

    /// <summary>村内公示 days of the household exit procedure.</summary>
    public int NoticeDays { get; set; } = 7;

    public required string Source { get; set; }

    const string NationalSource = "中办国办《关于建立贫困退出机制的意见》（2016）；国开办发〔2017〕56号《贫困县退出专项评估检查实施办法（试行）》";

    /// <summary>The national baseline for provinces without a row (code "00").</summary>
    public static ExitStandard National { get; } = new() { ProvinceCode = "00", Source = NationalSource };

    /// <summary>内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆: 3% incidence.</summary>
    public static IReadOnlyList<string> WesternProvinces { get; } = ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"];

    public static IReadOnlyList<ExitStandard> Seed { get; } =
    [
        new() { ProvinceCode = "41", ExitedPoorVillagesMin = 0.90m, Source = NationalSource + "；河南：贫困村退出比例不低于90%（见 shared/data/national-layout.md §4）" },
        .. WesternProvinces.Select(p => new ExitStandard
        {
            ProvinceCode = p, VillageIncidenceMax = 0.03m, CountyIncidenceMax = 0.03m, Source = NationalSource + "；西部地区贫困发生率标准3%",
        }),
    ];
}

/// <summary>A county's planned exit (摘帽): the target date the countdown runs to.</summary>
public sealed class CountyExitPlan
{
    public required string CountyCode { get; set; }

    /// <summary>The date by which the county must meet the exit standard (南召: 2019-12-31).</summary>
    public DateOnly TargetDate { get; set; }
    public string? Note { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
