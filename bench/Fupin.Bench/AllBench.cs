using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fupin.Bench;

/// <summary>
/// `all`: every workload of the suite in one command, one after another on the same data (import, comparison,
/// assessment, the HTTP load on the board and the household search), each rewriting its own section of
/// docs/benchmarks.md with its anchors measured in the same run; then the `bench:all` section lists what ran, for how
/// long and whether it met its goal. The options are passed to every workload (--households, --seed, --data, --pg,
/// --doc/--no-doc); --skip import,compare leaves workloads out (their sections keep their last figures and dates).
/// </summary>
public static class AllBench
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    sealed record Step(string Name, string What, Func<BenchOptions, Task<int>> Run);

    static readonly Step[] Steps =
    [
        new("import", "import: Sep floor, DuckDB read_csv, Fupin parse+check, into SQLite and into PostgreSQL (binary COPY)", ImportBench.RunAsync),
        new("compare", "verification: the registry against 8 department lists, Fupin against DuckDB", CompareBench.RunAsync),
        new("assess", "exit assessment of every household, Fupin against DuckDB SQL", AssessBench.RunAsync),
        new("board", "HTTP load: board page, board JSON, household search at 50 and 200 users on PostgreSQL", BoardBench.RunAsync),
    ];

    public static async Task<int> RunAsync(BenchOptions o)
    {
        if (o.Postgres is null)
            throw new ArgumentException("the suite needs a PostgreSQL server (import into PostgreSQL, the board load): --pg or FUPIN_BENCH_PG");
        var skip = (o["skip"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var s in skip)
        {
            if (!Steps.Any(x => x.Name == s)) throw new ArgumentException($"unknown workload '{s}' (known: {string.Join(", ", Steps.Select(x => x.Name))})");
        }

        var started = DateTime.UtcNow;
        var rows = new List<(Step Step, int? Exit, TimeSpan Took, string? Error)>();
        foreach (var step in Steps)
        {
            if (skip.Contains(step.Name)) { rows.Add((step, null, TimeSpan.Zero, null)); continue; }
            Console.Error.WriteLine($"==== {step.Name}: {step.What}");
            var sw = Stopwatch.StartNew();
            try
            {
                var exit = await step.Run(o);
                rows.Add((step, exit, sw.Elapsed, null));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or Npgsql.NpgsqlException)
            {
                // One broken workload must not hide the others' figures; it is reported and fails the run.
                Console.Error.WriteLine($"==== {step.Name} failed: {e.Message}");
                rows.Add((step, 1, sw.Elapsed, e.Message));
            }
        }

        var section = Report(o, started, rows);
        Console.WriteLine(section);
        if (!o.Has("no-doc"))
        {
            var root = ImportBench.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository");
            BenchDoc.WriteSection(o["doc"] ?? Path.Combine(root, "docs", "benchmarks.md"), "bench:all", section);
        }
        return rows.Any(r => r.Exit is > 0) ? 1 : 0;
    }

    static string Report(BenchOptions o, DateTime started, List<(Step Step, int? Exit, TimeSpan Took, string? Error)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## The whole suite");
        sb.AppendLine();
        sb.AppendLine(string.Create(C, $"Last run of `all` started {started:yyyy-MM-dd HH:mm} UTC with {o.Households:N0} households (seed {o.Seed}). Reproduce:"));
        sb.AppendLine();
        sb.AppendLine("```bash");
        sb.AppendLine("dotnet build src/Fupin.Web -c Release   # the board workload starts the Release web app");
        sb.AppendLine(string.Create(C, $"dotnet run --project bench/Fupin.Bench -c Release -- all --households {o.Households} --pg \"Host=...;Username=...;Database=postgres\""));
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("| workload | what | minutes | result |");
        sb.AppendLine("|---|---|---:|---|");
        foreach (var (step, exit, took, error) in rows)
        {
            var result = exit switch
            {
                null => "skipped in this run (`--skip`); its section keeps its last figures",
                0 => "ran; goal met or no goal",
                _ => error is null ? "ran; goal missed or errors (see its section)" : "failed: " + error,
            };
            sb.AppendLine(string.Create(C, $"| {step.Name} | {step.What} | {(exit is null ? "—" : took.TotalMinutes.ToString("0.0", C))} | {result} |"));
        }
        return sb.ToString().TrimEnd();
    }
}
