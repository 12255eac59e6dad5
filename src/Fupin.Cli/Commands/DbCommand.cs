using System.CommandLine;
using System.Globalization;
using Fupin.Common;
using Fupin.Data;
using Fupin.Data.Postgres;
using Fupin.Data.Sqlite;
using Fupin.Operations;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Cli.Commands;

/// <summary>
/// `fupin db migrate`: creates or upgrades the configured database. `fupin db backup --out FILE`: an
/// online backup (SQLite backup API, or pg_dump's custom format). `fupin db restore --from FILE [--force]`:
/// restores a backup of the same engine, then migrates. Exit 0 done, 2 refused (bad path, wrong file,
/// a target that holds data without --force); nothing is left half-written. `fupin db citus-script`: prints the
/// SQL that places the tables on a Citus cluster (<see cref="Distribution"/>, docs/operations.md).
/// </summary>
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
        var citus = new Command("citus-script", "输出在 Citus 集群上分布各表的 SQL（参考表、按县代码分片的表、例外）/ print the Citus placement SQL");
        citus.SetAction(async (parse, ct) =>
        {
            await using var db = ctx.CreateDbContext();
            await ctx.Out.WriteAsync(Distribution.CitusScript(db.Model));
            return 0;
        });
        return new Command("db", "数据库管理 / database administration") { migrate, Backup(ctx), Restore(ctx), citus };
    }

    static Command Backup(CliContext ctx)
    {
        var output = new Option<FileInfo>("--out") { Description = "备份文件 / the backup file", Required = true };
        var backup = new Command("backup", "在线备份配置的数据库（SQLite：备份接口；PostgreSQL：pg_dump 自定义格式），应用可继续写入 / online backup") { output };
        backup.SetAction(async (parse, ct) =>
        {
            var settings = DatabaseSettings.From(ctx.Configuration);
            var request = new BackupRequest(parse.GetValue(output)!.FullName);
            ctx.Progress.Report("正在备份…");
            var result = settings.Provider == DatabaseProvider.Sqlite
                ? await new BackupSqliteDatabase(settings.ConnectionString).HandleAsync(request, ct)
                : await new BackupPostgresDatabase(settings.ConnectionString).HandleAsync(request, ct);
            if (!result.IsOk) return await RefuseAsync(ctx, result.Failure);
            var b = result.Value;
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已备份：{b.Path}，{b.Bytes} 字节，{b.Elapsed.TotalSeconds:0.0} 秒，{b.Households} 户 {b.Members} 人"));
            return 0;
        });
        return backup;
    }

    static Command Restore(CliContext ctx)
    {
        var from = new Option<FileInfo>("--from") { Description = "备份文件（同一数据库引擎的备份）/ the backup file", Required = true };
        var force = new Option<bool>("--force") { Description = "目标数据库已有数据时仍用备份覆盖 / replace a database that holds data" };
        var restore = new Command("restore", "把备份恢复到配置的数据库，再升级到最新结构（请先停止应用）/ restore a backup, then migrate") { from, force };
        restore.SetAction(async (parse, ct) =>
        {
            var settings = DatabaseSettings.From(ctx.Configuration);
            var request = new RestoreRequest(parse.GetValue(from)!.FullName, parse.GetValue(force));
            ctx.Progress.Report("正在恢复…");
            var result = settings.Provider == DatabaseProvider.Sqlite
                ? await new RestoreSqliteDatabase(settings, ctx.Clock).HandleAsync(request, ct)
                : await new RestorePostgresDatabase(settings, ctx.Clock).HandleAsync(request, ct);
            if (!result.IsOk) return await RefuseAsync(ctx, result.Failure);
            var r = result.Value;
            var migrations = r.Migrations.Count == 0 ? "无需迁移" : $"已应用 {r.Migrations.Count} 个迁移";
            await ctx.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"已恢复到 {r.Target}：{r.Elapsed.TotalSeconds:0.0} 秒，{migrations}，{r.Households} 户 {r.Members} 人"));
            return 0;
        });
        return restore;
    }

    static async Task<int> RefuseAsync(CliContext ctx, Failure failure)
    {
        await ctx.Err.WriteLineAsync(failure.Errors.Count > 0 ? string.Join(Environment.NewLine, failure.Errors.Select(e => e.Message)) : failure.Message);
        return 2;
    }
}
