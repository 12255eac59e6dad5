using Fupin.Registry;

namespace Fupin.Demo;

/// <summary>
/// Name material for the demo county: surnames weighted roughly by their frequency in Henan,
/// given-name characters by birth cohort and gender, and the parts village names are made of.
/// </summary>
internal static class ChineseNames
{
    /// <summary>The common surnames, most frequent first; weights fall off with rank.</summary>
    static readonly string[] SurnameOrder =
    [
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
        "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
        "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
    ];

    // Henan has more 王 李 张 刘 than the national mix and few southern names (覃 韦 黎 莫 廖).
    static readonly HashSet<string> Southern = ["覃", "韦", "黎", "莫", "廖", "钟", "曾", "梁", "谭", "龚"];

    public static IReadOnlyList<(string Item, double Weight)> Surnames { get; } = SurnameOrder
        .Select((s, i) => (s, Weight: (i < 4 ? 30.0 : 60.0 / (i + 1.0)) * (Southern.Contains(s) ? 0.3 : 1.0)))
        .ToArray();

    /// <summary>A given name of one or two characters for someone born in <paramref name="birthYear"/>.</summary>
    public static string GivenName(Random r, Gender gender, int birthYear)
    {
        var pool = PoolFor(gender, birthYear);
        if (r.Chance(pool.SingleShare)) return r.Pick(pool.Single);
        while (true)
        {
            var a = r.Pick(pool.First);
            var b = r.Pick(pool.Second);
            if (a != b) return a + b;
        }
    }

    sealed record NamePool(double SingleShare, string[] First, string[] Second, string[] Single);

    static NamePool PoolFor(Gender gender, int birthYear) => (gender, birthYear) switch
    {
        (Gender.Male, < 1960) => OldMale,
        (Gender.Female, < 1960) => OldFemale,
        (Gender.Male, < 1985) => MiddleMale,
        (Gender.Female, < 1985) => MiddleFemale,
        (Gender.Male, < 2005) => YoungMale,
        (Gender.Female, < 2005) => YoungFemale,
        (Gender.Male, _) => ChildMale,
        _ => ChildFemale,
    };

    static readonly NamePool OldMale = new(0.25,
        ["国", "建", "德", "福", "永", "长", "玉", "金", "志", "振", "广", "树", "春", "明", "文", "继", "学", "富", "有", "成", "宝", "庆", "万", "天", "新", "占"],
        ["林", "山", "成", "才", "生", "发", "贵", "祥", "华", "明", "亮", "堂", "安", "元", "顺", "民", "喜", "全", "忠", "义", "财", "田", "海", "仁", "水", "章"],
        ["林", "山", "成", "贵", "发", "顺", "喜", "忠", "全", "旺", "栓", "锁", "柱", "奎", "福"]);

    static readonly NamePool OldFemale = new(0.2,
        ["秀", "桂", "玉", "凤", "金", "翠", "春", "素", "淑", "兰", "月", "菊", "银", "改", "爱", "彩", "书", "荣"],
        ["英", "兰", "珍", "芝", "花", "荣", "梅", "琴", "云", "霞", "香", "莲", "娥", "枝", "芳", "华", "凤", "敏"],
        ["英", "兰", "花", "梅", "珍", "芳", "琴", "娥", "枝", "焕", "妮"]);

    static readonly NamePool MiddleMale = new(0.35,
        ["建", "国", "志", "红", "卫", "新", "永", "海", "军", "文", "小", "俊", "明", "东", "振", "宏", "晓", "向", "德", "长"],
        ["军", "国", "华", "强", "伟", "平", "涛", "刚", "勇", "峰", "林", "东", "兵", "杰", "亮", "斌", "锋", "明", "辉", "波", "民", "阳", "飞", "超"],
        ["军", "强", "伟", "勇", "涛", "刚", "斌", "磊", "峰", "鹏", "辉", "亮", "超", "海", "兵", "杰"]);

    static readonly NamePool MiddleFemale = new(0.35,
        ["丽", "红", "春", "晓", "玉", "秀", "海", "建", "小", "彩", "桂", "艳", "美", "金", "雪", "爱"],
        ["红", "霞", "梅", "娟", "丽", "燕", "艳", "芳", "敏", "萍", "玲", "英", "华", "云", "琴", "荣", "平", "莉"],
        ["丽", "红", "艳", "敏", "燕", "娟", "霞", "玲", "静", "芳", "萍", "莉", "娜"]);

