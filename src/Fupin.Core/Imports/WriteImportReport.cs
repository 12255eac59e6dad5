using System.Globalization;
using Fupin.Registry;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Fupin.Imports;

/// <param name="SourcePath">The file that was imported (.xlsx or .csv), read again row by row.</param>
/// <param name="OutPath">Where the report goes (.xlsx).</param>
public sealed record WriteImportReportRequest(string SourcePath, ImportReport Report, string OutPath, ImportMode Mode = ImportMode.AllOrNothing, bool DryRun = false);

/// <param name="Rows">Rows written to the 导入结果 sheet (the file's rows below its header).</param>
public sealed record WriteImportReportResult(string Path, int Rows);

/// <summary>
/// The import's result as a workbook the uploader can fix their file in: 导入结果 is the file's own
/// rows (below its header, title rows dropped) with 行号, 结果 and 问题 in front; 问题清单 lists every
/// problem, file-level ones included; 汇总 gives the counts and whether anything was written. The
/// source is read twice (width and header, then the rows) and the workbook written as it is read, so
/// memory does not grow with the file. Text stays text; text beginning with = + - @ is neutralised
/// as in the export.
/// </summary>
public sealed class WriteImportReport(TimeProvider clock)
{
    public const string ResultSheet = "导入结果";
    public const string ProblemSheet = "问题清单";
    public const string SummarySheet = "汇总";

    public const string Rejected = "拒绝";
    public const string Warned = "有提示";
    public const string Passed = "通过";
    public const string Skipped = "跳过";

    /// <summary>Excel's limit of a cell's text.</summary>
    const int MaxCellText = 32_000;
    const int HeaderSearchRows = 10;
    const int Front = 3;

    static readonly string[] SubtotalMarks = ["合计", "小计", "总计"];

