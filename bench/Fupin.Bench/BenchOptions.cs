using System.Globalization;

namespace Fupin.Bench;

/// <summary>The command line of the bench and of its workers (--name value pairs and --flags).</summary>
public sealed class BenchOptions
{
    public static readonly string[] AllWorkloads =
        ["sep", "sep-parallel", "duckdb-count", "duckdb-table", "sqlite-insert", "pg-copy", "check-quarter", "check-half", "check", "sqlite", "pg"];

    readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'");
            var name = args[i][2..];
            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            o._values[name] = value;
        }
        return o;
    }

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public int Households => int.Parse(this["households"] ?? "2000000", CultureInfo.InvariantCulture);

    public int Seed => int.Parse(this["seed"] ?? "1", CultureInfo.InvariantCulture);

    public string DataFolder => this["data"] ?? "/tmp/fupin-bench";

    public string Province => this["province"] ?? "41";

    /// <summary>The server for the PostgreSQL workload: --pg, else FUPIN_BENCH_PG; null when neither is set.</summary>
    public string? Postgres => this["pg"] is { Length: > 0 } pg ? pg
        : Environment.GetEnvironmentVariable("FUPIN_BENCH_PG") is { Length: > 0 } env ? env : null;

    public IReadOnlyList<string> Workloads
    {
        get
        {
            if (this["workloads"] is not { } list) return AllWorkloads;
            var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var w in chosen)
            {
                if (!AllWorkloads.Contains(w)) throw new ArgumentException($"unknown workload '{w}' (known: {string.Join(", ", AllWorkloads)})");
            }
            return [.. AllWorkloads.Where(chosen.Contains)];
        }
    }
}
