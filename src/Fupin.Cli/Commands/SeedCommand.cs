using System.CommandLine;
using Fupin.Demo;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>`fupin seed demo [--seed N]`: migrates, then writes the demo county 南召县 into an empty database.</summary>
public static class SeedCommand
{
    public static Command Create(CliContext ctx)
    {
        var seed = new Option<int>("--seed") { Description = "随机种子，同一种子生成同一份数据 / generator seed", DefaultValueFactory = _ => DemoCounty.DefaultSeed };
        var demo = new Command("demo", "生成演示县（南召县，截至业务日期，默认2018-10-08）/ generate the demo county as of the business date") { seed };
        demo.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            var result = await new SeedDemoCounty(db, ctx.Clock).HandleAsync(parse.GetValue(seed), ctx.Progress, ct);
            await ctx.Out.WriteLineAsync(result.Summary);
            return 0;
        });
        return new Command("seed", "写入数据 / seed data") { demo };
    }
}
