using System.CommandLine;
using Fupin.Registry;

namespace Fupin.Cli.Commands;

/// <summary>`fupin snapshot freeze --year Y [--region CODE]`: the register as of a year, kept for later reading.</summary>
public static class SnapshotCommand
{
    public static Command Create(CliContext ctx)
    {
        var year = new Option<int>("--year") { Description = "年度 / year", Required = true };
        var region = new Option<string>("--region") { Description = "区划代码，默认 Fupin:County 或 411321 / region code", DefaultValueFactory = _ => ctx.Configuration["Fupin:County"] ?? "411321" };
        var freeze = new Command("freeze", "冻结该年度的建档立卡数据（重复冻结则替换）/ freeze the register as of a year") { year, region };
        freeze.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var r = await new FreezeSnapshot(db, ctx.Clock).HandleAsync(new FreezeSnapshotRequest(parse.GetValue(year), parse.GetValue(region)!), ctx.Progress, ct);
            await ctx.Out.WriteLineAsync($"已冻结 {r.Year} 年度快照 {r.Households} 户" + (r.Replaced > 0 ? $"（替换原有 {r.Replaced} 户）" : ""));
            return 0;
        });
        return new Command("snapshot", "年度快照 / yearly snapshots") { freeze };
    }
}
