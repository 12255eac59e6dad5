using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Fupin.Imports;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace Fupin.Bench;

/// <summary>What a worker prints as its last stdout line (JSON).</summary>
public sealed record WorkloadResult(string Name, long Rows, double Seconds, double PeakRssMb, int? Errors = null, string? Note = null);

/// <summary>
/// One workload in a process of its own: only the workload is timed; the peak resident set
/// (VmHWM) covers the whole process, runtime and native libraries included.
/// </summary>
public static class Worker
{
    /// <summary>The business date of the generated data; the import checks ages against it.</summary>
    static readonly DateOnly AsOf = new(2018, 10, 8);

    public static async Task<int> RunAsync(string name, BenchOptions o)
    {
        var file = o["file"] ?? throw new ArgumentException("--file is required");
        var (rows, seconds, errors, note) = name switch
        {
            "sep" => SepRead(file),
            "sep-parallel" => SepParallel(file),
            "duckdb-count" => DuckDbCount(file),
            "duckdb-table" => DuckDbTable(file, o["duckdb"] ?? throw new ArgumentException("--duckdb is required")),
            "check" or "check-quarter" or "check-half" => await ImportAsync(file, o, dryRun: true),
            "sqlite" or "pg" => await ImportAsync(file, o, dryRun: false),
            "pg-copy" => await PostgresCopyAsync(file, o["db"] ?? throw new ArgumentException("--db is required")),
            "sqlite-insert" => SqliteInsert(file, o["db"] ?? throw new ArgumentException("--db is required")),
            _ => throw new ArgumentException($"unknown workload {name}"),
        };
        var result = new WorkloadResult(name, rows, seconds, PeakRssMb(), errors, note);
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>VmHWM from /proc/self/status, in MB (0 where there is no /proc).</summary>
    public static double PeakRssMb()
    {
        if (!File.Exists("/proc/self/status")) return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }
        return 0;
    }