    static readonly NamePool YoungMale = new(0.3,
        ["浩", "宇", "子", "俊", "家", "文", "志", "晨", "嘉", "鹏", "明", "佳", "博", "天", "一", "思", "振", "亚"],
        ["杰", "轩", "豪", "宇", "博", "然", "凡", "阳", "航", "鑫", "磊", "翔", "辰", "龙", "涛", "帆", "成", "伟", "旭", "威"],
        ["浩", "宇", "鑫", "杰", "帅", "博", "超", "晨", "阳", "磊", "鹏", "龙", "旭", "威", "鹤"]);

    static readonly NamePool YoungFemale = new(0.3,
        ["佳", "欣", "雨", "梦", "思", "雅", "晓", "诗", "嘉", "子", "静", "婉", "丹", "紫", "亚", "慧"],
        ["琪", "怡", "欣", "雨", "涵", "瑶", "琳", "婷", "悦", "彤", "雪", "璐", "颖", "倩", "洁", "慧", "雯", "珂"],
        ["婷", "雪", "佳", "颖", "欣", "倩", "悦", "琪", "洁", "丹", "敏", "璐", "月"]);

    static readonly NamePool ChildMale = new(0.2,
        ["子", "梓", "浩", "宇", "一", "俊", "博", "沐", "睿", "皓", "嘉", "奕", "明", "家", "晨", "思", "天"],
        ["轩", "涵", "宇", "辰", "泽", "阳", "睿", "航", "然", "铭", "豪", "诺", "瑞", "熙", "安", "杰", "乐", "川"],
        ["轩", "睿", "浩", "宇", "博", "泽", "辰", "航", "铭", "朗"]);

    static readonly NamePool ChildFemale = new(0.2,
        ["梓", "子", "欣", "雨", "诗", "佳", "可", "一", "语", "若", "思", "梦", "雅", "紫", "沐", "心"],
        ["涵", "萱", "怡", "彤", "琪", "馨", "桐", "诺", "瑶", "妍", "悦", "汐", "然", "菲", "雯", "宁", "玥"],
        ["萱", "涵", "彤", "琪", "馨", "悦", "瑶", "妍", "玥", "宁"]);

    // ---- village names ----

    /// <summary>First parts of village names: surnames (clan villages), landforms, trees, colours, directions.</summary>
    public static readonly string[] VillageRoots =
    [
        "王", "李", "张", "刘", "杨", "赵", "周", "吴", "孙", "马", "郭", "何", "高", "宋", "许", "韩", "冯", "曹", "彭", "田",
        "袁", "潘", "蒋", "杜", "程", "魏", "丁", "姚", "崔", "范", "贾", "段", "侯", "郝", "薛", "秦", "史", "白", "任", "乔",
        "石", "柳", "桑", "枣", "杏", "松", "槐", "桃", "梨", "竹", "花", "龙", "凤", "虎", "鹿", "牛", "羊", "金", "银", "铁",
        "红", "黑", "青", "东", "西", "南", "北", "上", "下", "前", "后", "中", "大", "小", "太", "平", "安", "和", "兴", "庙",
        "黄土", "大石", "小石", "柳树", "桑树", "松树", "核桃", "板栗", "石门", "石板", "石桥", "石槽", "白果", "红岩", "黑石",
        "青山", "东岳", "龙王", "土门", "关山", "杨树", "碾盘", "磨盘", "辛夷", "油坊", "三岔", "五里", "七里", "十里", "双河",
        "马家", "李家", "张家", "王家", "陈家", "皂角", "椿树", "栗子", "蚕坡", "柞树", "铁佛", "云台", "三道", "九龙", "卧龙",
    ];

    /// <summary>Surname roots, so a clan village (王庄村) gets many households of that surname.</summary>
    public static bool IsSurname(string root) => root.Length == 1 && SurnameOrder.Contains(root);

    /// <summary>Endings with weights for the mountains and for the plain along the 白河.</summary>
    public static readonly (string Ending, double Mountain, double Plain)[] VillageEndings =
    [
        ("庄", 6, 16), ("沟", 16, 4), ("河", 7, 8), ("坪", 12, 4), ("岭", 9, 3), ("湾", 8, 5), ("店", 3, 8), ("营", 2, 8),
        ("岗", 3, 7), ("坡", 5, 3), ("寨", 5, 3), ("铺", 2, 4), ("园", 2, 3), ("峪", 4, 1), ("川", 2, 1), ("桥", 2, 4),
        ("庙", 2, 3), ("洼", 3, 2), ("垛", 1, 1),
    ];

    /// <summary>The characters of 老X村 names (老庄村, 老君村).</summary>
    public static readonly string[] OldPlaces = ["庄", "街", "寨", "营", "君", "林", "湾", "坪", "城", "店", "虎沟", "鸦岭", "龙潭", "君庙", "庄河"];
}
