using System.Globalization;
using System.Text;
using Fupin.Imports;
using Fupin.Testing;
using MiniExcelLibs;
using static Fupin.Tests.Imports.ImportFiles;

namespace Fupin.Tests.Imports;

public class WriteImportReportTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _dir = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _dir = Directory.CreateTempSubdirectory("fupin-report-").FullName;
        await RegistryBuilder.EnsureVillageAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A sheet of the report as rows of cells (A, B, C … in order), the first row included.</summary>
    static List<object?[]> Sheet(string path, string sheet) =>
        [.. MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray())];

    /// <summary>A number cell as int; null for blank or text (the header row).</summary>
    static int? Int(object? cell) => cell is double or int or long or decimal ? Convert.ToInt32(cell, CultureInfo.InvariantCulture) : null;

    async Task<ImportReport> ImportAsync(string path, ImportMode mode = ImportMode.AllOrNothing)
    {
        await using var ctx = _db.NewContext();
        ctx.Audit.User = "test";
        return await new ImportHouseholds(ctx, _db.Clock).HandleAsync(new ImportHouseholdsRequest(path, mode), null, default);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task Report_FileWithTitleRowAndOneBadId_ProblemBesideTheOriginalRow_AndListed(string format)
    {
        var rows = TwoHouseholds();
        var bad = Person("41132130400003", "钱有误", Id(5, 15), "户主", size: 1);
        var idColumn = Column("身份证号码");
        var badId = (string)bad[idColumn]!;
        bad[idColumn] = badId[..17] + (badId[17] == '0' ? "1" : "0"); // wrong check character
        rows.Add(bad);
        string?[] title = ["南召县建档立卡户成员名单（2018年）"];
        var path = format == "csv"
            ? Csv(_dir, rows, titles: [title])
            : Xlsx(_dir, rows, titles: [title]);
        const int badRow = 1 + 1 + 5; // title, header, four good rows, then the bad one

        var report = await ImportAsync(path);
        var error = Assert.Single(report.Problems, p => p.Severity == Severity.Error);
        Assert.Equal(badRow, error.Row);
        Assert.False(report.Written);

        var outPath = Path.Combine(_dir, "report-" + format + ".xlsx");
        var result = await new WriteImportReport(_db.Clock).HandleAsync(new WriteImportReportRequest(path, report, outPath), default);

        Assert.Equal(5, result.Rows);
        var sheet = Sheet(outPath, WriteImportReport.ResultSheet);
        Assert.Equal(["行号", "结果", "问题", .. NationalHeader], sheet[0].Take(3 + NationalHeader.Length).Select(c => c as string));
        Assert.Equal(6, sheet.Count); // the header and five data rows: the title row is dropped
        var line = Assert.Single(sheet, r => Int(r[0]) == badRow);
        Assert.Equal(WriteImportReport.Rejected, line[1]);
        Assert.Equal($"【{error.Rule}】{error.Column}：{error.Message}", line[2]);
        Assert.Equal("钱有误", line[3 + Column("姓名")]);
        var idCell = line[3 + idColumn];
        Assert.IsType<string>(idCell); // an ID number stays text
        Assert.Equal(bad[idColumn], idCell);
        Assert.All(sheet.Skip(1).Where(r => Int(r[0]) != badRow), r =>
        {
            var warned = report.Problems.Any(p => p.Row == Int(r[0]));
            Assert.Equal(warned ? WriteImportReport.Warned : WriteImportReport.Passed, r[1]);
            Assert.Equal(warned, r[2] is not null);
        });
        Assert.Equal("王大山", sheet[1][3 + Column("姓名")]);

        var problems = Sheet(outPath, WriteImportReport.ProblemSheet);
        Assert.Equal(["行号", "列", "规则", "严重程度", "说明", "户编号"], problems[0].Take(6).Select(c => c as string));
        var listed = Assert.Single(problems, r => r[2] as string == error.Rule);
        Assert.Equal(badRow, Int(listed[0]));
        Assert.Equal("错误", listed[3]);
        Assert.Equal(error.Message, listed[4]);
        Assert.Equal("41132130400003", listed[5]);
        Assert.Equal(report.Problems.Count + 1, problems.Count);

        var summary = Sheet(outPath, WriteImportReport.SummarySheet).ToDictionary(r => (string)r[0]!, r => r[1]);
        Assert.Equal("否", summary["已写入数据库"]);
        Assert.Contains("整个文件已拒绝", (string)summary["结论"]!);
        Assert.Equal(5, Int(summary["数据行"]));
        Assert.Equal(3, Int(summary["户数"]));
        Assert.Equal(1, Int(summary["错误（条）"]));
    }

    [Fact]
    public async Task Report_ValidRowsOnly_MarksTheRejectedHouseholdsOtherRows_NeutralisesFormulas_ListsFileLevelProblems()
    {
        var sb = new StringBuilder();
        sb.AppendLine("户编号,姓名,身份证号码,与户主关系,备注");
        sb.AppendLine("41132130400001,王大山,411321197001020115,户主,");
        sb.AppendLine(",李秀英,411321197001030126,配偶,=SUM(A1)"); // merged 户编号: the household above
        sb.AppendLine(",,,,");
        sb.AppendLine("41132130400002,赵铁柱,411321197001040137,户主,+1");
        sb.AppendLine("41132130400003,孙桂花,411321197001050148,户主,");
        var path = Path.Combine(_dir, "handmade.csv");
        await File.WriteAllTextAsync(path, sb.ToString(), new UTF8Encoding(true));
        var report = new ImportReport("handmade.csv", DataRows: 4, SkippedRows: 1, Households: 3, Members: 4,
            Added: 2, Changed: 0, Unchanged: 0, Rejected: 1, Written: true,
            [
                new Problem(null, null, "file.note", Severity.Warning, "=文件级提示"),
                new Problem(1, "备注", Rules.ColumnUnknown.Code, Severity.Warning, "无法识别的列“备注”，已忽略"),
                new Problem(2, "身份证号码", "id.bad", Severity.Error, "校验码错误", "41132130400001"),
                new Problem(5, "户联系电话", Rules.PhoneLength.Code, Severity.Warning, "联系电话不是11位", "41132130400002"),
            ]);
        var outPath = Path.Combine(_dir, "handmade.xlsx");

        await new WriteImportReport(_db.Clock).HandleAsync(new WriteImportReportRequest(path, report, outPath, ImportMode.ValidRowsOnly), default);

        var sheet = Sheet(outPath, WriteImportReport.ResultSheet);
        object?[] RowOf(int n) => Assert.Single(sheet, r => Int(r[0]) == n);
        Assert.Equal(WriteImportReport.Rejected, RowOf(2)[1]);
        Assert.Equal(WriteImportReport.Rejected, RowOf(3)[1]); // no problem of its own, but its household was rejected
        Assert.Contains("其他行有错误", (string)RowOf(3)[2]!);
        Assert.Equal("'=SUM(A1)", RowOf(3)[3 + 4]);
        Assert.Null(RowOf(4)[1]); // blank row
        Assert.Equal(WriteImportReport.Warned, RowOf(5)[1]);
        Assert.Equal("'+1", RowOf(5)[3 + 4]);
        Assert.Equal(WriteImportReport.Passed, RowOf(6)[1]);
        Assert.Equal("411321197001050148", RowOf(6)[3 + 2]);

        var problems = Sheet(outPath, WriteImportReport.ProblemSheet);
        var fileLevel = Assert.Single(problems, r => r[2] as string == "file.note");
        Assert.Null(fileLevel[0]);
        Assert.Equal("提示", fileLevel[3]);
        Assert.Equal("'=文件级提示", fileLevel[4]);
        Assert.Contains(problems, r => r[2] as string == Rules.ColumnUnknown.Code && Int(r[0]) == 1);

        var summary = Sheet(outPath, WriteImportReport.SummarySheet).ToDictionary(r => (string)r[0]!, r => r[1]);
        Assert.Equal("是", summary["已写入数据库"]);
        Assert.Equal("只导入无误的户", summary["导入方式"]);
        Assert.Contains("1 户有错误未导入", (string)summary["结论"]!);
        Assert.Equal("handmade.csv", summary["文件"]);
    }
}
