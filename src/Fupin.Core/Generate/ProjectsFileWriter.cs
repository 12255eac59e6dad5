using System.Globalization;
using Fupin.Demo;
using Fupin.Imports;
using Fupin.Projects;

namespace Fupin.Generate;

/// <summary>
/// <c>projects.csv</c> of a generated tier: the project pool (项目库) of 2017–2019 for every county the
/// registry covers, one row per project, placed in the county's real townships and generated villages
/// (the villages <see cref="AddGeneratedRegions"/> loads). About one project per
/// <see cref="HouseholdsPerProject"/> registered households (南召, ~17,000 households: 85, as many as the
/// demo county's pool), at least one per county drawn; townships get them in proportion to their
/// households. Categories and their labels are <see cref="ProjectCategory"/> and
/// <see cref="ProjectLabels"/>; budgets in yuan, typical of each category, as the demo's. Each county
/// draws from its own stream (seed and county code), so the rows of a county do not depend on the others.
/// </summary>
internal sealed class ProjectsFileWriter : IDisposable
{
    public const int HouseholdsPerProject = 200;

    public static readonly string[] Header =
        ["项目编号", "县", "乡镇", "村", "区划代码", "项目名称", "项目类别", "总投资（元）", "年度", "计划开工日期", "计划完工日期"];

    /// <param name="InVillage">Placed in a village (else in the township as a whole).</param>
    /// <param name="Wan">Typical 总投资 in 万元 (from, to); drawn log-uniformly.</param>
    /// <param name="Days">Planned duration in days (from, to).</param>
    sealed record Kind(ProjectCategory Category, string Abbr, double Weight, bool InVillage, string[] Names, (double From, double To) Wan, (int From, int To) Days);

    static readonly Kind[] Kinds =
    [
        new(ProjectCategory.Industry, "CY", 0.28, true,
            ["{v}香菇大棚产业基地", "{v}猕猴桃种植基地", "{v}中药材种植基地", "{v}茶叶种植基地", "{v}花椒种植基地", "{v}核桃提质增效项目", "{v}艾草种植基地", "{v}蔬菜大棚产业基地", "{v}村级光伏电站", "{v}养殖小区建设项目"],
            (50, 500), (90, 240)),
        new(ProjectCategory.Workshop, "CJ", 0.06, true, ["{t}{v}扶贫就业车间"], (100, 300), (90, 180)),
        new(ProjectCategory.Relocation, "BQ", 0.02, true, ["{t}{v}易地扶贫搬迁安置点建设项目"], (800, 4000), (240, 365)),
        new(ProjectCategory.Transport, "JT", 0.16, false, ["{t}{y}年通村道路硬化项目", "{t}{y}年村组道路及错车道建设项目", "{t}{y}年农村公路危桥改造项目"], (300, 2600), (150, 270)),
        new(ProjectCategory.Water, "SL", 0.12, false, ["{t}{y}年农村安全饮水工程", "{t}{y}年小型农田水利设施项目"], (100, 1200), (90, 210)),
        new(ProjectCategory.Power, "DW", 0.05, false, ["{t}{y}年农网改造升级工程"], (200, 1200), (90, 180)),
        new(ProjectCategory.Network, "WL", 0.04, false, ["{t}{y}年贫困村宽带网络覆盖工程", "{t}{y}年4G基站建设项目"], (50, 300), (60, 150)),
        new(ProjectCategory.LivingEnvironment, "RJ", 0.12, true, ["{v}人居环境整治项目", "{v}改厕和垃圾收集转运项目"], (50, 300), (60, 180)),
        new(ProjectCategory.Education, "JY", 0.05, false, ["{t}中心小学薄弱学校改造项目", "{t}{y}年乡村幼儿园建设项目"], (100, 600), (120, 240)),
        new(ProjectCategory.Health, "JK", 0.04, true, ["{v}标准化卫生室建设项目"], (20, 60), (60, 120)),
        new(ProjectCategory.Finance, "JR", 0.02, false, ["{t}{y}年扶贫小额信贷贴息项目"], (100, 1500), (30, 90)),
        new(ProjectCategory.Other, "QT", 0.04, true, ["{v}村级综合服务中心建设项目", "{v}文化广场建设项目"], (30, 150), (60, 150)),
    ];

