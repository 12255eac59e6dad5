using Fupin.Industries;

namespace Fupin.Demo;

/// <summary>A local industry of the demo county: code, name, output unit, and how a household's own engagement in it looks.</summary>
/// <param name="MuFrom">Least 亩 a household plants or keeps.</param>
/// <param name="MuTo">Most 亩.</param>
/// <param name="PerMuFrom">Least output per 亩, in the unit.</param>
/// <param name="PerMuTo">Most output per 亩.</param>
/// <param name="PriceFrom">Least yuan per unit of output.</param>
/// <param name="PriceTo">Most yuan per unit.</param>
internal sealed record DemoIndustrySpec(
    string Code, string Name, string Unit, double MuFrom, double MuTo, double PerMuFrom, double PerMuTo, double PriceFrom, double PriceTo);

/// <summary>A business entity of the demo catalogue; <see cref="Village"/> places it in a village of the township.</summary>
internal sealed record DemoEntitySpec(
    EntityKind Kind, string Township, bool Village, string Industry, string Name, string? Level, int Employees, double AreaMu, int OutputWan,
    int FoundedYear, string? Note = null, bool CountyWide = false);

/// <summary>
/// The demo county's industry catalogue: 南召's six local industries (柞蚕 and 玉兰/花卉苗木 are its old trades, 艾草 the new one
/// of 2018), the leading enterprises, cooperatives, family farms and 艾草 bases by township, the county departments that send
/// pairing cadres, and the 艾草 industrialisation plan. All figures of the plan are the demo's own.
/// </summary>
internal static class DemoIndustry
{
    public static readonly DemoIndustrySpec[] Industries =
    [
        new("HM", "花卉苗木", "万株", 1, 5, 0.15, 0.4, 2500, 4500),
        new("AC", "艾草", "斤", 1, 5, 450, 700, 1.6, 2.2),
        new("SJ", "食用菌", "袋", 0.3, 1.5, 4000, 8000, 2.2, 3.2),
        new("ZY", "中药材", "斤", 1, 4, 150, 400, 6, 14),
        new("LX", "林下种植", "斤", 2, 8, 80, 200, 4, 9),
        new("ZC", "柞蚕养殖", "把", 20, 60, 0.04, 0.06, 5000, 8000),
    ];

    /// <summary>Each township's industries, the first the main one.</summary>
    public static readonly Dictionary<string, string[]> TownshipIndustries = new(StringComparer.Ordinal)
    {
        [DemoProjects.Chengguan] = ["HM", "SJ"],
        [DemoProjects.Liushan] = ["ZY", "SJ"],
        [DemoProjects.Yunyang] = ["AC", "HM"],
        [DemoProjects.Huangludian] = ["AC", "SJ"],
        [DemoProjects.Nanhedian] = ["AC", "SJ"],
        [DemoProjects.Banshanping] = ["ZC", "LX"],
        [DemoProjects.Qiaoduan] = ["ZY", "LX"],
        [DemoProjects.Baitugang] = ["AC", "HM"],
        [DemoProjects.Chengjiao] = ["SJ", "AC"],
        [DemoProjects.Xiaodian] = ["AC", "HM"],
        [DemoProjects.Huanghou] = ["HM", "ZY"],
        [DemoProjects.Taishanmiao] = ["SJ", "LX"],
        [DemoProjects.Shimen] = ["AC", "SJ"],
        [DemoProjects.Sikeshu] = ["ZC", "LX"],
        [DemoProjects.Mashiping] = ["ZC", "ZY"],
        [DemoProjects.Cuizhuang] = ["ZY", "HM"],
    };

    public const string ParkEnterprise = "南召县艾草产业园运营有限公司";

