using System.Diagnostics;
using System.Globalization;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Operations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fupin.Data.Postgres;

/// <summary>
/// Restores a pg_dump custom-format backup into the configured database. The file is checked first
/// (pg_dump's format, listing Fupin's households table) and a target holding data is refused unless
/// forced; neither refusal touches the target. The backup is restored with
/// <c>pg_restore --no-owner --exit-on-error</c> into a new database of the server, which then takes
/// the target's place (the old one, if any, dropped): a restore that fails half-way drops its own
/// database and leaves the target as it was. Then the pending migrations run, so a backup of an
/// older version is upgraded. Needs a user allowed to create databases; run it with the app stopped
/// (the old database's connections are closed by the drop).
/// </summary>
public sealed class RestorePostgresDatabase(DatabaseSettings settings, TimeProvider clock)
{
    /// <summary>The maintenance database every server has, for CREATE and DROP DATABASE.</summary>
    const string Maintenance = "postgres";

    public async Task<Result<RestoreSummary>> HandleAsync(RestoreRequest request, CancellationToken ct)
    {
        var from = Path.GetFullPath(request.FromPath);
        if (BackupFiles.CheckKind(from, BackupKind.PostgresCustom) is { } wrongKind) return wrongKind;
        var server = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var target = server.Database;
        if (string.IsNullOrEmpty(target))
            return Result.Invalid([new FieldError("Target", "restore.no_database", "连接字符串中没有数据库名（Database=…）")]);
        var list = await PgTools.RunAsync("pg_restore", null, ["--list", from], ct);
        if (list.ExitCode != 0)
            return Result.Invalid([new FieldError(nameof(request.FromPath), "restore.corrupt", $"备份文件“{from}”无法读取：{list.Error.Trim()}")]);
        if (!ListsTable(list.Output, "households")) return BackupFiles.NotFupin(from);

        var watch = Stopwatch.StartNew();
        var exists = await DatabaseExistsAsync(server, target, ct);
        if (exists && !request.Force && await DataRowsAsync(server, target, ct) is { } rows && rows.Values.Any(n => n > 0))
            return BackupFiles.TargetHasData(target, BackupFiles.Describe(rows));

        // Suffix of our own, within the 63 bytes of an identifier.
        var staging = (target.Length > 40 ? target[..40] : target) + "_restore_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(server, $"CREATE DATABASE {PgTools.Quote(staging)} TEMPLATE template0", ct);
        try
        {
            var run = await PgTools.RunAsync("pg_restore", server, ["--no-owner", "--exit-on-error", "--dbname=" + staging, from], ct);
            if (run.ExitCode != 0) throw PgTools.Failed("pg_restore", run);
        }
        catch
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {PgTools.Quote(staging)} WITH (FORCE)", CancellationToken.None);
            throw;
        }
        if (exists) await ExecuteAsync(server, $"DROP DATABASE {PgTools.Quote(target)} WITH (FORCE)", ct);
        await ExecuteAsync(server, $"ALTER DATABASE {PgTools.Quote(staging)} RENAME TO {PgTools.Quote(target)}", ct);
        // Pooled connections of this process to the old database were closed by the drop: all of them, whatever
        // connection string opened them (the context's has server options added to the configured one).
        NpgsqlConnection.ClearAllPools();

        return await RestoreSummary.MigrateAndCountAsync(settings, clock, $"{server.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}/{target}", watch, ct);
    }

    /// <summary>Whether pg_restore's table of contents names the table, e.g. "215; 1259 16390 TABLE public households fupin".</summary>
    static bool ListsTable(string toc, string table) =>
        toc.Split('\n').Any(line => !line.StartsWith(';')
            && line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var words
            && Array.IndexOf(words, "TABLE") is var at && at >= 0 && at + 2 < words.Length && words[at + 2] == table);

    static async Task<bool> DatabaseExistsAsync(NpgsqlConnectionStringBuilder server, string name, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PgTools.To(server, Maintenance).ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        cmd.Parameters.AddWithValue("name", name);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Rows per data table, or null when the database holds no table at all.</summary>
    static async Task<Dictionary<string, long>?> DataRowsAsync(NpgsqlConnectionStringBuilder server, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PgTools.To(server, database).ConnectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        if (tables.Count == 0) return null;
        // A Fupin schema: its data tables; anything else: every table is someone's data.
        var fupin = BackupFiles.DataTables.Select(t => "public." + t).Where(tables.Contains).ToList();
        var counted = tables.Contains("public.households", StringComparer.Ordinal) ? fupin : tables;
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in counted)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            var name = table.StartsWith("public.", StringComparison.Ordinal) ? table["public.".Length..] : table;
            rows[name] = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        return rows;
    }

    static async Task ExecuteAsync(NpgsqlConnectionStringBuilder server, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(PgTools.To(server, Maintenance).ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
