using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>`fupin db migrate`: creates or upgrades the configured database.</summary>
public static class DbCommand
{
    public static Command Create(CliContext ctx)
    {
        var migrate = new Command("migrate", "创建或升级数据库到最新结构 / apply pending migrations");
        migrate.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            await ctx.Out.WriteLineAsync(pending.Count == 0
                ? "数据库已是最新结构，无需迁移 / database is up to date"
                : $"已应用 {pending.Count} 个迁移 / applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        return new Command("db", "数据库管理 / database administration") { migrate };
    }
}