    /// <summary>The leading enterprises, 艾草 bases, family farms and others; cooperatives are drawn per township.</summary>
    public static readonly DemoEntitySpec[] Named =
    [
        new(EntityKind.LeadingEnterprise, DemoProjects.Yunyang, false, "AC", ParkEnterprise, "市级", 120, 3000, 8600, 2018,
            "运营南召县艾草产业园：艾绒、艾条、艾草精油精深加工，订单收购全县艾草", CountyWide: true),
        new(EntityKind.LeadingEnterprise, DemoProjects.Yunyang, false, "AC", "南召县伏牛艾业有限公司", "市级", 86, 1200, 4200, 2016,
            "艾条、艾绒加工，带资入企分红", CountyWide: true),
        new(EntityKind.LeadingEnterprise, DemoProjects.Mashiping, false, "ZC", "南召县柞蚕丝绸有限公司", "省级", 150, 0, 12000, 2009,
            "柞蚕茧收购、缫丝和丝绸制品，订单收购柞蚕茧", CountyWide: true),
        new(EntityKind.LeadingEnterprise, DemoProjects.Huanghou, false, "HM", "南召县玉兰园林绿化有限公司", "省级", 96, 5200, 15000, 2011,
            "玉兰、辛夷苗木繁育和销售，土地流转和订单收购", CountyWide: true),
        new(EntityKind.LeadingEnterprise, DemoProjects.Taishanmiao, false, "SJ", "南召县丰源食用菌有限公司", "市级", 68, 300, 6800, 2014,
            "香菇、木耳菌棒生产和收购，菌棒托管"),
        new(EntityKind.LeadingEnterprise, DemoProjects.Cuizhuang, false, "ZY", "南召县辛夷产业开发有限公司", "县级", 45, 2600, 3800, 2015,
            "辛夷、山茱萸收购和初加工"),
        new(EntityKind.Base, DemoProjects.Yunyang, true, "AC", "南召县艾草产业园云阳艾草集中种植基地", null, 40, 3200, 520, 2018, "产业园配套基地，集中连片种植"),
        new(EntityKind.Base, DemoProjects.Huangludian, true, "AC", "皇路店镇艾草集中种植基地", null, 30, 2600, 420, 2018, "集中连片种植，合作社管理"),
        new(EntityKind.Base, DemoProjects.Nanhedian, true, "AC", "南河店镇艾草集中种植基地", null, 26, 2100, 340, 2018, "集中连片种植，订单收购"),
        new(EntityKind.Base, DemoProjects.Xiaodian, true, "AC", "小店乡艾草集中种植基地", null, 24, 1800, 300, 2018, "集中连片种植"),
        new(EntityKind.Base, DemoProjects.Shimen, true, "AC", "石门乡艾草集中种植基地", null, 22, 1500, 240, 2018, "如意社区搬迁户就近务工"),
        new(EntityKind.Base, DemoProjects.Baitugang, true, "AC", "白土岗镇艾草集中种植基地", null, 18, 1200, 200, 2018, "集中连片种植"),
        new(EntityKind.Base, DemoProjects.Mashiping, true, "ZC", "马市坪乡柞蚕放养基地", null, 35, 8000, 900, 2015, "柞坡改造，蚕种发放"),
        new(EntityKind.Base, DemoProjects.Chengjiao, true, "SJ", "城郊乡香菇标准化种植基地", null, 28, 120, 1100, 2017, "香菇标准化大棚，贫困户承包经营"),
        new(EntityKind.FamilyFarm, DemoProjects.Chengguan, true, "HM", "南召县绿源家庭农场", null, 8, 260, 180, 2015),
        new(EntityKind.FamilyFarm, DemoProjects.Liushan, true, "ZY", "南召县山里红家庭农场", null, 6, 180, 120, 2016),
        new(EntityKind.FamilyFarm, DemoProjects.Qiaoduan, true, "LX", "南召县伏牛山林下种植家庭农场", null, 7, 420, 150, 2016),
        new(EntityKind.FamilyFarm, DemoProjects.Sikeshu, true, "ZC", "南召县兴旺柞蚕家庭农场", null, 5, 600, 90, 2015),
        new(EntityKind.FamilyFarm, DemoProjects.Baitugang, true, "HM", "南召县金秋苗木家庭农场", null, 6, 220, 160, 2017),
        new(EntityKind.FamilyFarm, DemoProjects.Huangludian, true, "AC", "南召县丰收艾草家庭农场", null, 5, 150, 60, 2018),
        new(EntityKind.FamilyFarm, DemoProjects.Banshanping, true, "LX", "南召县青山林下家庭农场", null, 4, 300, 70, 2016),
        new(EntityKind.FamilyFarm, DemoProjects.Cuizhuang, true, "ZY", "南召县福源中药材家庭农场", null, 5, 160, 80, 2017),
        new(EntityKind.Other, DemoProjects.Chengguan, false, "HM", "南召县农村电子商务服务中心", null, 18, 0, 900, 2017, "电商平台代销农副产品"),
    ];

    /// <summary>Brand words for the cooperatives drawn per township.</summary>
    public static readonly string[] Brands = ["惠民", "兴农", "富民", "众鑫", "宏发", "丰源", "白河", "鸭河", "伏牛", "嘉禾", "金穗", "德丰", "顺达", "康源", "绿野"];

    public static string IndustryWord(string code) => code switch
    {
        "HM" => "花卉苗木",
        "AC" => "艾草种植",
        "SJ" => "食用菌",
        "ZY" => "中药材种植",
        "LX" => "林下经济",
        "ZC" => "柞蚕养殖",
        _ => "种养",
    };

    /// <summary>The county departments that send pairing cadres (定点帮扶), besides the townships' own staff.</summary>
    public static readonly string[] Units =
    [
        "县教育局", "县财政局", "县农业局", "县林业局", "县水利局", "县交通运输局", "县卫生和计划生育委员会", "县人力资源和社会保障局",
        "县民政局", "县住房和城乡建设局", "县发展和改革委员会", "县扶贫开发办公室", "县公安局", "县国土资源局", "县审计局", "县统计局",
        "县司法局", "县文化广电新闻出版局", "县工商行政管理局", "县税务局", "县科学技术局", "县商务局", "县畜牧局", "县环境保护局",
        "县供销合作社", "县农村信用合作联社", "县人民医院", "县中医院", "县第一高级中学", "县委组织部", "县委宣传部", "县总工会",
    ];

    public static readonly string[] UnwillingNotes =
    [
        "年龄偏大，本人不愿外出务工", "需在家照顾重病家人", "本人身体原因，暂无发展意愿", "在校就读，暂不就业", "已自主经营，不需帮扶", "照顾年幼子女，暂不外出",
    ];

    public static readonly string[] WelfarePosts = ["护林员", "保洁员", "护路员", "水管员"];

    public static readonly (string Employer, string Post)[] MigrantEmployers =
    [
        ("建筑工地", "建筑工"), ("电子厂", "普工"), ("服装厂", "缝纫工"), ("物流公司", "装卸工"), ("酒店", "服务员"), ("物业公司", "保安"),
        ("机械厂", "普工"), ("餐饮店", "厨师"), ("家政公司", "保洁"),
    ];

    public static readonly (string Employer, string Post)[] LocalEmployers =
    [
        ("南召县城建筑工地", "建筑工"), (ParkEnterprise, "艾草加工"), ("南召县丰源食用菌有限公司", "菌棒生产"), ("南召县玉兰园林绿化有限公司", "苗木管护"),
        ("乡镇集贸市场", "装卸工"), ("南召县石材加工厂", "普工"),
    ];
}
