using Fupin.Bench;

// `all [options]` runs every workload below in turn (one command regenerates docs/benchmarks.md);
// `import [options]` runs the import workloads, `compare [options]` the verification workload, `assess` the exit
// assessment and `board` the HTTP load on the command board; import, compare and assess run
// each in child processes of this program (`worker NAME ...`, `compare-worker ENGINE ...`), so every
// workload reports its own peak memory.
return args switch
{
    ["import", .. var rest] => await ImportBench.RunAsync(BenchOptions.Parse(rest)),
    ["compare", .. var rest] => await CompareBench.RunAsync(BenchOptions.Parse(rest)),
    ["worker", var name, .. var rest] => await Worker.RunAsync(name, BenchOptions.Parse(rest)),
    ["compare-worker", var engine, .. var rest] => CompareWorker.Run(engine, BenchOptions.Parse(rest)),
    ["assess", .. var rest] => await AssessBench.RunAsync(BenchOptions.Parse(rest)),
    ["assess-worker", var engine, .. var rest] => AssessWorker.Run(engine, BenchOptions.Parse(rest)),
    ["board", .. var rest] => await BoardBench.RunAsync(BenchOptions.Parse(rest)),
    ["all", .. var rest] => await AllBench.RunAsync(BenchOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Fupin.Bench import [--households 2000000] [--seed 1] [--data /tmp/fupin-bench] [--pg "Host=...;Username=...;Database=postgres"]
                                  [--workloads sep,sep-parallel,duckdb-count,duckdb-table,check,check-quarter,check-half,sqlite,pg]
                                  [--doc docs/benchmarks.md | --no-doc]
        PostgreSQL: --pg or the environment variable FUPIN_BENCH_PG (a server where a new database may be created).
               Fupin.Bench compare [--households 2000000] [--rows 10000000] [--lists 8] [--one deaths] [--repeat 1] [--seed 1] [--data /tmp/fupin-bench]
                                   [--doc docs/benchmarks.md | --no-doc]
               Fupin.Bench assess [--households 2000000] [--year 2017] [--as-of 2017-12-31] [--margin 1.1] [--repeat 5] [--seed 1] [--data /tmp/fupin-bench]
                                  [--doc docs/benchmarks.md | --no-doc]
               Fupin.Bench board [--households 2000000] [--region 411321] [--users 50,200] [--seconds 30] [--port 5199] [--seed 1] [--data /tmp/fupin-bench] [--load-only | --pages-only]
                                 [--pg "Host=...;Username=...;Database=postgres"] [--doc docs/benchmarks.md | --no-doc]
               (board: build src/Fupin.Web in Release first; the imported database is kept and reused)
        """);
    return 2;
}
