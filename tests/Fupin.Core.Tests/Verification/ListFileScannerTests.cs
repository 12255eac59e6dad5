using System.Text;
using Fupin.Registry;
using Fupin.Verification;

namespace Fupin.Tests.Verification;

public sealed class ListFileScannerTests : IDisposable
{
    static readonly DateOnly AsOf = new(2018, 9, 30);
    readonly string _dir = Directory.CreateTempSubdirectory("fupin-list-scan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    sealed record Member(string Household, string Name, string Id, string Health = "健康", string Dibao = "否", string Tekun = "否", string Grade = "A级");

    static string Id(DateOnly birth, int sequence, string region = "411321") => ResidentId.Create(region, birth, sequence).ToString();

    /// <summary>An ID whose check character is X (for the lower-case x row).</summary>
    static string IdEndingInX(DateOnly birth)
    {
        for (var s = 1; ; s++)
        {
            var id = Id(birth, s);
            if (id[17] == 'X') return id;
        }
    }

    static readonly string ZhangSan = Id(new(1950, 3, 1), 11);
    static readonly string LiSi = Id(new(1952, 6, 2), 22);
    static readonly string Xiaoming = Id(new(2008, 5, 5), 31);
    static readonly string WangWu = Id(new(1980, 1, 9), 41);
    static readonly string Xiaohua = Id(new(2012, 10, 1), 52);
    static readonly string ZhaoLiu = Id(new(1975, 7, 7), 61);
    static readonly string SunQi = Id(new(1990, 2, 2), 71);
    static readonly string SunBa = IdEndingInX(new(1992, 8, 8));

    static readonly Member[] Members =
    [
        new("41132100101001", "张三", ZhangSan, Grade: "C级"),
        new("41132100101001", "李四", LiSi, Health: "残疾"),
        new("41132100101001", "张小明", Xiaoming),
        new("41132100101002", "王五", WangWu, Dibao: "是"),
        new("41132100101002", "王小花", Xiaohua),
        new("41132100101003", "赵六", ZhaoLiu, Tekun: "是", Grade: "D级"),
        new("41132100101003", "赵七", "41132119750101001"), // 17 characters: left out, the household stays
        new("41132100101004", "孙七", SunQi, Grade: "B级"),
        new("41132100101004", "孙八", SunBa),
    ];

    static string Csv(string? cell) =>
        cell is null ? "" : cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>Writes UTF-8 with BOM and \r\n; returns each data row's byte offset.</summary>
    static List<long> Write(string path, string[] header, IEnumerable<string?[]> rows, string? title = null)
    {
        var text = new StringBuilder("\uFEFF");
        if (title is not null) text.Append(title).Append("\r\n");
        text.Append(string.Join(',', header.Select(Csv))).Append("\r\n");
        var offsets = new List<long>();
        foreach (var row in rows)
        {
            offsets.Add(Encoding.UTF8.GetByteCount(text.ToString()));
            text.Append(string.Join(',', row.Select(Csv))).Append("\r\n");
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return offsets;
    }

    string WriteRegistry()
    {
        var path = Path.Combine(_dir, "registry.csv");
        Write(path, ["县(市、区、旗)", "户编号", "姓名", "证件号码", "与户主关系", "健康状况", "是否享受低保", "是否特困供养人员", "危房级别", "备注"],
            Members.Select((m, i) => new[] { i == 3 ? "南召县,南阳" : "南召县", m.Household, m.Name, m.Id, "户主", m.Health, m.Dibao, m.Tekun, m.Grade, i == 5 ? "多行\n备注" : "" }));
        return path;
    }

    /// <summary>People not in the registry, between the interesting rows, so that a small part size gives many parts.</summary>
    static IEnumerable<(string Name, string Id)> Strangers(int count, int seed)
    {
        var r = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return ("路人" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Id(new DateOnly(1940, 1, 1).AddDays(r.Next(25000)), r.Next(1, 999), "411322"));
    }

    sealed record ListRow(string? Name, string? Id, string? Kind, string? Status, string? Extra = null);

    sealed record ListFile(string Type, string Path, List<ListRow> Rows, List<long> Offsets);

    ListFile WriteList(string type, string[] header, Func<ListRow, string?[]> cells, IEnumerable<ListRow> interesting, string? title = null)
    {
        var rows = new List<ListRow>();
        var strangers = Strangers(60, type.Length).ToList();
        var i = 0;
        foreach (var row in interesting)
        {
            rows.Add(row);
            for (var k = 0; k < 5 && i < strangers.Count; k++, i++) rows.Add(new ListRow(strangers[i].Name, strangers[i].Id, row.Kind, row.Status));
        }
        for (; i < strangers.Count; i++) rows.Add(new ListRow(strangers[i].Name, strangers[i].Id, "小型轿车", "已竣工"));
        var path = Path.Combine(_dir, type + ".csv");
        var offsets = Write(path, header, rows.Select(cells), title);
        return new ListFile(type, path, rows, offsets);
    }

    IReadOnlyList<ListFile> WriteLists() =>
    [
        WriteList("deaths", ["姓名", "身份证号码", "注销原因", "注销日期", "备注"], r => [r.Name, r.Id, r.Kind, "2018-01-01", r.Extra],
        [
            new("张三", ZhangSan, "死亡", null),
            new("王五", WangWu, "迁出", null),
            new("李 四", LiSi, "迁出", null, "李\u3000四：空格不算另一个名字"),
            new("孙九", SunQi, "死亡", null), // another name: only list.name_mismatch
            new("孙八", SunBa[..17] + (SunBa[17] == '1' ? '2' : '1'), "死亡", null), // wrong check character: refused
            new("赵六", ZhaoLiu, "死亡", null, "第一行\r\n第二行，含,逗号和\"引号\""), // quoted, with a line end inside
            new("王五", WangWu, "死亡", null), // dead after all: 已死亡 only
            new("无名", "", "死亡", null),
        ], title: "南召县户籍注销名单（截至2018年9月30日）"),
        WriteList("vehicles", ["姓名", "身份证号码", "车辆类型", "号牌号码"], r => [r.Name, r.Id, r.Kind, "豫R12345"],
        [
            new("张三", ZhangSan[..6] + ZhangSan[8..17], "小型轿车", null), // a 15-digit number of the 1900s
            new("孙八", SunBa.ToLowerInvariant(), "手扶拖拉机", null), // lower-case x; a farm vehicle
            new("王五", WangWu, "小型普通客车", null),
        ]),
        WriteList("unsafe-housing", ["姓名", "身份证号码", "危房等级", "改造状态"], r => [r.Name, r.Id, r.Kind, r.Status],
        [
            new("张三", ZhangSan, "C", "已竣工"),
            new("孙七", SunQi, "D", "未改造"),
        ]),
        WriteList("school-enrolment", ["姓名", "身份证号码", "学校", "年级"], r => [r.Name, r.Id, "南召县城关镇中心小学", r.Status], []),
        WriteList("medical-insurance", ["姓名", "身份证号码", "险种"], r => [r.Name, r.Id, r.Kind],
        [
            new("张三", ZhangSan, "城乡居民基本医疗保险", null),
            new("李四", LiSi, null, null),
            new("王五", WangWu, "大病保险", null),
            new("赵六", ZhaoLiu, "\"基本医疗保险\"", null),
        ]),
    ];

    /// <summary>The same rows fed to <see cref="ListScan.Hit"/> one by one, with each row's byte offset.</summary>
    static ListScan Direct(ComparisonRegistry registry, ListFile list)
    {
        var scan = new ListScan(registry, list.Type);
        for (var i = 0; i < list.Rows.Count; i++)
        {
            var row = list.Rows[i];
            var id = ResidentId.Parse(row.Id, DateOnly.MaxValue);
            if (!id.IsValid) continue;
            var person = registry.Find(id.Id.Value.Key);
            if (person < 0) continue;
            scan.Hit(person, ComparisonRegistry.NameCode(row.Name), row.Kind, row.Status, list.Offsets[i]);
        }
        return scan;
    }

    static List<ComparisonHit> Evaluate(ComparisonRegistry registry, IEnumerable<ListScan> scans) =>
        [.. Comparison.Evaluate(registry, [.. scans.Select(s => (s, AsOf))]).Hits];

    ComparisonRegistry LoadRegistry(long partBytes = 16L << 20)
    {
        var load = new RegistryFileLoader(threads: 2, partBytes).Load(WriteRegistry());
        Assert.Null(load.Error);
        Assert.True(load.IsLoaded);
        return load.Registry;
    }

    [Fact]
    public void Scan_EveryList_SameFindingsAsRowsFedOneByOne()
    {
        var registry = LoadRegistry();
        var lists = WriteLists();

        var scanned = lists.Select(l => new ListFileScanner(threads: 1).Scan(registry, l.Type, l.Path)).ToList();

        Assert.All(scanned, s => Assert.Null(s.Error));
        Assert.Equal(lists.Select(l => (long)l.Rows.Count), scanned.Select(s => s.Rows));
        var expected = Evaluate(registry, lists.Select(l => Direct(registry, l)));
        Assert.Equal(expected, Evaluate(registry, scanned.Select(s => s.Scan!)));

        var rules = expected.Select(h => (h.Rule, h.Subject)).ToHashSet();
        int P(string id) => registry.Find(ResidentId.Parse(id, DateOnly.MaxValue).Id!.Value.Key);
        Assert.Contains((ComparisonRuleId.Deceased, P(ZhangSan)), rules);
        Assert.Contains((ComparisonRuleId.Deceased, P(ZhaoLiu)), rules); // the quoted row
        Assert.Contains((ComparisonRuleId.Deceased, P(WangWu)), rules);
        Assert.DoesNotContain((ComparisonRuleId.MovedOut, P(WangWu)), rules);
        Assert.Contains((ComparisonRuleId.MovedOut, P(LiSi)), rules); // spaces in the name
        Assert.Contains((ComparisonRuleId.NameMismatch, P(SunQi)), rules);
        Assert.DoesNotContain((ComparisonRuleId.Deceased, P(SunQi)), rules);
        Assert.DoesNotContain((ComparisonRuleId.Deceased, P(SunBa)), rules); // wrong check character
        Assert.Contains((ComparisonRuleId.Vehicle, P(ZhangSan)), rules); // 15 digits
        Assert.Contains((ComparisonRuleId.Vehicle, P(WangWu)), rules);
        Assert.DoesNotContain((ComparisonRuleId.Vehicle, P(SunBa)), rules);
        Assert.Contains((ComparisonRuleId.NotEnrolled, P(Xiaoming)), rules);
        Assert.DoesNotContain((ComparisonRuleId.NotEnrolled, P(Xiaohua)), rules); // five on the as-of date
        Assert.Contains((ComparisonRuleId.Uninsured, P(WangWu)), rules); // 大病保险 only
        Assert.DoesNotContain((ComparisonRuleId.Uninsured, P(LiSi)), rules); // an empty 险种 counts as basic
        Assert.DoesNotContain((ComparisonRuleId.Uninsured, P(ZhaoLiu)), rules);
        // Household 0 is registered C but rebuilt; 2 is registered D and not on the list; 3 is on the list with D, not rebuilt.
        Assert.Equal([2, 3], expected.Where(h => h.Rule == ComparisonRuleId.UnsafeHousing).Select(h => h.Subject));

        var deaths = scanned[0];
        Assert.Equal(2, deaths.Rejected); // the wrong check character and the empty ID
    }

    [Theory]
    [InlineData(1, 1L)]
    [InlineData(2, 1L)]
    [InlineData(2, 97L)]
    [InlineData(3, 400L)]
    public void Scan_SmallParts_SameScanAsOnePart(int threads, long partBytes)
    {
        var registry = LoadRegistry(partBytes);
        var lists = WriteLists();

        var one = lists.Select(l => new ListFileScanner(threads: 1, partBytes: long.MaxValue).Scan(registry, l.Type, l.Path)).ToList();
        var split = lists.Select(l => new ListFileScanner(threads, partBytes).Scan(registry, l.Type, l.Path)).ToList();

        Assert.All(one, s => Assert.Equal(1, s.Parts));
        Assert.All(split, s => Assert.True(s.Parts > 1));
        Assert.Equal(one.Select(s => (s.Rows, s.Rejected)), split.Select(s => (s.Rows, s.Rejected)));
        Assert.Equal(Evaluate(registry, one.Select(s => s.Scan!)), Evaluate(registry, split.Select(s => s.Scan!)));
        Assert.Equal(Evaluate(registry, lists.Select(l => Direct(registry, l))), Evaluate(registry, split.Select(s => s.Scan!)));
    }

    [Fact]
    public void Load_Registry_HouseholdsFlagsAndInvalidIds()
    {
        foreach (var partBytes in (long[])[1, 50, 16L << 20])
        {
            var load = new RegistryFileLoader(threads: 2, partBytes).Load(WriteRegistry());
            Assert.True(load.IsLoaded);
            var registry = load.Registry;

            Assert.Equal(9, load.Rows);
            Assert.Equal(1, load.RejectedIds);
            Assert.Equal(4, registry.Households);
            Assert.Equal(8, registry.Persons);
            Assert.Equal(["41132100101001", "41132100101002", "41132100101003", "41132100101004"], Enumerable.Range(0, 4).Select(load.HouseholdNumberOf));
            Assert.Equal([true, false, true, false], Enumerable.Range(0, 4).Select(registry.IsUnsafeHouse));
            var li = registry.Find(ResidentId.Parse(LiSi, DateOnly.MaxValue).Id!.Value.Key);
            Assert.Equal(PersonFlags.Disabled, registry.FlagsOf(li));
            Assert.Equal(LiSi, load.IdNumberOf(li));
            Assert.Equal(0, registry.HouseholdOf(li));
            var wang = registry.Find(ResidentId.Parse(WangWu, DateOnly.MaxValue).Id!.Value.Key);
            Assert.Equal(PersonFlags.Dibao, registry.FlagsOf(wang));
            Assert.Equal(new DateOnly(1980, 1, 9).DayNumber, registry.BirthDayNumberOf(wang));
            Assert.Equal(ComparisonRegistry.NameCode("王五"), registry.NameOf(wang));
            var zhao = registry.Find(ResidentId.Parse(ZhaoLiu, DateOnly.MaxValue).Id!.Value.Key);
            Assert.Equal(PersonFlags.Tekun, registry.FlagsOf(zhao));
            Assert.Equal(2, registry.HouseholdOf(zhao));
        }
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("李 四")]
    [InlineData("王\u3000五\t")]
    [InlineData("欧阳娜仁花")]
    [InlineData("阿卜杜热合曼·买买提")]
    [InlineData("𠀀𠀁")] // outside the BMP: two UTF-16 units each
    [InlineData("Ann Lee")]
    [InlineData("")]
    [InlineData("  ")]
    public void NameCodeFromUtf8_SameAsNameCode(string name)
    {
        Assert.Equal(ComparisonRegistry.NameCode(name), NameCodes.FromUtf8(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void Scan_RequiredColumnMissing_RefusedWhole()
    {
        var registry = LoadRegistry();
        var path = Path.Combine(_dir, "deaths-no-reason.csv");
        Write(path, ["姓名", "身份证号码", "注销日期"], [["张三", ZhangSan, "2018-01-01"]]);
        var noId = Path.Combine(_dir, "deaths-no-id.csv");
        Write(noId, ["姓名", "注销原因", "注销日期"], [["张三", "死亡", "2018-01-01"]]);

        var missing = new ListFileScanner().Scan(registry, "deaths", path);
        var noHeader = new ListFileScanner().Scan(registry, "deaths", noId);

        Assert.Null(missing.Scan);
        Assert.Contains("注销原因", missing.Error, StringComparison.Ordinal);
        Assert.Null(noHeader.Scan);
        Assert.NotNull(noHeader.Error);
    }
}
