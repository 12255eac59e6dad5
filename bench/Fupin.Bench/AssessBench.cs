using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fupin.Assessment;
using Fupin.Assessment.Engine;
using Fupin.Demo;

namespace Fupin.Bench;

/// <summary>
/// The assessment workload (issue #6): every household of a province's registry file tested for exit
/// (HouseholdTest's six indicators) and summed per village as AssessHouseholds does, by Fupin
/// (<see cref="RegistryColumnsLoader"/>, <see cref="BulkAssessor"/>) and by DuckDB (the same in SQL),
/// each in a child process; the sums must be the same village by village. The figures go to the
/// console and between the bench:assess markers of docs/benchmarks.md.
/// </summary>
public static class AssessBench
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The goal of issue #6: the whole province assessed in at most this many seconds.</summary>
    const double GoalSeconds = 3.0;

    sealed record Run(AssessResult Result, string Load);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        _ = Machine.LoadAtStart;
        Directory.CreateDirectory(o.DataFolder);
        var year = int.Parse(o["year"] ?? "2017", C);
        var asOf = o["as-of"] is { } a ? DateOnly.ParseExact(a, "yyyy-MM-dd", C) : HouseholdVisits.DefaultAsOf(year, DemoCounty.BusinessDate);
        var line = PovertyLine.Seed.SingleOrDefault(l => l.Scope == PovertyLineScope.ExitThreshold && l.Year == year)
            ?? throw new ArgumentException($"no seeded exit line for {year}");
        var margin = o["margin"] ?? "1.1";
        var repeat = o["repeat"] ?? "5";

        var registry = await ImportBench.EnsureFileAsync(o, o.Households);
        var warm = Stopwatch.StartNew();
        var buffer = new byte[1 << 20];
        using (var s = File.OpenRead(registry))
        {
            while (s.Read(buffer) > 0)
            {
            }
        }
        Console.Error.WriteLine(string.Create(C, $"== {registry} read once into the page cache in {warm.Elapsed.TotalSeconds:0.0} s"));

        // First the corner cases (none of which the generator draws) through both engines: the same sums or no figures.
        var edges = WriteEdgeFile(o.DataFolder);
        foreach (var engine in (string[])["fupin", "duckdb"])
        {
            await ChildAsync(engine, LoadAverage(), "--registry", edges, "--out", Path.Combine(o.DataFolder, $"assess-edges-{engine}.csv"), "--year", "2017",
                "--as-of", EdgeAsOf, "--line", "3335", "--margin", "1.1", "--repeat", "1");
        }
        var edgeCheck = CompareTallies(Path.Combine(o.DataFolder, "assess-edges-fupin.csv"), Path.Combine(o.DataFolder, "assess-edges-duckdb.csv"));
        var edgeTotals = Totals(Path.Combine(o.DataFolder, "assess-edges-fupin.csv"));
        Console.Error.WriteLine(string.Create(C, $"== corner cases: {edgeCheck.Villages} villages; only in Fupin's {edgeCheck.OnlyFupin}, only in DuckDB's {edgeCheck.OnlyDuckDb}, different {edgeCheck.Different}"));
        foreach (var e in edgeCheck.Examples) Console.Error.WriteLine("   " + e);
        if (edgeCheck.OnlyFupin + edgeCheck.OnlyDuckDb + edgeCheck.Different > 0)
        {
            Console.Error.WriteLine("== FAILED: Fupin and DuckDB summed the corner cases differently; docs/benchmarks.md left as it is.");
            return 1;
        }

        var runs = new List<Run>();
        foreach (var engine in (string[])["fupin", "duckdb"])
        {
            var load = LoadAverage();
            var output = Path.Combine(o.DataFolder, $"assess-{engine}.csv");
            var result = await ChildAsync(engine, load, "--registry", registry, "--out", output, "--year", year.ToString(C),
                "--as-of", asOf.ToString("yyyy-MM-dd", C), "--line", line.AmountYuan.ToString(C), "--margin", margin, "--repeat", repeat);
            runs.Add(new Run(result, load));
        }

        var (villages, onlyFupin, onlyDuckDb, different, examples) = CompareTallies(Path.Combine(o.DataFolder, "assess-fupin.csv"), Path.Combine(o.DataFolder, "assess-duckdb.csv"));
        Console.Error.WriteLine(string.Create(C, $"== village sums: {villages} villages; only in Fupin's {onlyFupin}, only in DuckDB's {onlyDuckDb}, different {different}"));
        foreach (var e in examples) Console.Error.WriteLine("   " + e);
        var totals = Totals(Path.Combine(o.DataFolder, "assess-fupin.csv"));
        if (onlyFupin + onlyDuckDb + different > 0)
        {
            Console.Error.WriteLine("== FAILED: Fupin and DuckDB summed differently; docs/benchmarks.md left as it is.");
            return 1;
        }

        var machine = Machine.Describe(null).Where(m => m.Item1 is not ("PostgreSQL" or "SQLite")).ToList();
        var section = Report(o, registry, year, asOf, line.AmountYuan, margin, repeat, runs, villages, totals, machine, edgeTotals);
        Console.WriteLine(section);
        if (!o.Has("no-doc"))
        {
            var doc = o["doc"] ?? Path.Combine(ImportBench.RepositoryRoot() ?? ".", "docs", "benchmarks.md");
            BenchDoc.WriteSection(doc, "bench:assess", section);
            Console.Error.WriteLine($"== wrote {doc}");
        }
        return 0;
    }

    const string EdgeAsOf = "2018-02-28";

    /// <summary>
    /// A registry file of corner cases in the national layout's column names (only the columns the test reads),
    /// for year 2017 (line 3335 yuan = 333500 fen, unstable below 366850) and ages on <see cref="EdgeAsOf"/>.
    /// </summary>
    static string WriteEdgeFile(string folder)
    {
        var path = Path.Combine(folder, "assess-edges.csv");
        //  household: number, village, status, grade, water, income year, 人数, 纯收入; members: birth, 文化程度, 在校生状况, 基本医疗
        var households = new (string Number, string Village, string Status, string Grade, string Water, string Year, string Size, string Net, (string Birth, string Edu, string Stu, string Med)[] Members)[]
        {
            ("E01", "甲县/甲乡/一村", "未脱贫", "A级", "是", "2017", "2", "6670.00", [("1980-01-01", "初中", "", "是"), ("2012-02-29", "", "非在校生", "是")]),
            ("E02", "甲县/甲乡/一村", "返贫", "B级", "是", "2017", "0", "7337", [("1980-01-01", "初中", "", "是"), ("2012-02-28", "", "学前教育", "是")]),
            ("E03", "甲县/甲乡/一村", "未脱贫", "C级", "否", "2016", "1", "9000", [("2002-03-01", "", "非在校生", "是")]),
            ("E04", "甲县/甲乡/一村", "已脱贫(享受政策)", "A级", "是", "2017", "1", "3334.99", [("1980-01-01", "初中", "", "否"), ("2008-02-29", "小学", "", "是")]),
            ("E05", "甲县/甲乡/二村", "未脱贫", "D级", "是", "2017", "1", "-100.5", [("2002-02-28", "", "非在校生", "是")]),
            ("E06", "甲县/甲乡/二村", "未脱贫", "A级", "是", "2017", "1", "", [("2011-02-28", "", "学龄前儿童", "是")]),
            ("E07", "甲县/甲乡/二村", "已脱贫(不再享受政策)", "A级", "否", "2017", "3", "20000.5", [("1980-01-01", "初中", "", "是"), ("2004-01-01", "高中", "", "是"), ("2011-02-27", "", "学龄前儿童", "否")]),
            ("E08", "甲县/乙乡/三村", "未脱贫", "", "是", "2017", "2", "6670.01", [("1975-05-05", "小学", "", "是"), ("1976-06-06", "文盲或半文盲", "", "是")]),
        };
        using var w = new StreamWriter(path, false, new UTF8Encoding(true));
        w.WriteLine("县(市、区、旗),乡(镇),行政村,户编号,人数,出生日期,文化程度,在校生状况,是否参加城乡居民基本医疗保险,脱贫属性,危房级别,是否解决安全饮用水,收入年度,纯收入(元)");
        foreach (var h in households)
        {
            var place = h.Village.Split('/');
            foreach (var m in h.Members)
                w.WriteLine(string.Join(',', place[0], place[1], place[2], h.Number, h.Size, m.Birth, m.Edu, m.Stu, m.Med, h.Status, h.Grade, h.Water, h.Year, h.Net));
        }
        return path;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Both files' lines by village: how many villages, how many only on one side, how many differ, and a few examples.</summary>
    static (int Villages, int OnlyFupin, int OnlyDuckDb, int Different, List<string> Examples) CompareTallies(string fupin, string duckDb)
    {
        static Dictionary<string, string> Read(string path) => File.ReadLines(path).Skip(1).ToDictionary(l => l[..l.IndexOf(',', StringComparison.Ordinal)], l => l, StringComparer.Ordinal);
        var f = Read(fupin);
        var d = Read(duckDb);
        var examples = new List<string>();
        int onlyF = 0, onlyD = 0, diff = 0;
        foreach (var (v, l) in f)
        {
            if (!d.TryGetValue(v, out var other))
            {
                onlyF++;
                if (examples.Count < 10) examples.Add($"only Fupin:  {l}");
            }
            else if (other != l)
            {
                diff++;
                if (examples.Count < 10) examples.Add($"Fupin:  {l}\n   DuckDB: {other}");
            }
        }
        foreach (var (v, l) in d)
        {
            if (f.ContainsKey(v)) continue;
            onlyD++;
            if (examples.Count < 10) examples.Add($"only DuckDB: {l}");
        }
        return (f.Count, onlyF, onlyD, diff, examples);
    }

    /// <summary>The province's sums (every column of the file added up over the villages).</summary>
    static long[] Totals(string path)
    {
        var sums = new long[21];
        foreach (var l in File.ReadLines(path).Skip(1))
        {
            var cells = l.Split(',');
            for (var i = 1; i < cells.Length && i <= sums.Length; i++) sums[i - 1] += long.Parse(cells[i], C);
        }
        return sums;
    }

    /// <summary>Runs this program as `assess-worker ENGINE ...` and reads the result from its last stdout line.</summary>
    static async Task<AssessResult> ChildAsync(string engine, string load, params string[] args)
    {
        Console.Error.WriteLine($"== {engine} (load average {load})");
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false, FileName = self };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(AssessBench).Assembly.Location);
        foreach (var a in (string[])["assess-worker", engine, .. args]) start.ArgumentList.Add(a);
        // A batch job: every method compiled once, fully optimised.
        if (engine == "fupin") start.Environment["DOTNET_TieredCompilation"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || last is null) throw new InvalidOperationException($"worker {engine} failed (exit {child.ExitCode}): {output}");
        var result = JsonSerializer.Deserialize<AssessResult>(last)!;
        Console.Error.WriteLine(string.Create(C,
            $"   load {result.LoadSeconds:0.00} s, assessment {result.AssessSeconds:0.000} s (runs: {string.Join(", ", result.AllAssessSeconds.Select(s => s.ToString("0.000", C)))}), peak RSS {result.PeakRssMb:0} MB; {result.Note}"));
        return result;
    }

    static string Command(BenchOptions o, string repeat)
    {
        var sb = new StringBuilder("dotnet run -c Release --project bench/Fupin.Bench -- assess");
        sb.Append(C, $" --households {o.Households} --seed {o.Seed} --data {o.DataFolder} --repeat {repeat}");
        if (o.Province != "41") sb.Append(C, $" --province {o.Province}");
        if (o["year"] is { } year) sb.Append(C, $" --year {year}");
        if (o["as-of"] is { } asOf) sb.Append(C, $" --as-of {asOf}");
        if (o["margin"] is { } margin) sb.Append(C, $" --margin {margin}");
        return sb.ToString();
    }

    static string Report(BenchOptions o, string registry, int year, DateOnly asOf, int lineYuan, string margin, string repeat,
        List<Run> runs, int villages, long[] totals, IReadOnlyList<(string, string)> machine, long[] edgeTotals)
    {
        var sb = new StringBuilder();
        var fupin = runs[0].Result;
        var duck = runs[1].Result;
        sb.AppendLine(C, $"### Assessment: every household of {o.Households:N0} in province {o.Province} (seed {o.Seed}), year {year}");
        sb.AppendLine();
        sb.AppendLine(string.Create(C, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Registry `{Path.GetFileName(registry)}`: {new FileInfo(registry).Length / 1e6:N1} MB, ")
            + string.Create(C, $"{fupin.Households:N0} households, {fupin.Persons:N0} members, {villages:N0} villages; in the page cache (read once before the runs). ")
            + string.Create(C, $"Year {year}: exit line {lineYuan} yuan, unstable below {margin} × the line, ages on {asOf:yyyy-MM-dd}, k = 1/3 (2 of 6 indicators)."));
        sb.AppendLine();
        foreach (var (k, v) in machine) sb.AppendLine(C, $"- {k}: {v}");
        sb.AppendLine();
        sb.AppendLine("Reproduce:");
        sb.AppendLine();
        sb.AppendLine("```");
        sb.AppendLine(Command(o, repeat));
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("| engine | assessment s (best) | all runs s | CPU s | households/s | × DuckDB | load s | load CPU s | RSS after load MB | peak RSS MB | load average (1/5/15) |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (r, load) in runs)
        {
            sb.AppendLine(string.Create(C, $"| {(r.Engine == "fupin" ? "Fupin" : "DuckDB")} | {r.AssessSeconds:0.000} | {string.Join(", ", r.AllAssessSeconds.Select(s => s.ToString("0.000", C)))} | {r.AssessCpuSeconds:0.00} | ")
                + string.Create(C, $"{r.Households / r.AssessSeconds:N0} | {r.AssessSeconds / duck.AssessSeconds:0.00}× | {r.LoadSeconds:0.00} | {r.LoadCpuSeconds:0.00} | {r.RssAfterLoadMb:N0} | {r.PeakRssMb:N0} | {load} |"));
        }
        sb.AppendLine();
        var names = VillageTally.Header.Split(',').Skip(1).ToArray();
        sb.AppendLine("Province sums (the villages' sums added up; identical on both sides, village by village): "
            + string.Join(", ", names.Select((n, i) => string.Create(C, $"{n} {totals[i]:N0}"))) + ".");
        sb.AppendLine();
        sb.AppendLine(string.Create(C, $"The generated province has no school-age child out of school (notmet_education 0). So before it, both engines ran on a small file of corner cases ")
            + string.Create(C, $"(`assess-edges.csv`, written by the bench: ages on {EdgeAsOf}, 2012-02-29 births turning 6 on 28 February, 学前教育 at 6 and 学龄前儿童 at 7, 非在校生 at 15 and 16, ")
            + "文化程度 小学 and 高中 without 在校生状况, income exactly at the line and one fen below, 人数 0, a negative and an empty 纯收入, another income year, C and D grades, unsafe water, "
            + "uninsured members) and gave the same sums village by village: "
            + string.Join(", ", names.Select((n, i) => (n, v: edgeTotals[i])).Where(x => x.v != 0).Select(x => string.Create(C, $"{x.n} {x.v}"))) + ".");
        sb.AppendLine();
        var ratio = fupin.AssessSeconds / duck.AssessSeconds;
        sb.AppendLine(string.Create(C, $"Goal (issue #6): the province assessed in at most {GoalSeconds:0} s — Fupin {fupin.AssessSeconds:0.000} s ({(fupin.AssessSeconds <= GoalSeconds ? "met" : "not met")}); ")
            + string.Create(C, $"Fupin/DuckDB {ratio:0.00} (DuckDB {duck.AssessSeconds:0.000} s). Same sums in all {villages:N0} villages: checked, no difference."));
        sb.AppendLine();
        sb.AppendLine("“assessment” is the best of the runs of: every household tested on the six indicators of `HouseholdTest` (收入 against the line with the unstable margin, "
            + "不愁吃穿, 义务教育 for ages 6–15 on the as-of date with the 学前教育-at-6 rule, 基本医疗, 住房安全, 饮水安全) and summed per village as `AssessHouseholds` sums "
            + "(households, persons, poor households and persons, 不达标 and 未核实 per indicator, Alkire–Foster q and deprivation sum over persons, meeting the exit standard, "
            + "meeting it but for 未核实, unstable), the sums kept in memory; they are written to a file afterwards, untimed, and compared. "
            + "The file has no home visits, so 不愁吃穿 is 未核实 for every household on both sides (and no household meets the exit standard outright); "
            + "it has no out-of-school reasons or renovation dates either. “load” is once per process: Fupin's `RegistryColumnsLoader` (the national-layout file read "
            + "on both cores into columns: about 30 bytes a household and 5 a member), DuckDB's read_csv of the same columns into a `households` table (dense id, "
            + "household columns, 纯收入 in fen) and a `members` table (household id, birth date, insurance, and the schooling decoded from 文化程度/在校生状况 into a "
            + "small code, as Fupin's loader decodes it into a byte). DuckDB's query computes each member's age on the as-of date, the school-age failures and "
            + "insurance per household, joins that aggregate to the households, tests income, housing and water, and sums per village, into a temporary table; "
            + "Fupin compares birth days with bounds found once per run from `Member.Age`. "
            + "“CPU” is the process's processor time over the best run (both threads; coarse for Fupin's fraction of a second). Each engine ran in its own "
            + "process; peak RSS is its VmHWM. The Fupin worker runs with `DOTNET_TieredCompilation=0`. The machine is shared with other jobs: the load average is "
            + "given per run, and CPU seconds are less sensitive to it than elapsed seconds.");
        return sb.ToString().TrimEnd();
    }
}
