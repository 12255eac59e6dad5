using Fupin.Projects;

namespace Fupin.Demo;

/// <summary>How a demo project stands on 2018-10-08 (the default business date); its history is drawn until it does.</summary>
internal enum DemoTarget
{
    /// <summary>Drawn at random in the proportions the demo wants (2018), or simply run at a normal pace (2019).</summary>
    Auto,
    Done,
    OnTime,
    AtRisk,
    Late,
}

/// <summary>
/// One project of the demo catalogue. <see cref="Name"/> and <see cref="Content"/> may hold {t} (the township),
/// {v} (the village the project is placed in) and {n} (a small number drawn for the scale).
/// </summary>
/// <param name="Abbr">The code part of the category (NZ2018-JT-003).</param>
/// <param name="Township">The 9-digit township code.</param>
/// <param name="InVillage">Placed in a (poor) village of the township, else in the township itself.</param>
/// <param name="BudgetWan">Typical 总投资 in 万元; the demo varies it by ±25%.</param>
/// <param name="Key">Names a project other parts of the demo refer to (the 如意社区 site, a workshop).</param>
/// <param name="Replan">A second plan made on that date with the deadline moved by <see cref="ReplanDays"/>.</param>
/// <param name="Returned">Turned back at 乡镇审核: once and resubmitted (1), or still waiting on 2018-10-08 (2).</param>
/// <param name="DurationFactor">Scales the category's milestone durations (a large project takes longer); drawn when null.</param>
internal sealed record DemoProjectSpec(
    string Abbr, ProjectCategory Category, int Year, string Township, bool InVillage, int BudgetWan, string Name, string Content,
    DemoTarget Target = DemoTarget.Auto, string? Key = null, DateOnly? AppliedOn = null, DateOnly? Replan = null, int ReplanDays = 0,
    string? ReplanReason = null, int Returned = 0, double? DurationFactor = null);

/// <summary>A workshop of the demo and the project that builds it.</summary>
internal sealed record DemoWorkshopSpec(
    string Key, string Township, string Name, string Company, string Products, int JobsPlanned, int PoorWorkers, int OtherWorkers,
    int WageFromYuan, int WageToYuan, bool AtSite = false);

/// <summary>
/// The demo county's project catalogue: 2017 projects (all done by 2018-10-08), the 2018 pool (most under way), and
/// the 2019 pool (applied from the autumn of 2018). Township codes are 南召's real ones.
/// </summary>
internal static class DemoProjects
{
    public const string Chengguan = "411321100";
    public const string Liushan = "411321101";
    public const string Yunyang = "411321102";
    public const string Huangludian = "411321103";
    public const string Nanhedian = "411321104";
    public const string Banshanping = "411321105";
    public const string Qiaoduan = "411321106";
    public const string Baitugang = "411321107";
    public const string Chengjiao = "411321300";
    public const string Xiaodian = "411321301";
    public const string Huanghou = "411321302";
    public const string Taishanmiao = "411321303";
    public const string Shimen = "411321304";
    public const string Sikeshu = "411321305";
    public const string Mashiping = "411321308";
    public const string Cuizhuang = "411321310";

    public const string RuyiKey = "ruyi";
    public const string RuyiProjectName = "石门乡如意社区易地扶贫搬迁安置点建设项目";
    public const string ParkKey = "park";
    public const string ParkName = "南召县艾草产业园";
    public const string QiaoduanSiteKey = "qiaoduan";

    public static readonly string[] Townships =
    [
        Chengguan, Liushan, Yunyang, Huangludian, Nanhedian, Banshanping, Qiaoduan, Baitugang,
        Chengjiao, Xiaodian, Huanghou, Taishanmiao, Shimen, Sikeshu, Mashiping, Cuizhuang,
    ];