    static SepReader OpenSep(string file) => Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = true }).FromFile(file);

    /// <summary>The floor: every row read and every cell's span touched, one thread.</summary>
    static (long, double, int?, string?) SepRead(string file)
    {
        var watch = Stopwatch.StartNew();
        long rows = 0, chars = 0;
        using (var reader = OpenSep(file))
        {
            foreach (var row in reader)
            {
                rows++;
                for (var i = 0; i < row.ColCount; i++) chars += row[i].Span.Length;
            }
        }
        return (rows, watch.Elapsed.TotalSeconds, null, $"{chars} chars in cells");
    }

    /// <summary>Sep's parallel enumerate: rows parsed on all cores, cell lengths summed per row.</summary>
    static (long, double, int?, string?) SepParallel(string file)
    {
        var watch = Stopwatch.StartNew();
        long rows = 0, chars = 0;
        using (var reader = OpenSep(file))
        {
            foreach (var length in reader.ParallelEnumerate(row =>
            {
                long sum = 0;
                for (var i = 0; i < row.ColCount; i++) sum += row[i].Span.Length;
                return sum;
            }))
            {
                rows++;
                chars += length;
            }
        }
        return (rows, watch.Elapsed.TotalSeconds, null, $"{chars} chars in cells, {Environment.ProcessorCount} threads");
    }

    static string ReadCsv(string file) => $"read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header=true, all_varchar=true)";

    static (long, double, int?, string?) DuckDbCount(string file)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {ReadCsv(file)}";
        var watch = Stopwatch.StartNew();
        var rows = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (rows, watch.Elapsed.TotalSeconds, null, "in-memory database");
    }

    /// <summary>All columns as text into a table of a database file (comparable with an import into SQLite).</summary>
    /// <summary>
    /// The PostgreSQL anchor: the server's own CSV COPY of the file's text into a table of text columns (no index, no
    /// key, no check): what storing these rows costs the server before any of Fupin's work. The file streams as it is.
    /// </summary>
    static async Task<(long, double, int?, string?)> PostgresCopyAsync(string file, string connectionString)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        int columns;
        using (var sep = OpenSep(file)) columns = sep.Header.ColNames.Count;
        await using (var create = new Npgsql.NpgsqlCommand($"CREATE TABLE registry_copy ({string.Join(", ", Enumerable.Range(0, columns).Select(i => $"c{i} text"))})", conn))
            await create.ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var copy = await conn.BeginTextImportAsync("COPY registry_copy FROM STDIN (FORMAT csv, HEADER true)"))
        using (var text = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            var buffer = new char[1 << 16];
            int n;
            while ((n = await text.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer.AsMemory(0, n));
        }
        var seconds = watch.Elapsed.TotalSeconds;
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM registry_copy", conn);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        return (rows, seconds, null, $"{columns} text columns");
    }

    /// <summary>
    /// The SQLite anchor: every row's cells inserted as text into a table of text columns (no index, no key, no check),
    /// one prepared statement bound straight from Sep's spans, one transaction: what storing these rows costs SQLite itself.
    /// </summary>
    static (long, double, int?, string?) SqliteInsert(string file, string connectionString)
    {
        using var conn = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        conn.Open();
        using var reader = OpenSep(file);
        var columns = reader.Header.ColNames.Count;
        using (var create = conn.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE registry_insert ({string.Join(", ", Enumerable.Range(0, columns).Select(i => $"c{i} TEXT"))})";
            create.ExecuteNonQuery();
        }
        var watch = Stopwatch.StartNew();
        var handle = conn.Handle!;
        using var tx = conn.BeginTransaction();
        var rc = SQLitePCL.raw.sqlite3_prepare_v2(handle, $"INSERT INTO registry_insert VALUES ({string.Join(", ", Enumerable.Repeat("?", columns))})", out var stmt);
        Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, handle);
        long rows = 0;
        using (stmt)
        {
            foreach (var row in reader)
            {
                for (var i = 0; i < columns; i++) SQLitePCL.raw.sqlite3_bind_text16(stmt, i + 1, row[i].Span);
                rc = SQLitePCL.raw.sqlite3_step(stmt);
                SQLitePCL.raw.sqlite3_reset(stmt);
                if (rc != SQLitePCL.raw.SQLITE_DONE) Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(rc, handle);
                rows++;
            }
        }
        tx.Commit();
        return (rows, watch.Elapsed.TotalSeconds, null, $"{columns} text columns");
    }

    static (long, double, int?, string?) DuckDbTable(string file, string database)
    {
        File.Delete(database);
        try
        {
            using var conn = new DuckDBConnection($"Data Source={database}");
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE TABLE t AS SELECT * FROM {ReadCsv(file)}";
            var watch = Stopwatch.StartNew();
            cmd.ExecuteNonQuery();
            cmd.CommandText = "CHECKPOINT";
            cmd.ExecuteNonQuery();
            var seconds = watch.Elapsed.TotalSeconds;
            cmd.CommandText = "SELECT count(*) FROM t";
            var rows = Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
            return (rows, seconds, null, $"database file, {new FileInfo(database).Length / 1_000_000} MB");
        }
        finally
        {
            File.Delete(database);
            File.Delete(database + ".wal");
        }
    }

    /// <summary>ImportHouseholds on a database the bench prepared (migrated, the province's places loaded, no households).</summary>
    static async Task<(long, double, int?, string?)> ImportAsync(string file, BenchOptions o, bool dryRun)
    {
        var provider = Enum.Parse<DatabaseProvider>(o["provider"] ?? "Sqlite", ignoreCase: true);
        var settings = new DatabaseSettings(provider, o["db"] ?? throw new ArgumentException("--db is required"));
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        var clock = new BusinessClock(AsOf);
        await using var db = new AppDbContext(options.Options, clock, AccessScope.System);
        db.Audit.User = "bench";
        await db.Database.OpenConnectionAsync();
        var watch = Stopwatch.StartNew();
        var report = await new ImportHouseholds(db, clock).HandleAsync(new ImportHouseholdsRequest(file, ImportMode.AllOrNothing, dryRun), new StderrProgress(), default);
        var seconds = watch.Elapsed.TotalSeconds;
        var first = report.Problems.FirstOrDefault(p => p.Severity == Severity.Error);
        var note = string.Create(CultureInfo.InvariantCulture, $"{report.Households} households, {report.Members} members, added {report.Added}, written {report.Written}; "
            + $"{report.Problems.Count} problems; allocated {GC.GetTotalAllocatedBytes() / 1048576} MB, collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), GC pause {GC.GetTotalPauseDuration().TotalSeconds:0.0} s")
            + (first is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; first error row {first.Row} {first.Rule}"));
        return (report.DataRows, seconds, report.Errors, note);
    }

    sealed class StderrProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine("    " + value);
    }
}
