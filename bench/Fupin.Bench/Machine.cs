using System.Globalization;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;

namespace Fupin.Bench;

/// <summary>What the figures were measured on.</summary>
public static class Machine
{
    public static IReadOnlyList<(string, string)> Describe(string? postgresVersion) =>
    [
        ("CPU", Cpu()),
        ("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("RAM", Ram()),
        ("OS", Os()),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("PostgreSQL", postgresVersion ?? "not reached"),
        ("SQLite", Sqlite()),
        ("DuckDB", DuckDb()),
        ("load average when the run started (1/5/15 min; other jobs share the cores)", LoadAtStart),
    ];

    /// <summary>Read when the bench starts: the machine is shared, and a busy one stretches every figure.</summary>
    public static string LoadAtStart { get; } = LoadNow();

    /// <summary>The load average now (1/5/15 min).</summary>
    public static string LoadNow() => File.Exists("/proc/loadavg")
        ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "unknown";

    static string Cpu()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? RuntimeInformation.ProcessArchitecture.ToString() : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    static string Ram()
    {
        if (!File.Exists("/proc/meminfo")) return "unknown";
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = long.Parse(total["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return (kb / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
    }

    static string Os()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        var kernel = $"{RuntimeInformation.OSDescription}, kernel {Environment.OSVersion.Version}";
        return pretty is null || kernel.StartsWith(pretty, StringComparison.Ordinal) ? kernel : $"{pretty} ({kernel})";
    }

    static string Sqlite()
    {
        using var conn = new SqliteConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version()";
        return (string)cmd.ExecuteScalar()! + " (Microsoft.Data.Sqlite, SQLitePCLRaw e_sqlite3)";
    }

    static string DuckDb()
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT version()";
        return (string)cmd.ExecuteScalar()! + " (DuckDB.NET.Data.Full 1.5.6.1)";
    }
}
