using Fupin.Bench;

// `import [options]` runs the import workloads, each in a child process of this program
// (`worker NAME ...`), so every workload reports its own peak memory.
return args switch
{
    ["import", .. var rest] => await ImportBench.RunAsync(BenchOptions.Parse(rest)),
    ["worker", var name, .. var rest] => await Worker.RunAsync(name, BenchOptions.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Fupin.Bench import [--households 2000000] [--seed 1] [--data /tmp/fupin-bench] [--pg "Host=...;Username=...;Database=postgres"]
                                  [--workloads sep,sep-parallel,duckdb-count,duckdb-table,check,check-quarter,check-half,sqlite,pg]
                                  [--doc docs/benchmarks.md | --no-doc]
        PostgreSQL: --pg or the environment variable FUPIN_BENCH_PG (a server where a new database may be created).
        """);
    return 2;
}
