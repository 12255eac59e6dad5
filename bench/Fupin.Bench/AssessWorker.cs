using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Fupin.Assessment;
using Fupin.Assessment.Engine;
using Fupin.Imports;
using Fupin.Registry;

namespace Fupin.Bench;

/// <summary>What an assessment worker prints as its last stdout line (JSON).</summary>
/// <param name="LoadSeconds">The registry file read into memory (Fupin: columns; DuckDB: tables), once.</param>
/// <param name="AssessSeconds">Best of the repeats: every household tested and summed per village (the sums kept in memory).</param>
/// <param name="AllAssessSeconds">Every repeat's time.</param>
/// <param name="AssessCpuSeconds">Processor time (all threads) of the fastest run.</param>
public sealed record AssessResult(
    string Engine, long Households, long Persons, int Villages, double LoadSeconds, double LoadCpuSeconds,
    double AssessSeconds, IReadOnlyList<double> AllAssessSeconds, double AssessCpuSeconds,
    double PeakRssMb, double RssAfterLoadMb, string Note);

/// <summary>
/// One engine's assessment in a process of its own: load the registry file, then (timed, repeated)
/// test every household (HouseholdTest's six indicators) and sum per village as AssessHouseholds does;
/// the sums are written afterwards (untimed) to a CSV file, one line per village (<see cref="VillageTally.Line"/>).
/// Fupin: <see cref="RegistryColumnsLoader"/> and <see cref="BulkAssessor"/>. DuckDB: read_csv into a
/// households and a members table, the indicators and sums as one SQL query into a table.
/// </summary>
public static class AssessWorker
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static int Run(string engine, BenchOptions o)
    {
        var registry = o["registry"] ?? throw new ArgumentException("--registry is required");
        var output = o["out"] ?? throw new ArgumentException("--out is required");
        var year = int.Parse(o["year"] ?? "2017", C);
        var asOf = DateOnly.ParseExact(o["as-of"] ?? $"{year}-12-31", "yyyy-MM-dd", C);
        var line = int.Parse(o["line"] ?? throw new ArgumentException("--line is required"), C);
        var margin = decimal.Parse(o["margin"] ?? "1.1", C);
        var repeat = int.Parse(o["repeat"] ?? "1", C);
        var options = new BulkAssessOptions(line, asOf, margin);
        var result = engine switch
        {
            "fupin" => Fupin(registry, output, year, options, repeat),
            "duckdb" => DuckDb(registry, output, year, options, repeat),
            _ => throw new ArgumentException($"unknown engine {engine}"),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    static double CpuSeconds()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    static double RssMb()
    {
        foreach (var l in File.ReadLines("/proc/self/status"))
        {
            if (l.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(l["VmRSS:".Length..].Trim().Split(' ')[0], C) / 1024.0;
        }
        return 0;
    }

    static void Write(string output, IEnumerable<VillageTally> tallies)
    {
        using var w = new StreamWriter(output, false, new UTF8Encoding(false));
        w.WriteLine(VillageTally.Header);
        foreach (var t in tallies.OrderBy(t => t.Village, StringComparer.Ordinal)) w.WriteLine(t.Line);
    }

    // ---- Fupin: RegistryColumnsLoader, BulkAssessor ----

    static AssessResult Fupin(string registry, string output, int year, BulkAssessOptions options, int repeat)
    {
        var cpu = CpuSeconds();
        var watch = Stopwatch.StartNew();
        var load = new RegistryColumnsLoader().Load(registry, year);
        var columns = load.Columns ?? throw new InvalidOperationException($"{registry}: {load.Error}");
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var loadCpu = CpuSeconds() - cpu;
        GC.Collect();
        var rssAfterLoad = RssMb();
        Console.Error.WriteLine(string.Create(C,
            $"   fupin: {load.Rows} rows, {columns.Households} households, {columns.Members} members, {columns.Villages.Length} villages in {loadSeconds:0.00} s (CPU {loadCpu:0.00} s), RSS {rssAfterLoad:0} MB; {load.BadDates} birth dates unreadable"));

        var times = new List<double>();
        var cpus = new List<double>();
        VillageTally[] tallies = [];
        for (var run = 0; run < repeat; run++)
        {
            if (run > 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            cpu = CpuSeconds();
            watch.Restart();
            tallies = BulkAssessor.Assess(columns, options);
            times.Add(watch.Elapsed.TotalSeconds);
            cpus.Add(CpuSeconds() - cpu);
            Console.Error.WriteLine(string.Create(C, $"   fupin run {run + 1}: {times[^1]:0.000} s, CPU {cpus[^1]:0.00} s"));
        }
        Write(output, tallies);
        var best = times.IndexOf(times.Min());
        return new AssessResult("fupin", columns.Households, columns.Members, columns.Villages.Length, loadSeconds, loadCpu, times[best], times, cpus[best],
            Worker.PeakRssMb(), rssAfterLoad, $"{Environment.ProcessorCount} threads, blocks of households taken in turn, one table of village sums per thread");
    }

    // ---- DuckDB: read_csv into tables, one query ----

    static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static AssessResult DuckDb(string registry, string output, int year, BulkAssessOptions options, int repeat)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        string[] header;
        using (var reader = new StreamReader(registry, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
            header = (reader.ReadLine() ?? "").Split(',').Select(c => c.Trim('"')).ToArray();
        string Col(Field f)
        {
            var i = Array.FindIndex(header, h => Columns.Match(h) == f);
            return i >= 0 ? Ident(header[i]) : "NULL::VARCHAR";
        }
        var hasCode = header.Any(h => Columns.Match(h) == Field.VillageCode);
        var village = hasCode ? Col(Field.VillageCode) : $"concat_ws('/', {Col(Field.County)}, {Col(Field.Township)}, {Col(Field.Village)})";
        var poor = string.Join(", ", new[] { PovertyStatus.NotExited, PovertyStatus.Relapsed }.Select(s => Quote(CodeCatalog.Label(s))));

        var cpu = CpuSeconds();
        var watch = Stopwatch.StartNew();
        // The rows, then a households table (a dense id, the household columns of the 户编号) and a members table keyed by that id,
        // the schooling decoded once as Fupin's loader does (0 out of school, 1 学龄前儿童/学前教育: in school only up to 6, 2 in school or 初中 and above).
        Exec(conn, $"""
            CREATE TEMP TABLE raw AS
            SELECT {Col(Field.HouseholdNumber)} AS hh, {village} AS village, {Col(Field.Status)} AS status, {Col(Field.HousingGrade)} AS grade,
                   {Col(Field.SafeDrinkingWater)} AS water, {Col(Field.IncomeYear)} AS income_year, {Col(Field.HouseholdSize)} AS size,
                   {Col(Field.NetIncome)} AS net, {Col(Field.BirthDate)} AS birth, {Col(Field.IdNumber)} AS id,
                   {Col(Field.Education)} AS edu, {Col(Field.StudentStatus)} AS stu, {Col(Field.BasicMedical)} AS med
            FROM read_csv({Quote(registry)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"');
            CREATE TABLE households AS
            SELECT row_number() OVER () AS id, * FROM (
                SELECT hh, any_value(village) AS village,
                       any_value(status) IN ({poor}) AS poor,
                       coalesce(left(any_value(grade), 1) IN ('C', 'D', 'Ｃ', 'Ｄ'), false) AS unsafe,
                       coalesce(any_value(water) = '是', false) AS water,
                       TRY_CAST(any_value(income_year) AS INTEGER) AS income_year,
                       TRY_CAST(any_value(size) AS INTEGER) AS size,
                       CAST(TRY_CAST(any_value(net) AS DECIMAL(18, 2)) * 100 AS BIGINT) AS net
                FROM raw GROUP BY hh);
            CREATE TABLE members AS
            SELECT h.id AS household_id,
                   coalesce(TRY_CAST(r.birth AS DATE), TRY_CAST(TRY_STRPTIME(substr(r.id, 7, 8), '%Y%m%d') AS DATE)) AS birth,
                   CAST(CASE WHEN coalesce(r.stu, r.edu) IN ('学龄前儿童', '学前教育') THEN 1
                             WHEN r.stu IS NOT NULL THEN CASE WHEN r.stu <> '非在校生' THEN 2 ELSE 0 END
                             WHEN r.edu IN ('初中', '高中', '大专', '本科及以上', '大专及以上') THEN 2 ELSE 0 END AS UTINYINT) AS school,
                   coalesce(r.med = '是', false) AS med
            FROM raw r JOIN households h ON h.hh = r.hh;
            DROP TABLE raw;
            """);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var loadCpu = CpuSeconds() - cpu;
        var households = Scalar(conn, "SELECT count(*) FROM households");
        var persons = Scalar(conn, "SELECT count(*) FROM members");
        var rssAfterLoad = RssMb();
        Console.Error.WriteLine(string.Create(C, $"   duckdb: {households} households, {persons} members in {loadSeconds:0.00} s (CPU {loadCpu:0.00} s), RSS {rssAfterLoad:0} MB"));

        var sql = Query(year, options);
        var times = new List<double>();
        var cpus = new List<double>();
        for (var run = 0; run < repeat; run++)
        {
            Exec(conn, "DROP TABLE IF EXISTS tallies");
            cpu = CpuSeconds();
            watch.Restart();
            Exec(conn, $"CREATE TEMP TABLE tallies AS {sql}");
            times.Add(watch.Elapsed.TotalSeconds);
            cpus.Add(CpuSeconds() - cpu);
            Console.Error.WriteLine(string.Create(C, $"   duckdb run {run + 1}: {times[^1]:0.000} s, CPU {cpus[^1]:0.00} s"));
        }
        var tallies = new List<VillageTally>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT * FROM tallies";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int I(int i) => r.GetValue(i) is System.Numerics.BigInteger b ? (int)b : Convert.ToInt32(r.GetValue(i), C);
                tallies.Add(new VillageTally(r.GetString(0), I(1), I(2), I(3), I(4),
                    [.. Enumerable.Range(5, 6).Select(I)], [.. Enumerable.Range(11, 6).Select(I)], I(17), I(18), I(19), I(20), I(21)));
            }
        }
        Write(output, tallies);
        var best = times.IndexOf(times.Min());
        return new AssessResult("duckdb", households, persons, tallies.Count, loadSeconds, loadCpu, times[best], times, cpus[best], Worker.PeakRssMb(), rssAfterLoad,
            $"DuckDB {Scalar<string>(conn, "SELECT version()")}, {Scalar(conn, "SELECT current_setting('threads')")} threads");
    }

    /// <summary>
    /// HouseholdTest and AssessHouseholds' sums in SQL: per member the age on the as-of date (as
    /// Member.Age: a 29 February birthday falls on 28 February in other years), the school-age failure and insurance;
    /// per household the six states (0 达标, 1 不达标, 2 未核实; 不愁吃穿 未核实 for all: the file has no
    /// visits); per village the sums.
    /// </summary>
    internal static string Query(int year, BulkAssessOptions o)
    {
        var asOf = o.AsOf;
        var md = (asOf.Month * 100) + asOf.Day;
        var feb29 = DateTime.IsLeapYear(asOf.Year) ? "229" : "228";
        var lineFen = o.LineYuan * 100L;
        var marginLine = (o.Margin * lineFen).ToString(C);
        var k = o.MinDeprivations;
        string Sum(string indicator, int state) => $"count(*) FILTER (WHERE {indicator} = {state.ToString(C)})";
        var indicators = new[] { "income", "food", "education", "medical", "housing", "water" };
        return $"""
            WITH ma AS (
                SELECT household_id, med, school,
                       {asOf.Year.ToString(C)} - year(birth)
                       - CASE WHEN (CASE WHEN month(birth) = 2 AND day(birth) = 29 THEN {feb29} ELSE month(birth) * 100 + day(birth) END) > {md.ToString(C)} THEN 1 ELSE 0 END AS age
                FROM members),
            m AS (
                SELECT household_id, count(*) AS persons,
                       bool_or(NOT med) AS medical,
                       bool_or(age BETWEEN {HouseholdTest.SchoolAgeFrom.ToString(C)} AND {HouseholdTest.SchoolAgeTo.ToString(C)}
                               AND NOT (school = 2 OR (school = 1 AND age <= {HouseholdTest.SchoolAgeFrom.ToString(C)}))) AS education
                FROM ma GROUP BY household_id),
            hs AS (
                SELECT h.village, h.poor, h.unsafe, h.water, h.net, coalesce(m.persons, 0) AS persons,
                       coalesce(m.medical, false) AS medical, coalesce(m.education, false) AS education,
                       CASE WHEN h.income_year IS DISTINCT FROM {year.ToString(C)} OR h.net IS NULL THEN -1
                            WHEN h.size > 0 THEN h.size ELSE coalesce(m.persons, 0) END AS size
                FROM households h LEFT JOIN m ON m.household_id = h.id),
            t AS (
                SELECT village, poor, persons,
                       CASE WHEN size <= 0 THEN 2 WHEN net < {lineFen.ToString(C)} * size THEN 1 ELSE 0 END AS income,
                       (size > 0 AND net >= {lineFen.ToString(C)} * size AND net < {marginLine} * size) AS unstable,
                       2 AS food,
                       CASE WHEN education THEN 1 ELSE 0 END AS education,
                       CASE WHEN medical THEN 1 ELSE 0 END AS medical,
                       CASE WHEN unsafe THEN 1 ELSE 0 END AS housing,
                       CASE WHEN water THEN 0 ELSE 1 END AS water
                FROM hs),
            d AS (
                SELECT *, {string.Join(" + ", indicators.Select(i => $"CASE WHEN {i} = 1 THEN 1 ELSE 0 END"))} AS deprived,
                       {string.Join(" + ", indicators.Select(i => $"CASE WHEN {i} = 2 THEN 1 ELSE 0 END"))} AS unverified
                FROM t)
            SELECT village, count(*) AS households, sum(persons) AS persons,
                   count(*) FILTER (WHERE poor) AS poor_households, coalesce(sum(persons) FILTER (WHERE poor), 0) AS poor_persons,
                   {string.Join(", ", indicators.Select(i => Sum(i, 1)))},
                   {string.Join(", ", indicators.Select(i => Sum(i, 2)))},
                   coalesce(sum(persons) FILTER (WHERE deprived >= {k.ToString(C)}), 0) AS af_poor_persons,
                   coalesce(sum(deprived * persons) FILTER (WHERE deprived >= {k.ToString(C)}), 0) AS af_deprivations,
                   count(*) FILTER (WHERE poor AND deprived = 0 AND unverified = 0) AS meeting_exit,
                   count(*) FILTER (WHERE poor AND deprived = 0) AS meeting_except_unverified,
                   count(*) FILTER (WHERE unstable) AS unstable
            FROM d GROUP BY village
            """;
    }

    static void Exec(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    static long Scalar(DuckDBConnection conn, string sql) => Convert.ToInt64(Scalar<object>(conn, sql), C);

    static T Scalar<T>(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }
}
