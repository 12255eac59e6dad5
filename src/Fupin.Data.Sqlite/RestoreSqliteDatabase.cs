using System.Diagnostics;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Data.Sqlite;

/// <summary>
/// Restores a SQLite backup into the configured database file through SQLite's backup API, which
/// replaces the target's pages in one write transaction (the target is the old database or the new
/// one, never a mix, and its journal stays consistent). The file is checked first — a SQLite
/// database holding Fupin's tables — and a target holding data is refused unless forced; neither
/// refusal touches the target. Then the pending migrations run, so a backup of an older version is
/// upgraded. Run it with the app stopped.
/// </summary>
public sealed class RestoreSqliteDatabase(DatabaseSettings settings, TimeProvider clock)
{
    public async Task<Result<RestoreSummary>> HandleAsync(RestoreRequest request, CancellationToken ct)
    {
        var from = Path.GetFullPath(request.FromPath);
        if (BackupFiles.CheckKind(from, BackupKind.Sqlite) is { } wrongKind) return wrongKind;
        var target = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(target) || target == ":memory:")
            return Result.Invalid([new FieldError("Target", "restore.no_file", "配置的 SQLite 数据库不是文件，无法恢复到它")]);
        target = Path.GetFullPath(target);
        if (target == from)
            return Result.Invalid([new FieldError(nameof(request.FromPath), "restore.same_file", "备份文件就是配置的数据库文件本身")]);

        var watch = Stopwatch.StartNew();
        var refused = await Task.Run(() => Restore(from, target, request.Force), ct);
        if (refused is not null) return refused;

        return await RestoreSummary.MigrateAndCountAsync(settings, clock, target, watch, ct);
    }

    static Failure? Restore(string from, string target, bool force)
    {
        try
        {
            using var source = SqliteFiles.Open(from, SqliteOpenMode.ReadOnly);
            if (!SqliteFiles.HasTable(source, "households") || !SqliteFiles.HasTable(source, "__EFMigrationsHistory"))
                return BackupFiles.NotFupin(from);
            if (!force && File.Exists(target))
            {
                using var existing = SqliteFiles.Open(target, SqliteOpenMode.ReadOnly);
                if (SqliteFiles.DataRows(existing) is { } rows && rows.Values.Any(n => n > 0))
                    return BackupFiles.TargetHasData(target, BackupFiles.Describe(rows));
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var destination = SqliteFiles.Open(target, SqliteOpenMode.ReadWriteCreate);
            source.BackupDatabase(destination);
            // The backup file is in rollback-journal mode; the app's databases run in WAL mode (EF creates them so).
            SqliteFiles.Execute(destination, "PRAGMA journal_mode = WAL");
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 11 /* SQLITE_CORRUPT */)
        {
            return Result.Invalid([new FieldError(nameof(RestoreRequest.FromPath), "restore.corrupt", $"备份文件“{from}”已损坏，无法读取（{e.Message}）")]);
        }
    }
}
