using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin lists import TYPE FILE [--as-of DATE] [--region CODE] [--department NAME] [--json]` loads a
/// department list (exit 0 loaded, 1 refused, 2 bad arguments); `fupin lists` shows the lists loaded;
/// `fupin lists types` the types and the columns each needs.
/// </summary>
public static class ListsCommand
{
    public static Command Create(CliContext ctx)
    {
        var type = new Argument<string>("type") { Description = "名单类型：" + string.Join(", ", ListTypes.All.Select(t => t.Key)) + " / list type" };
        var file = new Argument<FileInfo>("file") { Description = "名单文件（.xlsx 或 .csv）/ the list file" };
        var asOf = new Option<string?>("--as-of") { Description = "数据截止日期 yyyy-MM-dd，默认今天 / the date the list is as of" };
        var region = new Option<string?>("--region") { Description = "名单覆盖的地区（区划代码），库中只有一个县时可省略 / region the list covers" };
        var department = new Option<string?>("--department") { Description = "来源部门，默认按名单类型 / source department" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出 / print JSON" };
        var import = new Command("import", "导入部门名单 / load a department list") { type, file, asOf, region, department, json };
        import.SetAction(async (parse, ct) =>
        {
            DateOnly? date = null;
            if (parse.GetValue(asOf) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    await ctx.Err.WriteLineAsync($"--as-of 应为 yyyy-MM-dd 格式的日期：{text}");
                    return 2;
                }
                date = d;
            }
            await using var db = ctx.CreateDbContext();
            var request = new ImportDepartmentListRequest(parse.GetValue(type)!, parse.GetValue(file)!.FullName, date, parse.GetValue(region), parse.GetValue(department));
            var result = await new ImportDepartmentList(db, ctx.Clock).HandleAsync(request, ctx.Progress, ct);
            if (!result.IsOk)
            {
                var f = result.Failure;
                await ctx.Err.WriteLineAsync(f.Errors.Count > 0 ? string.Join(Environment.NewLine, f.Errors.Select(e => e.Message)) : f.Message);
                return f.Errors.Any(e => e.Code is "list.type_unknown" or "file.missing") ? 2 : 1;
            }
            var r = result.Value;
            if (parse.GetValue(json))
            {
                await ctx.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    listId = r.ListId, type = r.Type, title = r.Title, region = r.RegionCode, asOf = r.AsOf, file = r.FileName,
                    rows = r.Rows, refused = r.Refused, skipped = r.Skipped,
                    problems = r.Problems.Select(p => new { row = p.Row, column = p.Column, code = p.Code, message = p.Message }),
                }, CliJson.Options));
                return 0;
            }
            var c = CultureInfo.InvariantCulture;
            await ctx.Out.WriteLineAsync(string.Create(c, $"已导入第 {r.ListId} 号名单：{r.Title}（{r.Type}），{r.RegionCode}，截至 {r.AsOf:yyyy-MM-dd}，{r.Rows} 行，拒收 {r.Refused} 行，跳过空行/合计行 {r.Skipped} 行"));
            foreach (var p in r.Problems)
                await ctx.Out.WriteLineAsync(string.Create(c, $"  第{p.Row}行 [{p.Column}] {p.Code}：{p.Message}"));
            return 0;
        });

        var types = new Command("types", "名单类型及所需的列 / list types and their columns");
        types.SetAction(async (parse, ct) =>
        {
            foreach (var t in ListTypes.All)
            {
                var columns = t.Columns.Select(col => col.Required ? col.Header + "*" : col.Header);
                await ctx.Out.WriteLineAsync($"{t.Key,-18} {t.Title}（{t.Department}）：姓名*、身份证号码*、{string.Join("、", columns)}");
            }
            return 0;
        });

        var command = new Command("lists", "部门名单：已导入的名单 / department lists (shows those loaded)") { import, types };
        command.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var lists = await db.DepartmentLists.AsNoTracking().OrderByDescending(l => l.Id).ToListAsync(ct);
            if (lists.Count == 0) await ctx.Out.WriteLineAsync("还没有导入任何部门名单（fupin lists import TYPE FILE）");
            foreach (var l in lists)
            {
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{l.Id,5} {l.Type,-18} {l.Department} {l.RegionCode} 截至{l.AsOf:yyyy-MM-dd} {l.Rows}行 拒收{l.Refused}行 {l.FileName} {l.LoadedBy} {l.LoadedAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm}"));
            }
            return 0;
        });
        return command;
    }
}
