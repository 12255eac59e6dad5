using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Fupin.Registry;
using Fupin.Verification;

namespace Fupin.Bench;

/// <summary>What a comparison worker prints as its last stdout line (JSON).</summary>
/// <param name="CompareSeconds">Best of the repeats: every list read, compared, the findings written (the registry loaded before).</param>
/// <param name="AllCompareSeconds">Every repeat's time.</param>
/// <param name="RssAfterRegistryMb">Resident set once the registry was loaded (VmRSS).</param>
/// <param name="CompareCpuSeconds">Processor time (all threads) of the fastest comparison run: less sensitive than seconds to other jobs on the machine.</param>
public sealed record CompareResult(
    string Engine, IReadOnlyList<string> Types, long ListRows, long RegistryPersons, double RegistrySeconds,
    double CompareSeconds, IReadOnlyList<double> AllCompareSeconds, long Findings, double PeakRssMb, double RssAfterRegistryMb, string Note,
    double RegistryCpuSeconds = 0, double CompareCpuSeconds = 0);

/// <summary>
/// One engine's comparison in a process of its own: load the registry file, then (timed, repeated)
/// read every list, apply the rules of docs/verification.md and write the findings to a CSV file
/// (rule, id, household: the person's ID number, empty for a household finding, and the 户编号).
/// </summary>
public static class CompareWorker
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static int Run(string engine, BenchOptions o)
    {
        var registry = o["registry"] ?? throw new ArgumentException("--registry is required");
        var lists = o["lists"] ?? throw new ArgumentException("--lists is required");
        var types = (o["types"] ?? throw new ArgumentException("--types is required")).Split(',');
        var output = o["out"] ?? throw new ArgumentException("--out is required");
        var asOf = DateOnly.ParseExact(o["as-of"] ?? "2018-09-30", "yyyy-MM-dd", C);
        var repeat = int.Parse(o["repeat"] ?? "1", C);
        var files = types.Select(t => (Type: t, Path: Path.Combine(lists, t + ".csv"))).ToArray();
        var result = engine switch
        {
            "fupin" => Fupin(registry, files, output, asOf, repeat),
            "duckdb" => DuckDb(registry, files, output, asOf, repeat),
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
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], C) / 1024.0;
        }
        return 0;
    }

    // ---- Fupin: RegistryFileLoader, ListFileScanner per list, Comparison.Evaluate, a CSV written by hand ----

    static CompareResult Fupin(string registryPath, (string Type, string Path)[] files, string output, DateOnly asOf, int repeat)
    {
        var cpu = CpuSeconds();
        var watch = Stopwatch.StartNew();
        var load = new RegistryFileLoader().Load(registryPath);
        if (!load.IsLoaded) throw new InvalidOperationException($"{registryPath}: {load.Error}");
        var registrySeconds = watch.Elapsed.TotalSeconds;
        var registryCpu = CpuSeconds() - cpu;
        var registry = load.Registry;
        if (registry.DuplicateIds > 0) Console.Error.WriteLine($"   warning: {registry.DuplicateIds} duplicate ID numbers in the registry (the first is kept; DuckDB would keep all)");
        var rssAfterRegistry = RssMb();
        Console.Error.WriteLine(string.Create(C,
            $"   fupin: registry {load.Rows} rows, {registry.Persons} persons, {registry.Households} households, {load.RejectedIds} invalid IDs in {registrySeconds:0.00} s, RSS {rssAfterRegistry:0} MB"));

        var times = new List<double>();
        var cpus = new List<double>();
        var notes = new List<string>();
        long rows = 0, findings = 0;
        for (var run = 0; run < repeat; run++)
        {
            if (run > 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            cpu = CpuSeconds();
            watch.Restart();
            var scans = new List<(ListScan, DateOnly)>(files.Length);
            var perList = new StringBuilder();
            rows = 0;
            long rejected = 0;
            var listWatch = Stopwatch.StartNew();
            foreach (var (type, path) in files)
            {
                listWatch.Restart();
                var scanned = new ListFileScanner().Scan(registry, type, path);
                if (scanned.Scan is null) throw new InvalidOperationException($"{path}: {scanned.Error}");
                scans.Add((scanned.Scan, asOf));
                rows += scanned.Rows;
                rejected += scanned.Rejected;
                perList.Append(C, $"{type} {listWatch.Elapsed.TotalSeconds:0.00}, ");
            }
            var scanSeconds = watch.Elapsed.TotalSeconds;
            var outcome = Comparison.Evaluate(registry, scans);
            var evaluateSeconds = watch.Elapsed.TotalSeconds - scanSeconds;
            findings = WriteFindings(output, outcome.Hits, load);
            var seconds = watch.Elapsed.TotalSeconds;
            times.Add(seconds);
            cpus.Add(CpuSeconds() - cpu);
            var note = string.Create(C,
                $"scan {scanSeconds:0.00} s ({perList.ToString().TrimEnd(' ', ',')}), evaluate {evaluateSeconds:0.00} s, write {seconds - scanSeconds - evaluateSeconds:0.00} s; {rejected} rows refused");
            notes.Add(note);
            Console.Error.WriteLine(string.Create(C, $"   fupin run {run + 1}: {rows} list rows, {findings} findings in {seconds:0.00} s, CPU {cpus[^1]:0.00} s; {note}"));
        }
        var best = times.IndexOf(times.Min());
        return new CompareResult("fupin", [.. files.Select(f => f.Type)], rows, registry.Persons, registrySeconds, times[best], times, findings, Worker.PeakRssMb(), rssAfterRegistry, notes[best],
            registryCpu, cpus[best]);
    }

    static long WriteFindings(string path, IReadOnlyList<ComparisonHit> hits, RegistryFileLoad load)
    {
        var codes = ComparisonRules.All.ToDictionary(r => r.Id, r => (Code: Encoding.UTF8.GetBytes(r.Code), r.Subject));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new byte[1 << 20];
        var n = 0;
        Put("rule,id,household\n"u8);
        Span<byte> id = stackalloc byte[18];
        foreach (var hit in hits)
        {
            if (n > buffer.Length - 4096)
            {
                stream.Write(buffer, 0, n);
                n = 0;
            }
            var (code, subject) = codes[hit.Rule];
            Put(code);
            Put(","u8);
            var household = hit.Subject;
            if (subject == Subject.Person)
            {
                IdText(load.KeyOf(hit.Subject), id);
                Put(id);
                household = load.Registry!.HouseholdOf(hit.Subject);
            }
            Put(","u8);
            var number = load.HouseholdNumberUtf8(household);
            if (number.IndexOfAny(",\"\n\r"u8) >= 0) Put(Encoding.UTF8.GetBytes("\"" + Encoding.UTF8.GetString(number).Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
            else Put(number);
            Put("\n"u8);
        }
        stream.Write(buffer, 0, n);
        return hits.Count;

        void Put(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > buffer.Length - n) Array.Resize(ref buffer, buffer.Length * 2 + bytes.Length);
            bytes.CopyTo(buffer.AsSpan(n));
            n += bytes.Length;
        }
    }

    /// <summary>The 18 characters of a key: its 17 digits and the check character.</summary>
    static void IdText(long key, Span<byte> into)
    {
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 16; i >= 0; i--)
        {
            var digit = (int)(key % 10);
            key /= 10;
            into[i] = (byte)('0' + digit);
            sum += digit * weights[i];
        }
        into[17] = "10X98765432"u8[sum % 11];
    }

    // ---- DuckDB: read_csv of the registry's columns into tables, then read_csv of the lists, one hash join, the rules in SQL, COPY ----

    /// <summary>
    /// Macros for the same normalisation as Fupin: an 18-byte number is upper-cased (a lower-case x), anything
    /// else has full-width digits and X folded, white space removed and a 15-digit number upgraded (19 + check
    /// character); names lose their white space (char.IsWhiteSpace, which includes U+3000).
    /// </summary>
    const string Macros = """
        CREATE MACRO fupin_check(b) AS substr('10X98765432', ((
            (ascii(substr(b, 1, 1)) - 48) * 7 + (ascii(substr(b, 2, 1)) - 48) * 9 + (ascii(substr(b, 3, 1)) - 48) * 10
          + (ascii(substr(b, 4, 1)) - 48) * 5 + (ascii(substr(b, 5, 1)) - 48) * 8 + (ascii(substr(b, 6, 1)) - 48) * 4
          + (ascii(substr(b, 7, 1)) - 48) * 2 + (ascii(substr(b, 8, 1)) - 48) * 1 + (ascii(substr(b, 9, 1)) - 48) * 6
          + (ascii(substr(b, 10, 1)) - 48) * 3 + (ascii(substr(b, 11, 1)) - 48) * 7 + (ascii(substr(b, 12, 1)) - 48) * 9
          + (ascii(substr(b, 13, 1)) - 48) * 10 + (ascii(substr(b, 14, 1)) - 48) * 5 + (ascii(substr(b, 15, 1)) - 48) * 8
          + (ascii(substr(b, 16, 1)) - 48) * 4 + (ascii(substr(b, 17, 1)) - 48) * 2) % 11) + 1, 1);
        CREATE MACRO fupin_fold(s) AS upper(regexp_replace(translate(s, '０１２３４５６７８９Ｘｘ', '0123456789XX'),
            '[\s\x{000B}\x{0085}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]', '', 'g'));
        CREATE MACRO fupin_upgrade(t) AS CASE WHEN strlen(t) = 15 AND regexp_full_match(t, '[0-9]{15}')
            THEN substr(t, 1, 6) || '19' || substr(t, 7, 9) || fupin_check(substr(t, 1, 6) || '19' || substr(t, 7, 9)) ELSE t END;
        CREATE MACRO fupin_id(s) AS CASE WHEN strlen(s) = 18 THEN upper(s) ELSE fupin_upgrade(fupin_fold(s)) END;
        CREATE MACRO fupin_valid(id) AS regexp_full_match(id, '[1-9][0-9]{16}[0-9X]') AND substr(id, 18, 1) = fupin_check(id)
            AND try_strptime(substr(id, 7, 8), '%Y%m%d') IS NOT NULL AND substr(id, 7, 4) >= '1890';
        CREATE MACRO fupin_name(s) AS coalesce(regexp_replace(s,
            '[\s\x{000B}\x{0085}\x{00A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]', '', 'g'), '');
        """;

    static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static string ReadCsv(string path, int skip) =>
        $"read_csv({Quote(path)}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"'{(skip > 0 ? $", skip = {skip}" : "")})";

    static CompareResult DuckDb(string registryPath, (string Type, string Path)[] files, string output, DateOnly asOf, int repeat)
    {
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        Exec(conn, "SET preserve_insertion_order = false");
        Exec(conn, Macros);
        var cpu = CpuSeconds();
        var watch = Stopwatch.StartNew();

        // The registry: every row's household (for the household rule), every valid ID's member.
        var (header, skip) = Header(registryPath, cells => Array.FindIndex(cells, c => Imports.Columns.Match(c) == Imports.Field.IdNumber) >= 0);
        string Col(Imports.Field f, bool required = false)
        {
            var i = Array.FindIndex(header, c => Imports.Columns.Match(c) == f);
            return i >= 0 ? Ident(header[i]) : required ? throw new InvalidOperationException($"{registryPath}: no column for {f}") : "NULL::VARCHAR";
        }
        Exec(conn, $"""
            CREATE TABLE rows AS
            SELECT {Col(Imports.Field.HouseholdNumber, true)} AS hh, fupin_id({Col(Imports.Field.IdNumber, true)}) AS id,
                   fupin_name({Col(Imports.Field.Name, true)}) AS nn,
                   coalesce({Col(Imports.Field.Health)} LIKE '%残疾%', false) AS disabled,
                   coalesce({Col(Imports.Field.Dibao)} = '是', false) AS dibao,
                   coalesce({Col(Imports.Field.Tekun)} = '是', false) AS tekun,
                   coalesce(left({Col(Imports.Field.HousingGrade)}, 1) IN ('C', 'D', 'Ｃ', 'Ｄ'), false) AS unsafe
            FROM {ReadCsv(registryPath, skip)};
            CREATE TABLE households AS SELECT hh, bool_or(unsafe) AS unsafe FROM rows GROUP BY hh;
            CREATE TABLE reg AS
            SELECT CAST(substr(id, 1, 17) AS BIGINT) AS key, id, hh, nn, disabled, dibao, tekun,
                   CAST(strptime(substr(id, 7, 8), '%Y%m%d') AS DATE) AS birth
            FROM rows
            WHERE fupin_valid(id);
            DROP TABLE rows;
            """);
        var registrySeconds = watch.Elapsed.TotalSeconds;
        var registryCpu = CpuSeconds() - cpu;
        var registryRows = Scalar(conn, "SELECT count(*) FROM reg");
        var duplicates = Scalar(conn, "SELECT count(*) - count(DISTINCT key) FROM reg");
        if (duplicates > 0) Console.Error.WriteLine($"   warning: {duplicates} duplicate ID numbers in the registry");
        var rssAfterRegistry = RssMb();
        Console.Error.WriteLine(string.Create(C, $"   duckdb: registry {registryRows} persons, {Scalar(conn, "SELECT count(*) FROM households")} households in {registrySeconds:0.00} s, RSS {rssAfterRegistry:0} MB"));

        var lists = files.Select(f => ListSource(f.Type, f.Path)).ToArray();
        var times = new List<double>();
        var cpus = new List<double>();
        long findings = 0;
        for (var run = 0; run < repeat; run++)
        {
            Exec(conn, "DROP TABLE IF EXISTS m");
            cpu = CpuSeconds();
            watch.Restart();
            Exec(conn, $"""
                CREATE TEMP TABLE m AS
                SELECT l.t, r.key, r.id, r.hh, r.dibao, r.tekun, r.disabled, r.birth, l.kind, l.status,
                       (fupin_name(l.name) <> '' AND r.nn <> '' AND fupin_name(l.name) <> r.nn) AS mm
                FROM ({string.Join("\n UNION ALL ", lists)}) l
                JOIN reg r ON r.key = TRY_CAST(substr(l.nid, 1, 17) AS BIGINT) AND r.id = l.nid
                """);
            var joinSeconds = watch.Elapsed.TotalSeconds;
            Exec(conn, $"COPY ({FindingsSql(files.Select(f => f.Type).ToList(), asOf)}) TO {Quote(output)} (HEADER, DELIMITER ',')");
            var seconds = watch.Elapsed.TotalSeconds;
            times.Add(seconds);
            cpus.Add(CpuSeconds() - cpu);
            findings = Scalar(conn, $"SELECT count(*) FROM read_csv({Quote(output)}, header = true, all_varchar = true)");
            Console.Error.WriteLine(string.Create(C, $"   duckdb run {run + 1}: {findings} findings in {seconds:0.00} s, CPU {cpus[^1]:0.00} s (read + join {joinSeconds:0.00} s, rules + COPY {seconds - joinSeconds:0.00} s)"));
        }
        var best = times.IndexOf(times.Min());
        return new CompareResult("duckdb", [.. files.Select(f => f.Type)], 0, registryRows, registrySeconds, times[best], times, findings, Worker.PeakRssMb(), rssAfterRegistry,
            $"DuckDB {Scalar<string>(conn, "SELECT version()")}, {Scalar(conn, "SELECT current_setting('threads')")} threads", registryCpu, cpus[best]);
    }

    /// <summary>A list as (t, name, nid, kind, status): its type, the name, the normalised ID number and the Kind and Status slots.</summary>
    static string ListSource(string type, string path)
    {
        var listType = ListTypes.Find(type) ?? throw new ArgumentException($"unknown list type {type}");
        var (header, skip) = Header(path, cells => cells.Any(c => ListTypes.Match(listType, c) == ListTypes.IdNumber));
        string Col(Func<ListColumn, bool> which)
        {
            var i = Array.FindIndex(header, c => ListTypes.Match(listType, c) is { } m && which(m));
            return i >= 0 ? Ident(header[i]) : "NULL::VARCHAR";
        }
        return $"SELECT '{type}' AS t, {Col(c => c == ListTypes.Name)} AS name, fupin_id({Col(c => c == ListTypes.IdNumber)}) AS nid, "
            + $"{Col(c => c.Slot == ListSlot.Kind && c != ListTypes.Name && c != ListTypes.IdNumber)} AS kind, "
            + $"{Col(c => c.Slot == ListSlot.Status)} AS status FROM {ReadCsv(path, skip)}";
    }

    /// <summary>The rules of docs/verification.md over m (the matched rows of every list) and reg, as one query.</summary>
    static string FindingsSql(List<string> types, DateOnly asOf)
    {
        var parts = new List<string>();
        void Rule(string code, string select) => parts.Add($"SELECT '{code}' AS rule, id, hh AS household FROM ({select})");
        string Good(string type) => $"SELECT * FROM m WHERE t = '{type}' AND NOT mm";
        string Any(string type, string where = "true") => $"SELECT DISTINCT id, hh FROM ({Good(type)}) WHERE {where}";
        string Absent(string type, string expected, string present = "true") =>
            $"SELECT id, hh FROM reg WHERE {expected} AND key NOT IN (SELECT key FROM ({Good(type)}) WHERE {present})";
        const string Kind = "coalesce(kind, '')";
        foreach (var type in types)
        {
            switch (type)
            {
                case ListTypes.Deaths:
                    Rule("list.deceased", $"SELECT id, hh FROM ({Good(type)}) GROUP BY id, hh HAVING bool_or({Kind} LIKE '%死亡%')");
                    Rule("list.moved_out", $"SELECT id, hh FROM ({Good(type)}) GROUP BY id, hh HAVING NOT bool_or({Kind} LIKE '%死亡%') AND bool_or({Kind} LIKE '%迁出%')");
                    break;
                case ListTypes.Payroll: Rule("list.payroll", Any(type)); break;
                case ListTypes.Vehicles:
                    Rule("list.vehicle", Any(type, $"NOT ({Kind} LIKE '%拖拉机%' OR {Kind} LIKE '%农用%' OR {Kind} LIKE '%三轮%' OR {Kind} LIKE '%低速%' OR {Kind} LIKE '%收割%' OR {Kind} LIKE '%摩托%')"));
                    break;
                case ListTypes.Businesses: Rule("list.business", Any(type)); break;
                case ListTypes.Property: Rule("list.property", Any(type)); break;
                case ListTypes.VillageOfficials: Rule("list.village_official", Any(type)); break;
                case ListTypes.Dibao:
                    Rule("list.dibao_not_registered", Any(type, "NOT dibao"));
                    Rule("list.dibao_not_listed", Absent(type, "dibao"));
                    break;
                case ListTypes.Tekun:
                    Rule("list.tekun_not_registered", Any(type, "NOT tekun"));
                    Rule("list.tekun_not_listed", Absent(type, "tekun"));
                    break;
                case ListTypes.Disability:
                    Rule("list.disability_not_flagged", Any(type, "NOT disabled"));
                    Rule("list.disability_not_listed", Absent(type, "disabled"));
                    break;
                case ListTypes.MedicalInsurance:
                    Rule("list.uninsured", Absent(type, "true", $"{Kind} = '' OR {Kind} LIKE '%基本医疗%'"));
                    break;
                case ListTypes.SchoolEnrolment:
                    var oldest = asOf.AddYears(-16).ToString("yyyy-MM-dd", C);
                    var youngest = asOf.AddYears(-6).ToString("yyyy-MM-dd", C);
                    Rule("list.not_enrolled", Absent(type, $"birth > DATE '{oldest}' AND birth <= DATE '{youngest}'"));
                    break;
                case ListTypes.UnsafeHousing:
                    parts.Add($"""
                        SELECT 'list.unsafe_housing' AS rule, NULL AS id, h.hh AS household
                        FROM households h LEFT JOIN (
                            SELECT hh, bool_or(regexp_matches({Kind}, '[CDＣＤ]')) AS listed,
                                   bool_or(coalesce(status, '') LIKE '%已竣工%' OR coalesce(status, '') LIKE '%已改造%' OR status = '竣工') AS renovated
                            FROM ({Good(type)}) GROUP BY hh) x ON x.hh = h.hh
                        WHERE (h.unsafe OR coalesce(x.listed, false)) AND NOT coalesce(x.renovated, false)
                        """);
                    break;
                default:
                    throw new ArgumentException($"unknown list type {type}");
            }
        }
        if (types.Count > 0) Rule("list.name_mismatch", "SELECT DISTINCT id, hh FROM m WHERE mm");
        return string.Join("\nUNION ALL ", parts);
    }

    /// <summary>The header row (the first of the first ten rows <paramref name="isHeader"/> accepts) and the rows above it.</summary>
    static (string[] Cells, int Skip) Header(string path, Func<string[], bool> isHeader)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        for (var skip = 0; skip < 10 && reader.ReadLine() is { } line; skip++)
        {
            var cells = line.Split(',').Select(c => c.Trim('"')).ToArray();
            if (isHeader(cells)) return (cells, skip);
        }
        throw new InvalidOperationException($"{path}: no header row");
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