    static readonly (Kind Item, double Weight)[] KindWeights = [.. Kinds.Select(k => (k, k.Weight))];

    /// <summary>The pool's years: 2017 done, 2018 under way, 2019 applied for (as in the demo).</summary>
    static readonly (int Item, double Weight)[] Years = [(2017, 0.35), (2018, 0.4), (2019, 0.25)];

    readonly CsvRowWriter _csv;
    readonly int _seed;

    public ProjectsFileWriter(string path, int seed)
    {
        _seed = seed;
        _csv = new CsvRowWriter(path);
        foreach (var h in Header) _csv.Cell(h);
        _csv.EndRow();
    }

    public long Rows { get; private set; }

    /// <summary>Projects for every county of the plan that has households; <paramref name="perTownship"/> as the registry drew them.</summary>
    public void Add(ProvincePlan plan, int[] perTownship, CancellationToken ct)
    {
        for (var start = 0; start < plan.Townships.Count;)
        {
            ct.ThrowIfCancellationRequested();
            var county = plan.Townships[start].CountyCode;
            var end = start;
            while (end < plan.Townships.Count && plan.Townships[end].CountyCode == county) end++;
            var households = perTownship.AsSpan(start, end - start).ToArray();
            var total = households.Sum();
            if (total > 0) AddCounty(plan, start, households, total);
            start = end;
        }
    }

    void AddCounty(ProvincePlan plan, int first, int[] households, int total)
    {
        var county = plan.Townships[first].CountyCode;
        var locale = DemoLocale.For(county);
        var r = new Random(ProvincePlan.Mix(_seed ^ 0x9807EC7, long.Parse(county, CultureInfo.InvariantCulture)));
        var count = Math.Max(1, (int)Math.Round((double)total / HouseholdsPerProject, MidpointRounding.AwayFromZero));
        var perTownship = ProvincePlan.Apportion([.. households.Select(h => (double)h)], count);
        var n = 0;
        for (var t = 0; t < perTownship.Length; t++)
        {
            if (perTownship[t] == 0) continue;
            var township = plan.Townships[first + t];
            var villages = township.Villages(locale);
            // Poor villages got most projects.
            var villageWeights = villages.Select(v => (v, v.Region.IsPoorVillage ? 3.0 : 1.0)).ToArray();
            for (var k = 0; k < perTownship[t]; k++)
            {
                var kind = r.Weighted(KindWeights);
                var year = r.Weighted(Years);
                var village = kind.InVillage ? r.Weighted(villageWeights) : null;
                var villageName = village is null ? null : Values.Neutralize(village.Region.Name);
                var name = r.Pick(kind.Names)
                    .Replace("{t}", township.Township.Name, StringComparison.Ordinal)
                    .Replace("{v}", villageName ?? "", StringComparison.Ordinal)
                    .Replace("{y}", year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var wan = kind.Wan.From * Math.Pow(kind.Wan.To / kind.Wan.From, r.NextDouble());
                var yuan = (long)Math.Round(wan * 10) * 1000; // to the thousand yuan, as budgets are written
                var start = new DateOnly(year, 3, 1).AddDays(r.Next(0, 121));
                var finish = start.AddDays(r.Inclusive(kind.Days.From, kind.Days.To));
                n++;
                _csv.Cell(string.Create(CultureInfo.InvariantCulture, $"{county}-{year}-{kind.Abbr}-{n:D4}"));
                _csv.Cell(locale.CountyName);
                _csv.Cell(township.Township.Name);
                _csv.Cell(villageName);
                _csv.Cell(village?.Region.Code ?? township.Township.Code);
                _csv.Cell(name);
                _csv.Cell(ProjectLabels.Label(kind.Category));
                _csv.Cell(yuan);
                _csv.Cell(year);
                _csv.Cell(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                _csv.Cell(finish.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                _csv.EndRow();
                Rows++;
            }
        }
    }

    public void Dispose() => _csv.Dispose();
}
