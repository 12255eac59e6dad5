using System.CommandLine;
using System.Globalization;
using Fupin.Generate;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin generate registry --households N --out FILE [--province 41] [--seed 1] [--anomalies RATE]`
/// writes a registry file in the national layout for a whole province (progress on stderr, one
/// summary line on stdout); `fupin generate regions [--province 41]` migrates the configured
/// database and adds the province's counties, townships and generated villages, so the file imports.
/// </summary>
public static class GenerateCommand
{
    public static Command Create(CliContext ctx)
    {
        var households = new Option<int>("--households") { Description = "户数 / number of households", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "输出的 .csv 文件 / the CSV file to write", Required = true };
        var province = new Option<string>("--province") { Description = "省级区划代码（默认 41 河南省）/ province code", DefaultValueFactory = _ => "41" };
        var seed = new Option<int>("--seed") { Description = "随机种子，同一种子生成同一份文件 / generator seed", DefaultValueFactory = _ => 1 };
        var anomalies = new Option<double>("--anomalies")
        {
            Description = "埋入问题的户的比例（0～1），清单写在 NAME.anomalies.csv / share of households with one planted problem",
            DefaultValueFactory = _ => 0,
        };
        var registry = new Command("registry", "生成全国系统格式的成员名单 / generate a registry file in the national layout")
        {
            households, output, province, seed, anomalies,
        };
        registry.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(households);
            var rate = parse.GetValue(anomalies);
            if (n < 1 || rate is < 0 or > 1)
            {
                await ctx.Err.WriteLineAsync("--households 应为正整数，--anomalies 应在 0 到 1 之间");
                return 2;
            }
            var path = parse.GetValue(output)!.FullName;
            var request = new GenerateRegistryRequest(path, n, parse.GetValue(province)!, parse.GetValue(seed), rate);
            GenerateRegistryResult result;
            try
            {
                result = await new GenerateRegistryFile().HandleAsync(request, ctx.Progress, ct);
            }
            catch (ArgumentException e)
            {
                await ctx.Err.WriteLineAsync("错误：" + e.Message);
                return 2;
            }
            var c = CultureInfo.InvariantCulture;
            var planted = result.ManifestPath is null ? "" : string.Create(c, $", anomalies {result.Anomalies} ({result.ManifestPath})");
            await ctx.Out.WriteLineAsync(string.Create(c,
                $"{result.Path}: rows {result.Rows}, households {result.Households}, bytes {result.Bytes}, seconds {result.Elapsed.TotalSeconds:0.0}{planted}"));
            return 0;
        });

        var regionsProvince = new Option<string>("--province") { Description = "省级区划代码（默认 41 河南省）/ province code", DefaultValueFactory = _ => "41" };
        var regions = new Command("regions", "把该省的县、乡镇和生成的行政村写入数据库 / add the province's places to the database") { regionsProvince };
        regions.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            var result = await new AddGeneratedRegions(db).HandleAsync(new AddGeneratedRegionsRequest(parse.GetValue(regionsProvince)!), ctx.Progress, ct);
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已写入区划 {result.Added} 个（县级 {result.Counties} 个，乡镇 {result.Townships} 个，生成的行政村 {result.Villages} 个）"));
            return 0;
        });
        return new Command("generate", "生成测试数据 / generate test data") { registry, regions };
    }
}
