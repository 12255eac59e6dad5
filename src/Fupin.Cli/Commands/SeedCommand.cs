using System.CommandLine;
using System.Diagnostics;
using Fupin.Demo;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>`fupin seed demo [--seed N]`: migrates, then writes the demo county 南召县 into an empty database.</summary>
public static class SeedCommand
{
    public static Command Create(CliContext ctx)
    {
        var seed = new Option<int>("--seed") { Description = "随机种子，同一种子生成同一份数据 / generator seed", DefaultValueFactory = _ => DemoCounty.DefaultSeed };
        var demo = new Command("demo", "生成演示县（南召县，2018-10-08）/ generate the demo county") { seed };
        demo.SetAction(async (parse, ct) =>
        {
            var watch = Stopwatch.StartNew();
            await using var db = ctx.CreateDbContext();
            await db.Database.MigrateAsync(ct);
            var result = await new SeedDemo(db).HandleAsync(new SeedDemoRequest(parse.GetValue(seed)), ctx.Progress, ct);
            await new Registry.FreezeSnapshot(db, ctx.Clock).HandleAsync(new(2017, DemoCounty.CountyCode), ctx.Progress, ct);
            var lists = await new SeedDemoLists(db, ctx.Clock).HandleAsync(parse.GetValue(seed), ctx.Progress, ct);
            await ctx.Out.WriteLineAsync(
                $"已生成演示县：行政村 {result.Villages} 个（贫困村 {result.PoorVillages} 个），建档立卡户 {result.Households} 户 {result.Members} 人，" +
                $"收入记录 {result.IncomeRecords} 条，并冻结 2017 年度快照；部门名单 {lists.Lists} 份 {lists.Rows} 行，比对发现疑点 {lists.Run.Found} 条；" +
                $"用时 {watch.Elapsed.TotalSeconds:F1} 秒");
            return 0;
        });
        return new Command("seed", "写入数据 / seed data") { demo };
    }
}
