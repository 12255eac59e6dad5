using System.Data;
using System.Diagnostics;
using System.Globalization;
using Fupin.Common;
using Fupin.Operations;
using Npgsql;

namespace Fupin.Data.Postgres;

/// <summary>
/// Online backup of the configured PostgreSQL database: <c>pg_dump --format=custom</c>, which reads
/// every table in one repeatable-read snapshot while the app goes on reading and writing (it takes
/// only share locks that block schema changes, not row writes). The snapshot is exported from a
/// transaction of our own and handed to pg_dump (<c>--snapshot</c>), so the households and members
/// counted here are exactly those in the file. The dump goes to a temporary file beside the
/// destination and is moved into place only when pg_dump succeeded; a failed or cancelled backup
/// leaves no half file.
/// </summary>
public sealed class BackupPostgresDatabase(string connectionString)
{
    public async Task<Result<BackupSummary>> HandleAsync(BackupRequest request, CancellationToken ct)
    {
        var outPath = Path.GetFullPath(request.OutPath);
        if (BackupFiles.CheckOutPath(outPath) is { } refused) return refused;
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(server.Database))
            return Result.Invalid([new FieldError("Database", "backup.no_database", "连接字符串中没有数据库名（Database=…）")]);

        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(PgTools.To(server, server.Database).ConnectionString);
        await connection.OpenAsync(ct);
        await using var snapshotHolder = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        if (await ScalarAsync(connection, "SELECT to_regclass('households') IS NOT NULL", ct) is not true)
            return Result.Invalid([new FieldError("Database", "backup.not_fupin", $"数据库 {server.Database} 还没有 Fupin 的表，请先运行 fupin db migrate")]);
        var snapshot = (string)(await ScalarAsync(connection, "SELECT pg_export_snapshot()", ct))!;
        var households = Convert.ToInt32(await ScalarAsync(connection, "SELECT count(*) FROM households", ct), CultureInfo.InvariantCulture);
        var members = Convert.ToInt32(await ScalarAsync(connection, "SELECT count(*) FROM members", ct), CultureInfo.InvariantCulture);

        var temp = BackupFiles.TempPathFor(outPath);
        try
        {
            var run = await PgTools.RunAsync("pg_dump", server,
                ["--format=custom", "--file=" + temp, "--snapshot=" + snapshot, "--dbname=" + server.Database], ct);
            if (run.ExitCode != 0) throw PgTools.Failed("pg_dump", run);
            File.Move(temp, outPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp); // no-op once moved
        }
        await snapshotHolder.CommitAsync(ct);
        return new BackupSummary(outPath, new FileInfo(outPath).Length, watch.Elapsed, households, members);
    }

    static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync(ct);
    }
}
