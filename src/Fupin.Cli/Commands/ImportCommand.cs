using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Common;
using Fupin.Imports;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin import households FILE [--layout national|template] [--dry-run] [--valid-rows-only] [--json] [--report OUT.xlsx]`
/// (exit 0 imported or would import, 1 rejected, 2 bad arguments) and `fupin import template --out FILE`.
/// </summary>
public static class ImportCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<FileInfo>("file") { Description = "要导入的 .xlsx 或 .csv 文件 / the file to import" };
        var layout = new Option<Layout?>("--layout") { Description = "national（全国系统导出）或 template（本系统模板）；按表头自动识别，此项仅作说明 / layout (headers decide)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "只检查并报告新增、修改、拒绝，不写入 / report without writing" };
        var validOnly = new Option<bool>("--valid-rows-only") { Description = "只导入没有错误的户，其余报告 / import the valid households only" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出报告 / print the report as JSON" };
        var reportOut = new Option<FileInfo>("--report") { Description = "结果报告保存位置（.xlsx：原始各行加结果和问题、问题清单、汇总；试运行和被拒绝时也生成）/ write the result workbook" };
        var households = new Command("households", "导入建档立卡户及成员 / import households and members") { file, layout, dryRun, validOnly, json, reportOut };
        households.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                await ctx.Err.WriteLineAsync($"文件不存在：{path}");
                return 2;
            }
            var reportPath = parse.GetValue(reportOut)?.FullName;
            if (reportPath is not null && !Path.GetExtension(reportPath).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                await ctx.Err.WriteLineAsync($"结果报告应为 .xlsx 文件：{reportPath}");
                return 2;
            }
            await using var db = ctx.CreateDbContext();
            var request = new ImportHouseholdsRequest(path, parse.GetValue(validOnly) ? ImportMode.ValidRowsOnly : ImportMode.AllOrNothing, parse.GetValue(dryRun));
            var report = await new ImportHouseholds(db, ctx.Clock).HandleAsync(request, ctx.Progress, ct);
            await ctx.Out.WriteAsync(parse.GetValue(json) ? ToJson(report, request.DryRun) : ToText(report, request.DryRun));
            if (reportPath is not null)
            {
                // The import is over (written or rolled back); the report only describes it.
                ctx.Progress.Report("正在生成结果报告…");
                var written = await new WriteImportReport(ctx.Clock).HandleAsync(new WriteImportReportRequest(path, report, reportPath, request.Mode, request.DryRun), ct);
                await ctx.Err.WriteLineAsync($"已生成结果报告：{written.Path}（{written.Rows} 行）");
            }
            var rejected = !report.Written && !request.DryRun || request.DryRun && request.Mode == ImportMode.AllOrNothing && report.Errors > 0;
            return rejected ? 1 : 0;
        });

        var output = new Option<FileInfo>("--out") { Description = "模板保存位置（.xlsx）/ where to write the template", Required = true };
        var template = new Command("template", "生成导入模板（含填写说明和代码表）/ write the import template") { output };
        template.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!.FullName;
            ImportTemplate.WriteTemplate(path, ctx.Clock.Today().Year);
            await ctx.Out.WriteLineAsync($"已生成导入模板：{path}");
            return 0;
        });
        return new Command("import", "导入数据 / import data") { households, template };
    }

    static string ToText(ImportReport r, bool dryRun)
    {
        var c = CultureInfo.InvariantCulture;
        var sw = new StringWriter(c);
        var verdict = dryRun ? "试运行，未写入" : r.Written ? "已导入" : "已拒绝，数据库未改动";
        sw.WriteLine($"{r.FileName}：{verdict}");
        sw.WriteLine($"  数据行 {r.DataRows}（跳过空行/合计行 {r.SkippedRows}），户 {r.Households}，人 {r.Members}");
        sw.WriteLine($"  新增 {r.Added} 户，修改 {r.Changed} 户，未变 {r.Unchanged} 户，拒绝 {r.Rejected} 户；错误 {r.Errors} 条，提示 {r.Warnings} 条");
        foreach (var p in r.Problems)
            sw.WriteLine($"  第{(p.Row is { } row ? row.ToString(c) : "-")}行 [{p.Column}] {(p.Severity == Severity.Error ? "错误" : "提示")} {p.Rule}：{p.Message}");
        return sw.ToString();
    }

    static string ToJson(ImportReport r, bool dryRun) => JsonSerializer.Serialize(new
    {
        file = r.FileName,
        dryRun,
        written = r.Written,
        dataRows = r.DataRows,
        skippedRows = r.SkippedRows,
        households = r.Households,
        members = r.Members,
        added = r.Added,
        changed = r.Changed,
        unchanged = r.Unchanged,
        rejected = r.Rejected,
        errors = r.Errors,
        warnings = r.Warnings,
        problems = r.Problems.Select(p => new
        {
            row = p.Row,
            column = p.Column,
            rule = p.Rule,
            severity = p.Severity == Severity.Error ? "error" : "warning",
            message = p.Message,
            household = p.Household,
        }),
    }, CliJson.Options) + Environment.NewLine;
}
