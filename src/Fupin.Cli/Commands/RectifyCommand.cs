using System.CommandLine;
using System.Globalization;
using Fupin.Supervision;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin rectifications escalate`: the daily escalation (督办、催办) on the business date, as the scheduled job does;
/// `fupin rectifications export --region CODE --out FILE`: the 整改台账 of a region as .xlsx (logged like the page's export).
/// Exit 0, or 2 for a bad region or file.
/// </summary>
public static class RectifyCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("rectifications", "整改：逾期督办催办、导出整改台账 / rectification items");
        command.Subcommands.Add(Escalate(ctx));
        command.Subcommands.Add(Export(ctx));
        return command;
    }

    static Command Escalate(CliContext ctx)
    {
        var command = new Command("escalate", "按业务日期对逾期整改事项督办（逾期次日起）、催办（逾期第8天起，至上一级）；同一天重复运行不重复记录 / escalate overdue items");
        command.SetAction(async (_, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var run = await new EscalateRectifications(db, ctx.Clock).HandleAsync(ct);
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"整改督办（{run.On:yyyy-MM-dd}）：新增督办 {run.Supervised} 项，新增催办 {run.Urged} 项"));
            return 0;
        });
        return command;
    }

    static Command Export(CliContext ctx)
    {
        var region = new Option<string?>("--region") { Description = "区划代码（县、乡镇或村），默认全部 / region code" };
        var output = new Option<FileInfo>("--out") { Description = "输出文件（.xlsx）/ output file", Required = true };
        var command = new Command("export", "导出整改台账（.xlsx）/ export the rectification ledger") { region, output };
        command.SetAction(async (parse, ct) =>
        {
            var code = parse.GetValue(region)?.Trim();
            var file = parse.GetValue(output)!;
            await using var db = ctx.CreateDbContext();
            if (!string.IsNullOrEmpty(code) && !db.Regions.Any(r => r.Code == code))
            {
                await ctx.Err.WriteLineAsync($"区划代码“{code}”不存在");
                return 2;
            }
            var result = await new ExportRectificationLedger(db, ctx.Clock).HandleAsync(
                new ExportRectificationLedgerRequest(new SearchRectificationsRequest { Region = code }, "region=" + (code ?? "（全部）"), db.Audit.User), ct);
            if (!result.IsOk)
            {
                await ctx.Err.WriteLineAsync(string.Join("；", result.Failure.Errors.Select(e => e.Message).DefaultIfEmpty(result.Failure.Message)));
                return 2;
            }
            try
            {
                await File.WriteAllBytesAsync(file.FullName, result.Value.Content, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await ctx.Err.WriteLineAsync($"无法写入“{file.FullName}”：{e.Message}");
                return 2;
            }
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"整改台账 {result.Value.Rows} 项已导出到 {file.FullName}"));
            return 0;
        });
        return command;
    }
}