    public async Task<WriteImportReportResult> HandleAsync(WriteImportReportRequest request, CancellationToken ct)
    {
        var report = request.Report;
        var byRow = report.Problems.Where(p => p.Row is not null).GroupBy(p => p.Row!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var rejected = report.Problems.Where(p => p.Severity == Severity.Error && p.Household is not null)
            .Select(p => p.Household!).ToHashSet(StringComparer.Ordinal);
        var layout = Scan(request.SourcePath, ct);
        var width = Front + layout.Width;
        var written = 0;

        IEnumerable<IDictionary<string, object?>> ResultRows()
        {
            var head = NewRow(width);
            head[Key(0)] = "行号";
            head[Key(1)] = "结果";
            head[Key(2)] = "问题";
            for (var i = 0; i < layout.HeaderTexts.Count; i++) head[Key(Front + i)] = Values.Neutralize(layout.HeaderTexts[i]);
            yield return head;

            string? previous = null;
            foreach (var row in SheetReader.ReadRows(request.SourcePath))
            {
                if (row.Number <= layout.HeaderRow) continue;
                if (++written % 10_000 == 0) ct.ThrowIfCancellationRequested();
                var d = NewRow(width);
                d[Key(0)] = row.Number;
                for (var i = 0; i < row.Cells.Length && i < layout.Width; i++) d[Key(Front + i)] = Cell(row.Cells[i]);

                var own = byRow.GetValueOrDefault(row.Number) ?? [];
                string? household = null;
                var skipped = layout.HeaderRow > 0 && IsSkipped(row.Cells, layout);
                if (!skipped && layout.HouseholdColumn is { } hc)
                {
                    household = hc < row.Cells.Length && Values.Text(row.Cells[hc]) is { } n ? ResidentId.Normalize(n) : previous;
                    previous = household ?? previous;
                }
                var lines = own.Select(Line).ToList();
                var householdRejected = household is not null && rejected.Contains(household);
                if (householdRejected && !own.Any(p => p.Severity == Severity.Error))
                    lines.Add($"【同户】户{household}的其他行有错误，整户未导入（见问题清单）");
                d[Key(1)] = own.Any(p => p.Severity == Severity.Error) || householdRejected ? Rejected
                    : own.Count > 0 ? Warned
                    : skipped ? (IsBlank(row.Cells) ? null : Skipped)
                    : layout.HeaderRow > 0 ? Passed : null;
                d[Key(2)] = lines.Count == 0 ? null : Clip(string.Join('\n', lines));
                yield return d;
            }
        }

        IEnumerable<IDictionary<string, object?>> ProblemRows()
        {
            yield return Row("行号", "列", "规则", "严重程度", "说明", "户编号");
            foreach (var p in report.Problems)
                yield return Row(p.Row, Values.Neutralize(p.Column), p.Rule, SeverityLabel(p.Severity), Clip(Values.Neutralize(p.Message)), Values.Neutralize(p.Household));
        }

        IEnumerable<IDictionary<string, object?>> SummaryRows()
        {
            yield return Row("项目", "内容");
            yield return Row("文件", Values.Neutralize(report.FileName));
            yield return Row("结论", Verdict(request));
            yield return Row("导入方式", request.Mode == ImportMode.AllOrNothing ? "全部或全不" : "只导入无误的户");
            yield return Row("仅检查不写入", request.DryRun ? "是" : "否");
            yield return Row("已写入数据库", report.Written ? "是" : "否");
            yield return Row("数据行", report.DataRows);
            yield return Row("跳过的空行/合计行", report.SkippedRows);
            yield return Row("户数", report.Households);
            yield return Row("人数", report.Members);
            yield return Row("新增（户）", report.Added);
            yield return Row("修改（户）", report.Changed);
            yield return Row("未变（户）", report.Unchanged);
            yield return Row("拒绝（户）", report.Rejected);
            yield return Row("错误（条）", report.Errors);
            yield return Row("提示（条）", report.Warnings);
            yield return Row("报告生成时间", TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Common.BusinessClock.ChinaStandardTime).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ResultSheet] = ResultRows(),
            [ProblemSheet] = ProblemRows(),
            [SummarySheet] = SummaryRows(),
        };
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [new DynamicExcelColumn(Key(1)) { Width = 8 }, new DynamicExcelColumn(Key(2)) { Width = 60 }],
        };
        await MiniExcel.SaveAsAsync(request.OutPath, sheets, printHeader: false, configuration: configuration, overwriteFile: true, cancellationToken: ct);
        return new WriteImportReportResult(request.OutPath, written);
    }

    /// <summary>What the whole import came to, in one sentence: the rows say only what each row did.</summary>
    public static string Verdict(WriteImportReportRequest request)
    {
        var r = request.Report;
        if (request.DryRun)
        {
            return r.Errors > 0 && request.Mode == ImportMode.AllOrNothing
                ? "仅检查，未写入数据库。文件有错误，按“全部或全不”导入时整个文件将被拒绝。"
                : "仅检查，未写入数据库。";
        }
        if (!r.Written)
            return r.Errors > 0 ? "整个文件已拒绝，数据库未改动：文件中有错误，“通过”的行也未导入。请修改标为“拒绝”的行后重新导入。" : "未写入数据库。";
        if (r.Households > 0 && r.Rejected >= r.Households) return "文件中没有可导入的户，数据库未改动。";
        return r.Rejected > 0 ? $"已导入；{r.Rejected.ToString(CultureInfo.InvariantCulture)} 户有错误未导入（标为“拒绝”的行）。" : "已导入。";
    }

    public static string SeverityLabel(Severity s) => s == Severity.Error ? "错误" : "提示";

    static string Line(Problem p) => p.Column is { Length: > 0 } column ? $"【{p.Rule}】{column}：{p.Message}" : $"【{p.Rule}】{p.Message}";

    static string? Clip(string? text) => text is { Length: > MaxCellText } ? text[..MaxCellText] + "…" : text;

    /// <summary>Text as the file had it (neutralised); numbers, dates and yes/no keep their type.</summary>
    static object? Cell(object? value) => value switch
    {
        string s => Values.Neutralize(s),
        null => null,
        double or DateTime or bool or int or long or decimal => value,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Values.Neutralize(value.ToString()),
    };

    static string Key(int i) => "c" + i.ToString(CultureInfo.InvariantCulture);

    static Dictionary<string, object?> NewRow(int width)
    {
        var d = new Dictionary<string, object?>(width, StringComparer.Ordinal);
        for (var i = 0; i < width; i++) d[Key(i)] = null;
        return d;
    }

    static Dictionary<string, object?> Row(params object?[] cells)
    {
        var d = new Dictionary<string, object?>(cells.Length, StringComparer.Ordinal);
        for (var i = 0; i < cells.Length; i++) d[Key(i)] = cells[i];
        return d;
    }

    static bool IsBlank(object?[] cells) => cells.All(c => Values.Text(c) is null);

    /// <summary>As the import skips them: blank rows, 合计/小计/总计 rows, rows with neither name nor ID number.</summary>
    static bool IsSkipped(object?[] cells, SourceLayout layout)
    {
        if (IsBlank(cells)) return true;
        if (cells.Any(c => Values.Text(c) is { } t && SubtotalMarks.Any(m => t.StartsWith(m, StringComparison.Ordinal)))) return true;
        string? At(int? i) => i is { } k && k < cells.Length ? Values.Text(cells[k]) : null;
        return layout.NameColumn is not null && At(layout.NameColumn) is null && At(layout.IdColumn) is null;
    }

    /// <summary>The header as the import finds it (the first of the first ten rows naming three known columns) and the widest row.</summary>
    sealed record SourceLayout(int HeaderRow, IReadOnlyList<string> HeaderTexts, int Width, int? HouseholdColumn, int? NameColumn, int? IdColumn);

    static SourceLayout Scan(string path, CancellationToken ct)
    {
        var width = 0;
        SheetRow? header = null;
        var seen = 0;
        foreach (var row in SheetReader.ReadRows(path))
        {
            if (++seen % 10_000 == 0) ct.ThrowIfCancellationRequested();
            width = Math.Max(width, row.Cells.Length);
            if (header is null && seen <= HeaderSearchRows && row.Cells.Select(c => Columns.Match(Values.Text(c))).OfType<Field>().Distinct().Count() >= 3) header = row;
        }
        if (header is null) return new SourceLayout(0, [], width, null, null, null);
        var texts = header.Cells.Select(c => Values.Text(c) ?? "").ToList();
        int? Find(Field f)
        {
            var i = texts.FindIndex(t => t.Length > 0 && Columns.Match(t) == f);
            return i < 0 ? null : i;
        }
        return new SourceLayout(header.Number, texts, width, Find(Field.HouseholdNumber), Find(Field.Name), Find(Field.IdNumber));
    }
}
