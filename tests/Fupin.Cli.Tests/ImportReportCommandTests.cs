using System.Globalization;
using System.Text;
using System.Text.Json;
using Fupin.Imports;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Fupin.Tests;

public class ImportReportCommandTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-cli-report-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    static string Id(int day, int seq) => ResidentId.Create(RegistryBuilder.County, new DateOnly(1976, 5, 1).AddDays(day), seq).ToString();

    /// <summary>Two households, one person each; the second ID number as given.</summary>
    string File(string secondId)
    {
        var sb = new StringBuilder("乡(镇),行政村,户编号,姓名,证件号码,与户主关系,贫困户属性,脱贫状态,主要致贫原因,文化程度,劳动技能,健康状况\n");
        sb.Append("石门乡,石门村,41132130409101,周一,").Append(Id(1, 11)).Append(",户主,一般贫困户,未脱贫,因病,小学,普通劳动力,健康\n");
        sb.Append("石门乡,石门村,41132130409102,吴二,").Append(secondId).Append(",户主,低保贫困户,未脱贫,缺资金,初中,弱劳动力或半劳动力,长期慢性病\n");
        var path = Path.Combine(_dir, "report-source.csv");
        System.IO.File.WriteAllText(path, sb.ToString(), new UTF8Encoding(true));
        return path;
    }

    static List<object?[]> Sheet(string path, string sheet) =>
        [.. MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray())];

    static Dictionary<string, object?> Summary(string path) =>
        Sheet(path, WriteImportReport.SummarySheet).ToDictionary(r => (string)r[0]!, r => r[1]);

    static int? Int(object? cell) => cell is double or int or long ? Convert.ToInt32(cell, CultureInfo.InvariantCulture) : null;

    [Fact]
    public async Task ImportHouseholds_RejectedFile_Report_WritesTheWorkbookWithTheBadRowsProblem()
    {
        var path = File("41132119760502001"); // 17 digits: not an ID number
        var outPath = Path.Combine(_dir, "结果.xlsx");

        var (code, output, err) = await CliRunner.RunAsync(_db, "import", "households", path, "--json", "--report", outPath);

        Assert.True(code == 1, err);
        using var json = JsonDocument.Parse(output); // the report's note goes to stderr, not into the JSON
        var problem = json.RootElement.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(3, problem.GetProperty("row").GetInt32());
        Assert.Contains("已生成结果报告", err);
        Assert.True(System.IO.File.Exists(outPath));

        var rows = Sheet(outPath, WriteImportReport.ResultSheet);
        Assert.Equal(["行号", "结果", "问题", "乡(镇)", "行政村", "户编号", "姓名"], rows[0].Take(7).Select(c => c as string));
        var bad = Assert.Single(rows, r => Int(r[0]) == 3);
        Assert.Equal(WriteImportReport.Rejected, bad[1]);
        Assert.Contains(problem.GetProperty("message").GetString()!, (string)bad[2]!);
        Assert.Equal("41132119760502001", bad[3 + 4]);
        Assert.Equal(WriteImportReport.Passed, Assert.Single(rows, r => Int(r[0]) == 2)[1]);
        Assert.Contains(Sheet(outPath, WriteImportReport.ProblemSheet), r => Int(r[0]) == 3 && r[2] as string == problem.GetProperty("rule").GetString());
        Assert.Equal("否", Summary(outPath)["已写入数据库"]);
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }

    [Fact]
    public async Task ImportHouseholds_DryRun_Report_SaysNothingWasWritten()
    {
        var path = File(Id(2, 13));
        var outPath = Path.Combine(_dir, "dry.xlsx");

        var (code, output, err) = await CliRunner.RunAsync(_db, "import", "households", path, "--dry-run", "--report", outPath);

        Assert.True(code == 0, output + err);
        var summary = Summary(outPath);
        Assert.Equal("是", summary["仅检查不写入"]);
        Assert.Equal("否", summary["已写入数据库"]);
        Assert.Equal(2, Int(summary["新增（户）"]));
        Assert.All(Sheet(outPath, WriteImportReport.ResultSheet).Skip(1), r => Assert.Equal(WriteImportReport.Passed, r[1]));
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }

    [Fact]
    public async Task ImportHouseholds_ReportNotXlsx_ExitTwo_NothingImported()
    {
        var path = File(Id(3, 15));
        var (code, _, err) = await CliRunner.RunAsync(_db, "import", "households", path, "--report", Path.Combine(_dir, "report.csv"));

        Assert.Equal(2, code);
        Assert.Contains(".xlsx", err);
        await using var db = _db.NewContext();
        Assert.Equal(0, await db.Households.CountAsync());
    }
}
