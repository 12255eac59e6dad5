using System.CommandLine;
using System.Globalization;
using Fupin.Demo;
using Fupin.Generate;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin generate registry --households N --out FILE [--province 41] [--seed 1] [--anomalies RATE]`
/// writes a registry file in the national layout for a whole province (progress on stderr, one
/// summary line on stdout); `fupin generate regions [--province 41|all] [--county CODE]` migrates the configured
/// database and adds the province's counties, townships and generated villages, so the file imports;
/// `fupin generate lists --out DIR [--seed 20181008]` writes the twelve department lists of the demo
/// county with their planted cases, and `fupin generate lists --registry FILE --out DIR --rows N
/// [--types deaths,payroll,…] [--seed 1]` writes lists of N rows each against a generated province
/// registry (one line per planted rule on stdout: code and count). `fupin generate --tier county|province|national-sample
/// --out DIR` writes a whole tier (<see cref="GenerateTier"/>; see docs/operations.md, "Generated data (tiers)").
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

        var generate = new Command("generate", "生成测试数据 / generate test data") { registry, Regions(ctx), Lists(ctx) };
        Tier(ctx, generate);
        return generate;
    }

    /// <summary>
    /// `fupin generate --tier county|province|national-sample --out DIR [--seed 1] [--scale 1] [--county 411321]
    /// [--force] [--anomalies 0.01]`: a whole tier (registries, department lists, projects, manifest.json) into DIR.
    /// </summary>
    static void Tier(CliContext ctx, Command generate)
    {
        var tier = new Option<string?>("--tier") { Description = "数据层级：county（一个县）、province（河南全省）、national-sample（全国 10% 抽样）/ the tier to write" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "输出目录（不存在或为空）/ the folder to write (missing or empty)" };
        var seed = new Option<int>("--seed") { Description = "随机种子，同一种子生成同样的文件 / generator seed", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "所有数量乘以此比例（0～1，如 0.001）/ multiplies every count", DefaultValueFactory = _ => 1 };
        var county = new Option<string?>("--county") { Description = "county 层级的县级区划代码（默认 " + GenerateTier.DefaultCounty + " 南召县）/ the county tier's county" };
        var force = new Option<bool>("--force") { Description = "替换以前生成的目录（含 manifest.json）/ replace an earlier generated folder" };
        var anomalies = new Option<double>("--anomalies")
        {
            Description = "埋入问题的户的比例（默认 0.01）/ share of households with one planted problem",
            DefaultValueFactory = _ => GenerateTier.DefaultAnomalyRate,
        };
        foreach (var o in (Option[])[tier, output, seed, scale, county, force, anomalies]) generate.Options.Add(o);
        generate.SetAction(async (parse, ct) =>
        {
            var tierName = parse.GetValue(tier);
            var dir = parse.GetValue(output);
            if (tierName is null || dir is null)
            {
                await ctx.Err.WriteLineAsync("请指定 --tier county|province|national-sample 和 --out 目录，或子命令 registry、regions、lists（fupin generate --help）");
                return 2;
            }
            var request = new GenerateTierRequest(tierName, dir.FullName, parse.GetValue(seed), parse.GetValue(scale), parse.GetValue(county),
                parse.GetValue(force), parse.GetValue(anomalies));
            var result = await new GenerateTier().HandleAsync(request, ctx.Progress, ct);
            if (!result.IsOk)
            {
                foreach (var e in result.Failure.Errors) await ctx.Err.WriteLineAsync("错误：" + e.Message);
                return 2;
            }
            var c = CultureInfo.InvariantCulture;
            var m = result.Value.Manifest;
            foreach (var f in m.Files)
                await ctx.Out.WriteLineAsync(string.Create(c, $"{f.Path}: rows {f.Rows}, bytes {f.Bytes}, sha256 {f.Sha256}"));
            await ctx.Out.WriteLineAsync(string.Create(c,
                $"{TierManifest.FileName}: tier {m.Tier}, households {m.Households}, persons {m.Persons}, files {m.Files.Count}, bytes {m.Files.Sum(f => f.Bytes)}, anomalies {m.RegistryAnomalies.Total}, list cases {m.ListCases.Total}, projects {m.Projects}, seconds {result.Value.Elapsed.TotalSeconds:0.0} ({result.Value.OutDir})"));
            return 0;
        });
    }

    /// <summary>`fupin generate regions [--province 41|all] [--county CODE]`: the places generated files name.</summary>
    static Command Regions(CliContext ctx)
    {
        var province = new Option<string>("--province") { Description = "省级区划代码（默认 41 河南省；all 为全部省份）/ province code, or all", DefaultValueFactory = _ => "41" };
        var county = new Option<string?>("--county") { Description = "只写入该省的这个县 / only this county of the province" };
        var regions = new Command("regions", "把该省的县、乡镇和生成的行政村写入数据库 / add the province's places to the database") { province, county };
        regions.SetAction(async (parse, ct) =>
        {
            var code = parse.GetValue(province)!;
            var countyCode = parse.GetValue(county);
            var all = string.Equals(code, "all", StringComparison.Ordinal);
            if (all && countyCode is not null)
            {
                await ctx.Err.WriteLineAsync("--county 不能与 --province all 同用");
                return 2;
            }
            if (countyCode is not null && !countyCode.StartsWith(code, StringComparison.Ordinal))
            {
                await ctx.Err.WriteLineAsync($"错误：县级区划代码 {countyCode} 不在省 {code} 内");
                return 2;
            }
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            int added = 0, counties = 0, townships = 0, villages = 0;
            IReadOnlyList<string> provinces = all ? GenerateTier.NationalProvinces : [code];
            foreach (var p in provinces)
            {
                AddGeneratedRegionsResult result;
                try
                {
                    result = await new AddGeneratedRegions(db).HandleAsync(new AddGeneratedRegionsRequest(p, countyCode), ctx.Progress, ct);
                }
                catch (ArgumentException e)
                {
                    await ctx.Err.WriteLineAsync("错误：" + e.Message);
                    return 2;
                }
                (added, counties, townships, villages) = (added + result.Added, counties + result.Counties, townships + result.Townships, villages + result.Villages);
            }
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已写入区划 {added} 个（县级 {counties} 个，乡镇 {townships} 个，生成的行政村 {villages} 个）"));
            return 0;
        });
        return regions;
    }

    static Command Lists(CliContext ctx)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "输出目录（每类名单一个 KEY.csv，另有 lists.planted.csv）/ the folder to write", Required = true };
        var seed = new Option<int?>("--seed") { Description = "随机种子（演示县默认 20181008，全省默认 1）/ generator seed" };
        var registryFile = new Option<FileInfo?>("--registry")
        {
            Description = "全省模式：fupin generate registry 生成的成员名单 / province mode: a registry file written by generate registry",
        };
        var rows = new Option<long?>("--rows") { Description = "全省模式：每份名单的行数 / province mode: rows per list" };
        var types = new Option<string?>("--types")
        {
            Description = "全省模式：名单类型，逗号分隔（默认 " + string.Join(",", GenerateProvinceLists.DefaultTypes) + "）/ province mode: list types",
        };
        var lists = new Command("lists", "生成部门比对名单（默认演示县南召县，截止 2018-09-30）/ generate department lists for verification")
        {
            output, seed, registryFile, rows, types,
        };
        lists.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(output)!.FullName;
            var registryPath = parse.GetValue(registryFile)?.FullName;
            var n = parse.GetValue(rows);
            var typeText = parse.GetValue(types);
            GenerateDepartmentListsResult result;
            try
            {
                if (registryPath is null)
                {
                    if (n is not null || typeText is not null)
                    {
                        await ctx.Err.WriteLineAsync("--rows 和 --types 只用于全省模式（需要 --registry）");
                        return 2;
                    }
                    result = await new GenerateDepartmentLists().HandleAsync(
                        new GenerateDepartmentListsRequest(dir, parse.GetValue(seed) ?? DemoCounty.DefaultSeed), ctx.Progress, ct);
                }
                else
                {
                    if (n is not >= 1)
                    {
                        await ctx.Err.WriteLineAsync("全省模式需要 --rows，且应为正整数");
                        return 2;
                    }
                    var keys = typeText?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    result = await new GenerateProvinceLists().HandleAsync(
                        new GenerateProvinceListsRequest(registryPath, dir, n.Value, keys, parse.GetValue(seed) ?? 1), ctx.Progress, ct);
                }
            }
            catch (ArgumentException e)
            {
                await ctx.Err.WriteLineAsync("错误：" + e.Message);
                return 2;
            }
            foreach (var p in result.Planted)
                await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{p.Rule} {p.Count}"));
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{dir}: lists {result.Files.Count}, rows {result.Files.Sum(f => f.Rows)}, planted {result.Planted.Sum(p => p.Count)} ({result.ManifestPath})"));
            return 0;
        });
        return lists;
    }
}
