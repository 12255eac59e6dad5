namespace Fupin.Bench;

/// <summary>
/// Writes one workload family's section into docs/benchmarks.md between its markers
/// (<c>&lt;!-- NAME:begin --&gt;</c> … <c>&lt;!-- NAME:end --&gt;</c>), leaving the rest of the
/// document as it is; a missing document or section is created.
/// </summary>
public static class BenchDoc
{
    const string Intro = """
        # Benchmarks

        Whole workloads on generated data, run by `bench/Fupin.Bench` (a console app, not BenchmarkDotNet:
        each workload is one timed run of a real job over a real file). The data comes from
        `fupin generate registry` (`src/Fupin.Core/Generate`): a province's registry in the national
        member-list layout, one row per person, deterministic for a seed, cached in the data folder.
        Every workload runs in a child process of the bench, so each reports its own peak memory
        (VmHWM from /proc/self/status).

        ## Import

        - **(a) Sep floor**: read every row and touch every cell's span (sum of lengths) with Sep, on
          one thread and with Sep's `ParallelEnumerate`. Nothing can read the file faster in .NET.
        - **(b) DuckDB anchor**: `SELECT count(*) FROM read_csv(FILE, header=true, all_varchar=true)` in
          an in-memory database, and `CREATE TABLE t AS SELECT * FROM read_csv(...)` into a database
          file (DuckDB.NET.Data.Full), as an outside yardstick for reading and storing the same file.
        - **(c) Fupin parse+check**: `ImportHouseholds` as a dry run (read, parse, check every rule,
          match against the database, nothing written) on a freshly migrated SQLite database holding
          only the province's places; also at ¼ and ½ of the size, to show whether memory is flat in
          file size.
        - **(d) Fupin import into SQLite**: the same, written (one file database).
        - **(e) Fupin import into PostgreSQL**: the same into a new database on the server given by
          `--pg` or `FUPIN_BENCH_PG` (dropped afterwards); without a server the table says why it was
          not measured.

        The section below is rewritten by each run (`--no-doc` leaves this file alone).

        """;

    public static void WriteSection(string path, string name, string content)
    {
        var begin = $"<!-- {name}:begin -->";
        var end = $"<!-- {name}:end -->";
        var block = $"{begin}\n{content}\n{end}";
        var doc = File.Exists(path) ? File.ReadAllText(path) : Intro.Replace("\r\n", "\n", StringComparison.Ordinal);
        var i = doc.IndexOf(begin, StringComparison.Ordinal);
        var j = i < 0 ? -1 : doc.IndexOf(end, i, StringComparison.Ordinal);
        doc = i >= 0 && j >= 0
            ? string.Concat(doc.AsSpan(0, i), block, doc.AsSpan(j + end.Length))
            : doc.TrimEnd('\n') + "\n\n" + block + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, doc);
    }
}