    public static readonly DemoWorkshopSpec[] Workshops =
    [
        new("ws-ruyi", Shimen, "如意社区扶贫就业车间", "南召县艾尚艾草制品有限公司", "艾绒、艾条、艾灸贴", 60, 26, 10, 1600, 2400, AtSite: true),
        new("ws-shimen-fz", Shimen, "石门乡{v}服装加工扶贫车间", "南召县锦绣服饰有限公司", "服装加工（校服、工装）", 50, 22, 14, 1700, 2800),
        new("ws-shimen-ai", Shimen, "石门乡{v}艾条加工扶贫车间", "南召县伏牛艾业有限公司", "艾条、艾绒（艾草产业园配套）", 40, 18, 8, 1500, 2300),
        new("ws-shimen-jun", Shimen, "石门乡{v}香菇分拣扶贫车间", "南召县伏牛山食用菌专业合作社", "食用菌分拣、包装", 40, 16, 6, 1500, 2200),
        new("ws-park", Yunyang, "艾草产业园扶贫车间（一期）", "南召县艾草产业园运营有限公司", "艾绒、艾条、艾草精油", 80, 34, 22, 1700, 2800),
        new("ws-huanghou", Huanghou, "皇后乡{v}假发加工扶贫车间", "南召县瑞美发制品有限公司", "假发、发条", 60, 28, 12, 1600, 2600),
        new("ws-chengjiao", Chengjiao, "城郊乡{v}电子元件扶贫车间", "南召县恒达电子有限公司", "电子元件组装", 50, 20, 16, 1800, 2800),
        new("ws-taishan", Taishanmiao, "太山庙乡{v}食用菌分拣扶贫车间", "南召县丰源食用菌有限公司", "香菇、木耳分拣", 40, 18, 6, 1500, 2200),
        new("ws-mashi", Mashiping, "马市坪乡{v}柞蚕丝加工扶贫车间", "南召县柞蚕丝绸有限公司", "柞蚕丝、丝绵被", 45, 20, 10, 1600, 2500),
        new("ws-sikeshu", Sikeshu, "四棵树乡{v}手工编织扶贫车间", "南召县巧手编织专业合作社", "手工编织（藤编、草编）", 35, 16, 4, 1500, 2000),
        new("ws-qiaoduan", Qiaoduan, "乔端镇{v}中药材加工扶贫车间", "南召县伏牛中药材专业合作社", "山茱萸、连翘初加工", 40, 17, 8, 1500, 2200),
        new("ws-cuizhuang", Cuizhuang, "崔庄乡{v}辛夷茶加工扶贫车间", "南召县辛夷产业开发有限公司", "辛夷花茶、辛夷精油", 40, 16, 8, 1600, 2400),
        new("ws-nanhe", Nanhedian, "南河店镇{v}服装加工扶贫车间", "南召县南河服饰有限公司", "服装加工", 50, 20, 12, 1700, 2600),
    ];

    /// <summary>The workshop projects: five built in 2017, the rest in 2018 (three still building on 2018-10-08).</summary>
    static readonly (string Key, int Year, DemoTarget Target, int BudgetWan)[] WorkshopProjects =
    [
        ("ws-ruyi", 2018, DemoTarget.Done, 260), ("ws-shimen-fz", 2017, DemoTarget.Done, 180), ("ws-shimen-ai", 2018, DemoTarget.Done, 150),
        ("ws-shimen-jun", 2018, DemoTarget.AtRisk, 160), ("ws-park", 2018, DemoTarget.Done, 420), ("ws-huanghou", 2017, DemoTarget.Done, 200),
        ("ws-chengjiao", 2017, DemoTarget.Done, 220), ("ws-taishan", 2017, DemoTarget.Done, 150), ("ws-mashi", 2017, DemoTarget.Done, 180),
        ("ws-sikeshu", 2018, DemoTarget.Done, 120), ("ws-qiaoduan", 2018, DemoTarget.Done, 150), ("ws-cuizhuang", 2018, DemoTarget.OnTime, 200),
        ("ws-nanhe", 2018, DemoTarget.Late, 200),
    ];

