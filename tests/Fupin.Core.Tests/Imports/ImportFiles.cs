using System.Text;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;
using MiniExcelLibs;

namespace Fupin.Tests.Imports;

/// <summary>Small member-list files written by the tests, in the national layout as counties receive it.</summary>
public static class ImportFiles
{
    public static readonly string[] NationalHeader =
    [
        "县(市、区、旗)", "乡（镇）", "行政村", "户编号", "人编号", "姓名", "身份证号码", "人数", "户主关系", "性别", "民族",
        "文化程度", "在校生状况", "健康状况", "劳动技能", "务工所在地", "务工时间（月）", "是否参加大病保险", "贫困户属性", "脱贫属性", "主要致贫原因", "户联系电话",
    ];

    public static int Column(string header) => Array.IndexOf(NationalHeader, header);

    public static string Id(int day, int sequence) => ResidentId.Create(RegistryBuilder.County, new DateOnly(1970, 1, 1).AddDays(day), sequence).ToString();

    /// <summary>One person row; the household columns filled.</summary>
    public static object?[] Person(string household, string name, string id, string relation, int size = 2, string status = "未脱贫")
    {
        var gender = ResidentId.Parse(id, new DateOnly(2018, 10, 8)).Id!.Value.Gender == Gender.Male ? "男" : "女";
        return ["南召县", "石门乡", "石门村", household, null, name, id, size, relation, gender, "汉族",
            "初中", null, "健康", "普通劳动力", null, null, "是", "一般贫困户", status, "因病", "13800001111"];
    }

    /// <summary>Two valid households of two persons each: 户主 male, 配偶 female.</summary>
    public static List<object?[]> TwoHouseholds() =>
    [
        Person("41132130400001", "王大山", Id(1, 11), "户主"),
        Person("41132130400001", "李秀英", Id(2, 12), "配偶"),
        Person("41132130400002", "赵铁柱", Id(3, 13), "户主"),
        Person("41132130400002", "孙桂花", Id(4, 14), "配偶"),
    ];

    public static string Csv(string dir, IEnumerable<object?[]> rows, Encoding? encoding = null, string name = "households.csv", IEnumerable<string?[]>? titles = null)
    {
        var path = Path.Combine(dir, name);
        var sb = new StringBuilder();
        foreach (var t in titles ?? []) sb.AppendLine(string.Join(",", t.Select(Quote)));
        sb.AppendLine(string.Join(",", NationalHeader.Select(Quote)));
        foreach (var r in rows) sb.AppendLine(string.Join(",", r.Select(c => Quote(c is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : c?.ToString()))));
        File.WriteAllText(path, sb.ToString(), encoding ?? new UTF8Encoding(true));
        return path;
    }

    public static string Xlsx(string dir, IEnumerable<object?[]> rows, string name = "households.xlsx", IEnumerable<object?[]>? titles = null, string[]? header = null)
    {
        var path = Path.Combine(dir, name);
        var all = (titles ?? []).Append(header ?? NationalHeader).Concat(rows).ToList();
        var width = all.Max(r => r.Length);
        var sheet = all.Select(r =>
        {
            var d = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < width; i++) d["c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = i < r.Length ? r[i] : null;
            return d;
        });
        MiniExcel.SaveAs(path, sheet, printHeader: false, overwriteFile: true);
        return path;
    }

    static string Quote(string? s) => s is null ? "" : s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
