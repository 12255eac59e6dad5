using System.Diagnostics;
using System.Text;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Operations;

/// <param name="OutPath">The backup file; written beside it under a temporary name and moved into place when complete.</param>
public sealed record BackupRequest(string OutPath);

/// <param name="Households">Households in the backup (counted in the state the backup holds, not before or after it).</param>
public sealed record BackupSummary(string Path, long Bytes, TimeSpan Elapsed, int Households, int Members);

/// <param name="Force">Replace a target that already holds data.</param>
public sealed record RestoreRequest(string FromPath, bool Force = false);

/// <param name="Migrations">The migrations applied after the restore (a backup of an older version is upgraded).</param>
public sealed record RestoreSummary(string Target, TimeSpan Elapsed, IReadOnlyList<string> Migrations, int Households, int Members)
{
    /// <summary>The last step of a restore on either engine: upgrade the restored database, then count what it holds.</summary>
    public static async Task<RestoreSummary> MigrateAndCountAsync(DatabaseSettings settings, TimeProvider clock, string target, Stopwatch watch, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        await using var db = new AppDbContext(options.Options, clock, AccessScope.System);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        var households = await db.Households.CountAsync(ct);
        var members = await db.Members.CountAsync(ct);
        return new RestoreSummary(target, watch.Elapsed, pending, households, members);
    }
}

public enum BackupKind { Unknown, Sqlite, PostgresCustom }

/// <summary>
/// What the backup and restore use cases of both engines share: how a file is recognised, where the
/// temporary file goes, and the refusals, so both engines say the same thing.
/// </summary>
public static class BackupFiles
{
    /// <summary>Tables that hold what a county enters; migrations seed only code tables, so rows here are data.</summary>
    public static readonly string[] DataTables = ["households", "regions", "users"];

    /// <summary>Recognises a file by its first bytes: SQLite's header or pg_dump's custom-format magic.</summary>
    public static BackupKind Sniff(string path)
    {
        Span<byte> head = stackalloc byte[16];
        using var file = File.OpenRead(path);
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 16 && head.SequenceEqual("SQLite format 3\0"u8)) return BackupKind.Sqlite;
        if (read >= 5 && head[..5].SequenceEqual("PGDMP"u8)) return BackupKind.PostgresCustom;
        return BackupKind.Unknown;
    }

    /// <summary>A hidden name in the same folder, so the final move is a rename on one file system.</summary>
    public static string TempPathFor(string path) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

    /// <summary>The refusal for a backup destination that cannot take the file; null when it can.</summary>
    public static Failure? CheckOutPath(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(path);
        if (Directory.Exists(path))
            return Invalid(nameof(BackupRequest.OutPath), "backup.out_is_folder", $"备份文件路径“{path}”是一个文件夹，请给出文件名");
        if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir))
            return Invalid(nameof(BackupRequest.OutPath), "backup.no_folder", $"无法写入备份文件“{path}”：文件夹“{dir}”不存在");
        return null;
    }

    /// <summary>The refusal for a file that is not a backup this engine restores; null when it is one.</summary>
    public static Failure? CheckKind(string path, BackupKind expected)
    {
        if (!File.Exists(path))
            return Invalid(nameof(RestoreRequest.FromPath), "restore.missing", $"备份文件不存在：{path}");
        var kind = Sniff(path);
        if (kind == expected) return null;
        var target = expected == BackupKind.Sqlite ? "SQLite" : "PostgreSQL";
        var message = kind switch
        {
            BackupKind.Sqlite => $"“{path}”是 SQLite 数据库备份，而配置的数据库是 {target}：请用相同引擎的备份恢复（SQLite 备份可用 Database__Provider=Sqlite 恢复到 SQLite 文件）",
            BackupKind.PostgresCustom => $"“{path}”是 PostgreSQL 备份（pg_dump 格式），而配置的数据库是 {target}：请用相同引擎的备份恢复",
            _ => $"“{path}”不是 Fupin 的数据库备份（既不是 SQLite 数据库文件，也不是 pg_dump 自定义格式文件）",
        };
        return Invalid(nameof(RestoreRequest.FromPath), "restore.wrong_kind", message);
    }

    public static Failure NotFupin(string path) =>
        Invalid(nameof(RestoreRequest.FromPath), "restore.not_fupin", $"“{path}”不是 Fupin 的数据库备份（其中没有建档立卡户表 households）");

    public static Failure TargetHasData(string target, string what) =>
        Result.Conflict($"目标数据库 {target} 中已有数据（{what}），未做任何改动；确定要用备份覆盖它，请加 --force");

    /// <summary>"12 户、3 个区划" — what a target holds, for the refusal.</summary>
    public static string Describe(IReadOnlyDictionary<string, long> rows)
    {
        var sb = new StringBuilder();
        foreach (var (table, count) in rows)
        {
            if (count == 0) continue;
            if (sb.Length > 0) sb.Append('、');
            sb.Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(table switch
            {
                "households" => " 户",
                "regions" => " 个区划",
                "users" => " 个用户",
                _ => " 行 " + table,
            });
        }
        return sb.ToString();
    }

    static Failure Invalid(string field, string code, string message) => Result.Invalid([new FieldError(field, code, message)]);
}
