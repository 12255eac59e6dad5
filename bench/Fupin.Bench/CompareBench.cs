using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Fupin.Generate;

namespace Fupin.Bench;

/// <summary>
/// The verification workload (issue #5): a province's registry file against department lists, from
/// the files to the findings written, by Fupin (<c>RegistryFileLoader</c>, <c>ListFileScanner</c>,
/// <c>Comparison.Evaluate</c>) and by DuckDB (read_csv, a hash join, the rules in SQL, COPY), for one
/// list and for all of them, each in a child process; the findings must be the same rule by rule.
/// The figures go to the console and between the bench:compare markers of docs/benchmarks.md.
/// </summary>
public static class CompareBench
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    sealed record Run(string Title, CompareResult Result, string Load);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        _ = Machine.LoadAtStart;
        Directory.CreateDirectory(o.DataFolder);
        var rows = long.Parse(o["rows"] ?? "10000000", C);
        var listCount = int.Parse(o["lists"] ?? "8", C);
        var repeat = o["repeat"] ?? "1";
        var types = GenerateProvinceLists.DefaultTypes.Take(listCount).ToArray();
        var one = o["one"] ?? types[0];
        if (!types.Contains(one)) throw new ArgumentException($"--one {one} is not among the lists ({string.Join(", ", types)})");

        var registry = await ImportBench.EnsureFileAsync(o, o.Households);
        var lists = await EnsureListsAsync(o, registry, rows);
        var files = types.Select(t => Path.Combine(lists, t + ".csv")).ToArray();
        var listBytes = files.Sum(f => new FileInfo(f).Length);
        var oneBytes = new FileInfo(Path.Combine(lists, one + ".csv")).Length;

        // Both engines read from the page cache: every file is read once before.
        var warm = Stopwatch.StartNew();
        var buffer = new byte[1 << 20];
        foreach (var f in files.Append(registry))
        {
            using var s = File.OpenRead(f);
            while (s.Read(buffer) > 0)
            {
            }
        }
        Console.Error.WriteLine(string.Create(C, $"== files read once into the page cache in {warm.Elapsed.TotalSeconds:0.0} s"));

        var runs = new List<Run>();
        foreach (var (title, engine, chosen) in new[]
                 {
                     ("one list", "fupin", new[] { one }), ("one list", "duckdb", [one]),
                     ("all lists", "fupin", types), ("all lists", "duckdb", types),
                 })
        {
            var output = Path.Combine(o.DataFolder, $"findings-{engine}-{(chosen.Length == 1 ? "one" : "all")}.csv");
            var load = LoadAverage();
            var result = await ChildAsync(engine, "--registry", registry, "--lists", lists, "--types", string.Join(',', chosen), "--out", output,
                "--as-of", GenerateDepartmentLists.AsOf.ToString("yyyy-MM-dd", C), "--repeat", repeat);
            runs.Add(new Run(title, result, load));
        }

        // The same findings, rule by rule and row by row (read back from both files).
        var fupinOne = runs[0].Result;
        var listRows = runs[2].Result.ListRows;
        var oneRows = fupinOne.ListRows;
        var checks = new List<(string Title, Dictionary<string, (long Fupin, long DuckDb)> Counts, long OnlyFupin, long OnlyDuckDb)>();
        foreach (var which in (string[])["one", "all"])
        {
            var (counts, onlyFupin, onlyDuckDb) = CompareFindings(Path.Combine(o.DataFolder, $"findings-fupin-{which}.csv"), Path.Combine(o.DataFolder, $"findings-duckdb-{which}.csv"));
            checks.Add((which == "one" ? "one list" : "all lists", counts, onlyFupin, onlyDuckDb));
        }
        var same = checks.All(c => c.OnlyFupin == 0 && c.OnlyDuckDb == 0 && c.Counts.Values.All(v => v.Fupin == v.DuckDb));
        foreach (var (title, counts, onlyFupin, onlyDuckDb) in checks)
        {
            Console.Error.WriteLine($"== findings, {title}: rule, Fupin, DuckDB");
            foreach (var (rule, (f, d)) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
                Console.Error.WriteLine(string.Create(C, $"   {rule,-32} {f,10} {d,10}{(f == d ? "" : "   <-- DIFFERENT")}"));
            Console.Error.WriteLine(string.Create(C, $"   rows only in Fupin's file: {onlyFupin}, only in DuckDB's: {onlyDuckDb}"));
        }
        if (!same)
        {
            Console.Error.WriteLine("== FAILED: Fupin and DuckDB found different findings; docs/benchmarks.md left as it is.");
            return 1;
        }

        var machine = Machine.Describe(null).Where(m => m.Item1 is not ("PostgreSQL" or "SQLite")).ToList();
        var section = Report(o, rows, types, one, registry, listBytes, oneBytes, listRows, oneRows, runs, checks[1].Counts, machine);
        Console.WriteLine(section);
        if (!o.Has("no-doc"))
        {
            var doc = o["doc"] ?? Path.Combine(ImportBench.RepositoryRoot() ?? ".", "docs", "benchmarks.md");
            BenchDoc.WriteSection(doc, "bench:compare", section);
            Console.Error.WriteLine($"== wrote {doc}");
        }
        return 0;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>The lists for a registry and a row count (made once; a .done marker says they were written to the end).</summary>
    static async Task<string> EnsureListsAsync(BenchOptions o, string registry, long rows)
    {
        var dir = Path.Combine(o.DataFolder, $"lists-{o.Province}-{o.Households}-s{o.Seed}-r{rows}");
        var done = Path.Combine(dir, ".done");
        if (File.Exists(done)) return dir;
        Console.Error.WriteLine($"== generating {GenerateProvinceLists.DefaultTypes.Count} lists of {rows} rows into {dir}");
        var watch = Stopwatch.StartNew();
        var result = await new GenerateProvinceLists().HandleAsync(
            new GenerateProvinceListsRequest(registry, dir, rows, GenerateProvinceLists.DefaultTypes, o.Seed), new StderrProgress(), default);
        await File.WriteAllTextAsync(done, string.Join('\n', result.Files.Select(f => $"{f.Key} {f.Rows} {f.RegisteredRows}")));
        Console.Error.WriteLine(string.Create(C, $"== generated {result.Files.Sum(f => f.Rows)} rows in {watch.Elapsed.TotalSeconds:0.0} s"));
        return dir;
    }

    static (Dictionary<string, (long Fupin, long DuckDb)> Counts, long OnlyFupin, long OnlyDuckDb) CompareFindings(string fupin, string duckDb)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        static string Read(string path) => $"read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}', header = true, all_varchar = true, columns = {{'rule': 'VARCHAR', 'id': 'VARCHAR', 'household': 'VARCHAR'}})";
        var counts = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT coalesce(f.rule, d.rule), coalesce(f.n, 0), coalesce(d.n, 0)
                FROM (SELECT rule, count(*) AS n FROM {Read(fupin)} GROUP BY rule) f
                FULL JOIN (SELECT rule, count(*) AS n FROM {Read(duckDb)} GROUP BY rule) d ON f.rule = d.rule
                """;
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) counts[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        long Count(string sql)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToInt64(cmd.ExecuteScalar(), C);
        }
        var onlyFupin = Count($"SELECT count(*) FROM (SELECT * FROM {Read(fupin)} EXCEPT ALL SELECT * FROM {Read(duckDb)})");
        var onlyDuckDb = Count($"SELECT count(*) FROM (SELECT * FROM {Read(duckDb)} EXCEPT ALL SELECT * FROM {Read(fupin)})");
        return (counts, onlyFupin, onlyDuckDb);
    }

    /// <summary>Runs this program as `compare-worker ENGINE ...` and reads the result from its last stdout line.</summary>
    static async Task<CompareResult> ChildAsync(string engine, params string[] args)
    {
        Console.Error.WriteLine($"== {engine}: {args[5]} (load average {LoadAverage()})");
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false, FileName = self };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(CompareBench).Assembly.Location);
        foreach (var a in (string[])["compare-worker", engine, .. args]) start.ArgumentList.Add(a);
        // A batch job: every method compiled once, fully optimised, instead of starting slow and being recompiled mid-run.
        if (engine == "fupin") start.Environment["DOTNET_TieredCompilation"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last is null) throw new InvalidOperationException($"worker {engine} failed (exit {child.ExitCode}): {output}");
        var result = JsonSerializer.Deserialize<CompareResult>(last)!;
        Console.Error.WriteLine(string.Create(C,
            $"   registry {result.RegistrySeconds:0.00} s, comparison {result.CompareSeconds:0.00} s (runs: {string.Join(", ", result.AllCompareSeconds.Select(s => s.ToString("0.00", C)))}), {result.Findings} findings, peak RSS {result.PeakRssMb:0} MB; {result.Note}"));
        return result;
    }

    static string Report(BenchOptions o, long rows, string[] types, string one, string registry, long listBytes, long oneBytes, long listRows, long oneRows,
        List<Run> runs, Dictionary<string, (long Fupin, long DuckDb)> counts, IReadOnlyList<(string, string)> machine)
    {
        var sb = new StringBuilder();
        sb.AppendLine(C, $"### Comparison: {o.Households:N0} households of province {o.Province} against {types.Length} lists of {rows:N0} rows (seed {o.Seed})");
        sb.AppendLine();
        var fupinAll = runs[2].Result;
        sb.AppendLine(string.Create(C, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Registry `{Path.GetFileName(registry)}`: {new FileInfo(registry).Length / 1e6:N1} MB, {fupinAll.RegistryPersons:N0} persons with a valid ID. ")
            + string.Create(C, $"Lists ({string.Join(", ", types)}): {listRows:N0} rows, {listBytes / 1e6:N1} MB; the one list is `{one}` ({oneRows:N0} rows, {oneBytes / 1e6:N1} MB). ")
            + "Files in the page cache (read once before the runs).");
        sb.AppendLine();
        foreach (var (k, v) in machine) sb.AppendLine(C, $"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("Reproduce:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(Command(o, rows, types.Length));
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("| run | engine | list rows | comparison s | first run s | CPU s | list rows/s | list MB/s | × DuckDB | registry load s | end to end s | × DuckDB | peak RSS MB | findings | load average (1/5/15) |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < runs.Count; i++)
        {
            var (title, r, load) = runs[i];
            var duck = runs[i % 2 == 0 ? i + 1 : i].Result;
            var n = title == "one list" ? oneRows : listRows;
            var bytes = title == "one list" ? oneBytes : listBytes;
            var endToEnd = r.RegistrySeconds + r.CompareSeconds;
            sb.AppendLine(string.Create(C, $"| {title} | {(r.Engine == "fupin" ? "Fupin" : "DuckDB")} | {n:N0} | {r.CompareSeconds:0.00} | {r.AllCompareSeconds[0]:0.00} | {r.CompareCpuSeconds:0.00} | {n / r.CompareSeconds:N0} | {bytes / 1e6 / r.CompareSeconds:N0} | ")
                + string.Create(C, $"{r.CompareSeconds / duck.CompareSeconds:0.00}× | {r.RegistrySeconds:0.00} | {endToEnd:0.00} | {endToEnd / (duck.RegistrySeconds + duck.CompareSeconds):0.00}× | {r.PeakRssMb:N0} | {r.Findings:N0} | {load} |"));
        }
        sb.AppendLine();
        sb.AppendLine("Findings per rule, all lists (read back from both files; the rows are the same, not just the counts):");
        sb.AppendLine();
        sb.AppendLine("| rule | Fupin | DuckDB |");
        sb.AppendLine("|---|---:|---:|");
        foreach (var (rule, (f, d)) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) sb.AppendLine(C, $"| `{rule}` | {f:N0} | {d:N0} |");
        sb.AppendLine();
        foreach (var (title, r, _) in runs)
            sb.AppendLine(C, $"- {title}, {(r.Engine == "fupin" ? "Fupin" : "DuckDB")}: comparison runs {string.Join(", ", r.AllCompareSeconds.Select(s => s.ToString("0.00", C)))} s; RSS after the registry {r.RssAfterRegistryMb:N0} MB; {r.Note}.");
        sb.AppendLine();
        var oneRatio = runs[0].Result.CompareSeconds / runs[1].Result.CompareSeconds;
        var allRatio = runs[2].Result.CompareSeconds / runs[3].Result.CompareSeconds;
        var peak = Math.Max(runs[0].Result.PeakRssMb, runs[2].Result.PeakRssMb);
        sb.AppendLine(string.Create(C, $"Goal: beat DuckDB from files to stored findings — Fupin/DuckDB {oneRatio:0.00} for one list, {allRatio:0.00} for all lists ")
            + string.Create(C, $"({(oneRatio < 1 && allRatio < 1 ? "met" : "not met")}); peak memory under 1 GB — {peak:N0} MB ({(peak < 1024 ? "met" : "not met")})."));
        sb.AppendLine();
        sb.AppendLine("“comparison” is the best of the runs of: every list read, matched and compared, the findings written to a CSV file (rule, ID number, household number); "
            + "“first run” is the first of them, “CPU” the processor time of the best (all threads; less sensitive than seconds to the other jobs on the machine). "
            + "The registry is loaded before, once per process (“registry load”: the national-layout file read by Fupin's `RegistryFileLoader`, and by DuckDB's read_csv "
            + "of the same columns into tables). “end to end” is registry load plus comparison. Each engine ran in its own process; peak RSS is its VmHWM. "
            + "The Fupin worker runs with `DOTNET_TieredCompilation=0` (a batch job: methods compiled once, fully optimised). "
            + "DuckDB reads every list with read_csv and joins them, as one UNION ALL, to the registry once (BIGINT key, ID text checked), then applies the rules in SQL "
            + "and COPYs the findings; the SQL folds ID numbers and names exactly as Fupin does (lower-case x, full-width digits, 15-digit numbers, white space).");
        return sb.ToString().TrimEnd();
    }

    static string Command(BenchOptions o, long rows, int lists)
    {
        var sb = new StringBuilder("dotnet run -c Release --project bench/Fupin.Bench -- compare");
        sb.Append(C, $" --households {o.Households} --rows {rows} --lists {lists} --seed {o.Seed} --data {o.DataFolder}");
        if (o.Province != "41") sb.Append(C, $" --province {o.Province}");
        if (o["one"] is { } one) sb.Append(C, $" --one {one}");
        if (o["repeat"] is { } repeat) sb.Append(C, $" --repeat {repeat}");
        return sb.ToString();
    }

    sealed class StderrProgress : IProgress<string>
    {
        public void Report(string value) => Console.Error.WriteLine("    " + value);
    }
}
