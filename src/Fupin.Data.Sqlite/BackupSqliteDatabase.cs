using System.Diagnostics;
using Fupin.Common;
using Fupin.Operations;
using Microsoft.Data.Sqlite;

namespace Fupin.Data.Sqlite;

/// <summary>
/// Online backup of the configured SQLite file with SQLite's backup API. All pages are copied in one
/// step under one read transaction, so the copy is the database as of one commit, whatever the app
/// writes meanwhile: a transaction is in the copy whole or not at all. The app's databases run in WAL
/// mode (EF creates them so), in which writers carry on during the copy; in rollback-journal mode a
/// writer's commit would wait until the copy is done.
/// The copy goes to a temporary file beside the destination and is moved into place only when it is
/// complete, so a failed backup leaves no half file. The counts are taken from the copy itself.
/// </summary>
public sealed class BackupSqliteDatabase(string connectionString)
{
    public async Task<Result<BackupSummary>> HandleAsync(BackupRequest request, CancellationToken ct)
    {
        var outPath = Path.GetFullPath(request.OutPath);
        if (BackupFiles.CheckOutPath(outPath) is { } refused) return refused;
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || !File.Exists(source))
            return Result.NotFound($"配置的 SQLite 数据库文件不存在：{source}");
        if (Path.GetFullPath(source) == outPath)
            return Result.Invalid([new FieldError(nameof(request.OutPath), "backup.same_file", "备份文件不能是数据库文件本身")]);

        var watch = Stopwatch.StartNew();
        var temp = BackupFiles.TempPathFor(outPath);
        try
        {
            var counts = await Task.Run(() => Copy(source, temp), ct);
            if (counts is not { } found)
                return Result.Invalid([new FieldError(nameof(request.OutPath), "backup.not_fupin", $"配置的数据库 {source} 还没有 Fupin 的表，请先运行 fupin db migrate")]);
            ct.ThrowIfCancellationRequested();
            File.Move(temp, outPath, overwrite: true);
            return new BackupSummary(outPath, new FileInfo(outPath).Length, watch.Elapsed, found.Households, found.Members);
        }
        finally
        {
            File.Delete(temp); // no-op once moved
        }
    }

    static (int Households, int Members)? Copy(string source, string temp)
    {
        using var from = SqliteFiles.Open(source, SqliteOpenMode.ReadOnly);
        if (!SqliteFiles.HasTable(from, "households")) return null;
        using var to = SqliteFiles.Open(temp, SqliteOpenMode.ReadWriteCreate);
        // -1: every page in one step, under one read lock; a step at a time would restart on every commit.
        from.BackupDatabase(to);
        // One self-contained file, whatever journal mode the live database runs in.
        SqliteFiles.Execute(to, "PRAGMA journal_mode = DELETE");
        return ((int)SqliteFiles.Count(to, "households"), (int)SqliteFiles.Count(to, "members"));
    }
}
