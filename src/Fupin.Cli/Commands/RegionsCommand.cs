using System.CommandLine;
using Fupin.Regions;

namespace Fupin.Cli.Commands;

/// <summary>`fupin regions load CODE`: the division catalogue's regions of a province, city or county, down to townships.</summary>
public static class RegionsCommand
{
    public static Command Create(CliContext ctx)
    {
        var code = new Argument<string>("code") { Description = "省、市或县的区划代码，如 41（河南省）或 411321（南召县）/ a province, city or county code" };
        var load = new Command("load", "从全国区划代码表载入该地区及其下属县、乡镇 / load a region down to townships from the catalogue") { code };
        load.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var value = parse.GetValue(code)!;
            if (await new LoadRegions(db).HandleAsync(new LoadRegionsRequest(value), ct) is not { } result)
            {
                await ctx.Err.WriteLineAsync($"区划代码表中没有省、市或县级区划 {value} / no province, city or county {value} in the catalogue");
                return 1;
            }
            await ctx.Out.WriteLineAsync($"已载入区划 {result.Added} 个（已有 {result.Known} 个）/ added {result.Added}, already present {result.Known}");
            return 0;
        });
        return new Command("regions", "区划 / regions") { load };
    }
}