    public static IReadOnlyList<DemoProjectSpec> All { get; } = Build();

    static List<DemoProjectSpec> Build()
    {
        var all = new List<DemoProjectSpec>
        {
            // ---- 2017: done ----
            new("JT", ProjectCategory.Transport, 2017, Qiaoduan, false, 2600, "{t}2017年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路，路面宽4.5米，C30混凝土", DemoTarget.Done),
            new("JT", ProjectCategory.Transport, 2017, Mashiping, false, 2400, "{t}2017年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路及错车道", DemoTarget.Done),
            new("JT", ProjectCategory.Transport, 2017, Banshanping, false, 2200, "{t}2017年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路，新建漫水桥2座", DemoTarget.Done),
            new("SL", ProjectCategory.Water, 2017, Sikeshu, false, 1200, "{t}2017年农村安全饮水工程", "新建集中供水工程{n}处，铺设管网，解决{v}等村饮水安全", DemoTarget.Done),
            new("SL", ProjectCategory.Water, 2017, Baitugang, false, 1100, "{t}2017年农村安全饮水工程", "新建蓄水池和供水管网，覆盖{v}等{n}个村", DemoTarget.Done),
            new("CY", ProjectCategory.Industry, 2017, Chengjiao, true, 1500, "城郊乡{v}食用菌产业基地", "新建香菇标准化大棚{n}0座，带动贫困户入股分红", DemoTarget.Done),
            new("CY", ProjectCategory.Industry, 2017, Baitugang, true, 1400, "白土岗镇{v}猕猴桃种植基地", "新建猕猴桃基地{n}00亩，贫困户土地流转和务工", DemoTarget.Done),
            new("BQ", ProjectCategory.Relocation, 2017, Qiaoduan, true, 2400, "乔端镇幸福家园易地扶贫搬迁安置点建设项目", "新建安置住房60套及配套设施", DemoTarget.Done, QiaoduanSiteKey, new DateOnly(2016, 11, 8)),
            new("DW", ProjectCategory.Power, 2017, Liushan, false, 1200, "{t}2017年农网改造升级工程", "改造{v}等{n}个村10千伏线路和台区", DemoTarget.Done),
            new("RJ", ProjectCategory.LivingEnvironment, 2017, Huangludian, false, 1500, "{t}2017年贫困村人居环境整治项目", "{v}等贫困村改厕、垃圾收集转运和村内道路亮化", DemoTarget.Done),
            new("RJ", ProjectCategory.LivingEnvironment, 2017, Xiaodian, false, 1400, "{t}2017年贫困村人居环境整治项目", "{v}等贫困村改厕、污水沟渠和文化广场", DemoTarget.Done),
            new("RJ", ProjectCategory.LivingEnvironment, 2017, Taishanmiao, false, 1300, "{t}2017年贫困村人居环境整治项目", "{v}等贫困村垃圾收集转运和村内道路", DemoTarget.Done),
            new("JR", ProjectCategory.Finance, 2017, Chengguan, false, 1500, "2017年扶贫小额信贷贴息及风险补偿金", "为贫困户扶贫小额信贷全额贴息，补充风险补偿金", DemoTarget.Done),

            // ---- 2018: the pool of the year ----
            new("BQ", ProjectCategory.Relocation, 2018, Shimen, true, 3860, RuyiProjectName,
                "新建安置住房206套（一期56套、二期150套），配套社区服务中心、卫生室、幼儿园、文化广场和扶贫就业车间", DemoTarget.AtRisk, RuyiKey,
                new DateOnly(2018, 1, 22), new DateOnly(2018, 12, 20), 90, "冬季低温停工，配套工程设计变更，经县脱贫攻坚指挥部同意完工期限顺延"),
            new("CY", ProjectCategory.Industry, 2018, Yunyang, false, 4800, ParkName,
                "建设艾草精深加工园区：标准化厂房、仓储物流和检测中心，配套艾草种植基地和扶贫车间，贫困户带资入企分红", DemoTarget.OnTime, ParkKey,
                new DateOnly(2018, 1, 8), DurationFactor: 1.5),
            new("CY", ProjectCategory.Industry, 2018, Shimen, true, 900, "石门乡{v}香菇大棚产业基地", "新建香菇大棚{n}0座，贫困户承包经营和务工"),
            new("CY", ProjectCategory.Industry, 2018, Huanghou, true, 800, "皇后乡{v}辛夷种植基地", "新植辛夷{n}00亩，贫困户土地入股分红"),
            new("CY", ProjectCategory.Industry, 2018, Mashiping, true, 700, "马市坪乡{v}柞蚕放养基地", "改造柞坡{n}00亩，发放蚕种，技术培训"),
            new("CY", ProjectCategory.Industry, 2018, Banshanping, false, 1600, "{t}村级光伏扶贫电站", "建设村级光伏电站{n}座，收益用于贫困户分红和公益岗位"),
            new("JT", ProjectCategory.Transport, 2018, Shimen, false, 900, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路，路面宽4.5米"),
            new("JT", ProjectCategory.Transport, 2018, Yunyang, false, 800, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Huanghou, false, 700, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路及安保设施",
                Replan: new DateOnly(2018, 8, 20), ReplanDays: 60, ReplanReason: "7月汛期山洪冲毁施工便道，工期顺延"),
            new("JT", ProjectCategory.Transport, 2018, Qiaoduan, false, 1000, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个深山区行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Mashiping, false, 900, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Sikeshu, false, 700, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路", Returned: 1),
            new("JT", ProjectCategory.Transport, 2018, Banshanping, false, 800, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Nanhedian, false, 600, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Cuizhuang, false, 600, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Taishanmiao, false, 650, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Baitugang, false, 700, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Liushan, false, 600, "{t}2018年通村道路硬化项目", "硬化{v}等{n}个行政村通村道路"),
            new("JT", ProjectCategory.Transport, 2018, Shimen, true, 350, "石门乡{v}漫水桥建设项目", "新建{v}漫水桥1座，长{n}0米"),
            new("JT", ProjectCategory.Transport, 2018, Qiaoduan, true, 300, "乔端镇{v}生产便道建设项目", "新建{v}生产便道{n}公里"),
            new("SL", ProjectCategory.Water, 2018, Shimen, false, 420, "{t}2018年农村安全饮水巩固提升工程", "新建集中供水工程{n}处，铺设管网，覆盖{v}等村"),
            new("SL", ProjectCategory.Water, 2018, Qiaoduan, false, 380, "{t}2018年农村安全饮水巩固提升工程", "新建蓄水池{n}座，改造{v}等村供水管网"),
            new("SL", ProjectCategory.Water, 2018, Mashiping, false, 360, "{t}2018年农村安全饮水巩固提升工程", "新建集中供水工程{n}处，配套消毒设备",
                Replan: new DateOnly(2018, 7, 30), ReplanDays: 45, ReplanReason: "水源地变更，重新勘察设计"),
            new("SL", ProjectCategory.Water, 2018, Sikeshu, false, 320, "{t}2018年农村安全饮水巩固提升工程", "改造{v}等村供水管网{n}公里"),
            new("SL", ProjectCategory.Water, 2018, Banshanping, false, 350, "{t}2018年农村安全饮水巩固提升工程", "新建集中供水工程{n}处"),
            new("SL", ProjectCategory.Water, 2018, Cuizhuang, false, 300, "{t}2018年农村安全饮水巩固提升工程", "新建集中供水工程{n}处"),
            new("SL", ProjectCategory.Water, 2018, Xiaodian, false, 280, "{t}2018年农村安全饮水巩固提升工程", "改造{v}等村供水管网"),
            new("SL", ProjectCategory.Water, 2018, Huanghou, true, 200, "皇后乡{v}山坪塘整修项目", "整修山坪塘{n}座，配套灌溉渠道"),
            new("DW", ProjectCategory.Power, 2018, Shimen, true, 450, "石门乡{v}农网改造升级工程", "新建台区{n}个，改造低压线路"),
            new("DW", ProjectCategory.Power, 2018, Qiaoduan, true, 400, "乔端镇{v}农网改造升级工程", "新建台区{n}个，改造10千伏线路"),
            new("DW", ProjectCategory.Power, 2018, Nanhedian, true, 350, "南河店镇{v}农网改造升级工程", "改造低压线路和户表"),
            new("WL", ProjectCategory.Network, 2018, Shimen, false, 300, "{t}行政村光纤宽带和4G网络覆盖工程", "{v}等{n}个行政村光纤到村、4G基站覆盖"),
            new("WL", ProjectCategory.Network, 2018, Qiaoduan, false, 320, "{t}行政村光纤宽带和4G网络覆盖工程", "{v}等{n}个行政村光纤到村、4G基站覆盖"),
            new("RJ", ProjectCategory.LivingEnvironment, 2018, Shimen, true, 220, "石门乡{v}人居环境整治项目", "改厕{n}0户，垃圾收集点和村内道路亮化"),
            new("RJ", ProjectCategory.LivingEnvironment, 2018, Yunyang, true, 200, "云阳镇{v}人居环境整治项目", "改厕{n}0户，坑塘整治"),
            new("RJ", ProjectCategory.LivingEnvironment, 2018, Huanghou, true, 180, "皇后乡{v}人居环境整治项目", "改厕{n}0户，垃圾收集转运", Returned: 1),
            new("RJ", ProjectCategory.LivingEnvironment, 2018, Liushan, true, 200, "留山镇{v}人居环境整治项目", "改厕{n}0户，村内排水沟"),
            new("RJ", ProjectCategory.LivingEnvironment, 2018, Taishanmiao, true, 180, "太山庙乡{v}人居环境整治项目", "改厕{n}0户，文化广场"),
            new("JY", ProjectCategory.Education, 2018, Shimen, false, 500, "{t}中心小学改善办学条件项目", "新建教学楼1栋、学生宿舍和食堂"),
            new("JY", ProjectCategory.Education, 2018, Chengguan, false, 350, "2018年雨露计划职业教育补助", "贫困家庭中高职在校生每生每年补助3000元"),
            new("JK", ProjectCategory.Health, 2018, Qiaoduan, false, 300, "{t}村卫生室标准化建设项目", "{v}等{n}个村卫生室标准化建设和设备配置"),
            new("JK", ProjectCategory.Health, 2018, Shimen, false, 260, "{t}村卫生室标准化建设项目", "{v}等{n}个村卫生室标准化建设"),
            new("JR", ProjectCategory.Finance, 2018, Chengguan, false, 1200, "2018年扶贫小额信贷贴息及风险补偿金", "扶贫小额信贷全额贴息，补充风险补偿金"),
            new("QT", ProjectCategory.Other, 2018, Chengguan, false, 600, "2018年扶贫公益岗位补贴", "贫困劳动力保洁、护林、护路等公益岗位补贴"),

            // ---- 2019: applied from the autumn of 2018 ----
            new("CY", ProjectCategory.Industry, 2019, Yunyang, false, 3000, "南召县艾草产业园二期", "二期厂房、艾草精油生产线，扩大带贫规模", AppliedOn: new DateOnly(2018, 9, 3)),
            new("CY", ProjectCategory.Industry, 2019, Shimen, true, 600, "石门乡{v}艾草种植基地", "新植艾草{n}00亩，订单收购，贫困户务工", AppliedOn: new DateOnly(2018, 8, 27)),
            new("JT", ProjectCategory.Transport, 2019, Shimen, false, 900, "{t}2019年通村道路硬化及安保工程", "硬化{v}等{n}个行政村通组道路，安装防护栏", AppliedOn: new DateOnly(2018, 9, 10)),
            new("JT", ProjectCategory.Transport, 2019, Qiaoduan, false, 900, "{t}2019年通村道路硬化及安保工程", "硬化{v}等{n}个行政村通组道路", AppliedOn: new DateOnly(2018, 9, 5), Returned: 2),
            new("JT", ProjectCategory.Transport, 2019, Cuizhuang, false, 700, "{t}2019年通组道路硬化项目", "硬化{v}等{n}个行政村通组道路", AppliedOn: new DateOnly(2018, 10, 22)),
            new("JT", ProjectCategory.Transport, 2019, Huanghou, false, 700, "{t}2019年通组道路硬化项目", "硬化{v}等{n}个行政村通组道路", AppliedOn: new DateOnly(2018, 11, 5)),
            new("JT", ProjectCategory.Transport, 2019, Liushan, false, 600, "{t}2019年通组道路硬化项目", "硬化{v}等{n}个行政村通组道路", AppliedOn: new DateOnly(2018, 11, 12)),
            new("SL", ProjectCategory.Water, 2019, Shimen, false, 400, "{t}2019年农村饮水安全巩固提升工程", "改造{v}等村供水管网，新建水处理设施", AppliedOn: new DateOnly(2018, 9, 17)),
            new("SL", ProjectCategory.Water, 2019, Taishanmiao, false, 380, "{t}2019年农村饮水安全巩固提升工程", "新建集中供水工程{n}处", AppliedOn: new DateOnly(2018, 9, 6), Returned: 2),
            new("SL", ProjectCategory.Water, 2019, Baitugang, false, 350, "{t}2019年农村饮水安全巩固提升工程", "新建集中供水工程{n}处", AppliedOn: new DateOnly(2018, 11, 20)),
            new("RJ", ProjectCategory.LivingEnvironment, 2019, Mashiping, true, 260, "马市坪乡{v}人居环境整治项目", "改厕{n}0户，污水处理", AppliedOn: new DateOnly(2018, 12, 3)),
            new("RJ", ProjectCategory.LivingEnvironment, 2019, Sikeshu, true, 240, "四棵树乡{v}人居环境整治项目", "改厕{n}0户，垃圾收集", AppliedOn: new DateOnly(2018, 12, 10)),
            new("JY", ProjectCategory.Education, 2019, Qiaoduan, false, 800, "{t}寄宿制学校建设项目", "新建学生宿舍楼和食堂", AppliedOn: new DateOnly(2018, 10, 29)),
            new("JK", ProjectCategory.Health, 2019, Mashiping, false, 500, "{t}卫生院能力提升项目", "改造住院部，配置DR和彩超设备", AppliedOn: new DateOnly(2018, 11, 26)),
            new("JR", ProjectCategory.Finance, 2019, Chengguan, false, 1500, "2019年扶贫小额信贷贴息及风险补偿金", "扶贫小额信贷全额贴息，补充风险补偿金", AppliedOn: new DateOnly(2018, 12, 5)),
            new("QT", ProjectCategory.Other, 2019, Chengguan, false, 800, "2019年扶贫公益岗位补贴", "贫困劳动力保洁、护林、护路等公益岗位补贴", AppliedOn: new DateOnly(2018, 12, 12)),
        };
        foreach (var (key, year, target, budget) in WorkshopProjects)
        {
            var w = Workshops.Single(x => x.Key == key);
            var name = w.AtSite ? "石门乡如意社区扶贫就业车间建设项目" : w.Name + "建设项目";
            var applied = key == "ws-ruyi" ? new DateOnly(2017, 11, 6) : (DateOnly?)null;
            all.Add(new DemoProjectSpec("CJ", ProjectCategory.Workshop, year, w.Township, true, budget, name,
                "新建标准化厂房{n}00平方米，配套设备，由" + w.Company + "租赁经营，吸纳贫困劳动力就业", target, key, applied));
        }
        return [.. all.OrderBy(s => s.Year)];
    }
}
