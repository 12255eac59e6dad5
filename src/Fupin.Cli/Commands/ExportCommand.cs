using System.CommandLine;
using Fupin.Imports;
using Fupin.Registry;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin export households --region CODE --out FILE [--layout national|template] [--status …] [--masked]`:
/// the county's own data transfer, so personal data is written in full unless --masked.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext ctx)
    {
        var region = new Option<string>("--region") { Description = "区划代码（县、乡镇或村）/ region code", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "输出文件，按扩展名 .xlsx 或 .csv / output file (.xlsx or .csv)", Required = true };
        var layout = new Option<Layout>("--layout") { Description = "national（全国系统格式，默认）或 template（本系统模板）", DefaultValueFactory = _ => Layout.National };
        var status = new Option<PovertyStatus?>("--status") { Description = "只导出该脱贫状态的户：NotExited, ExitedWithPolicy, Relapsed, ExitedWithoutPolicy" };
        var masked = new Option<bool>("--masked") { Description = "证件号码、电话、银行卡号脱敏 / mask personal data" };
        var households = new Command("households", "导出建档立卡户及成员 / export households and members") { region, output, layout, status, masked };
        households.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(output)!.FullName;
            var ext = Path.GetExtension(path);
            if (!ext.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) && !ext.Equals(".csv", StringComparison.OrdinalIgnoreCase))
            {
                await ctx.Err.WriteLineAsync("输出文件的扩展名应为 .xlsx 或 .csv");
                return 2;
            }
            await using var db = ctx.CreateDbContext();
            var result = await new ExportRegistryFile(db).HandleAsync(
                new ExportRegistryRequest(parse.GetValue(region)!, path, parse.GetValue(layout), parse.GetValue(status), parse.GetValue(masked)), ctx.Progress, ct);
            await ctx.Out.WriteLineAsync($"已导出 {result.Households} 户 {result.Members} 人：{result.Path}");
            return 0;
        });
        return new Command("export", "导出数据 / export data") { households };
    }
}
