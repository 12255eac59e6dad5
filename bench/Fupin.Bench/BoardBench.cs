using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fupin.Bench;

/// <summary>
/// The HTTP load workload (issues #10 and #11): the web app (Release build of src/Fupin.Web) on a province-size
/// PostgreSQL database, signed-in users on loopback loading a county's command board page, its JSON, and a household
/// search page, at each concurrency (closed loop: every user sends its next request as soon as the last one answered,
/// no think time — the hardest reading of "concurrent users"). Latency percentiles, throughput, errors and the app's
/// peak memory go to the console and between the bench:board markers of docs/benchmarks.md.
/// The database (registry imported once by Fupin's own import, then kept as `fupin_bench_board_…`) is reused by later runs.
/// </summary>
public static partial class BoardBench
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The goal of issue #10: 50 users loading the county board, 95th percentile under this many milliseconds.</summary>
    const double GoalP95Ms = 100;

    const string BenchUser = "bench-admin";
    /// <summary>An administrator of the whole province, for its home page and region tree.</summary>
    const string ProvinceUser = "bench-province";
    const string BenchPassword = "Bench2018pass";

    sealed record Target(string Name, string Path, string Marker);

    sealed record LoadResult(string Target, int Users, int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max, string? FirstError);

    public static async Task<int> RunAsync(BenchOptions o)
    {
        _ = Machine.LoadAtStart;
        var admin = o.Postgres ?? throw new ArgumentException("the board workload needs PostgreSQL: --pg or FUPIN_BENCH_PG");
        var region = o["region"] ?? "411321";
        var users = (o["users"] ?? "50,200").Split(',').Select(u => int.Parse(u, C)).ToArray();
        var seconds = double.Parse(o["seconds"] ?? "30", C);
        var root = ImportBench.RepositoryRoot() ?? throw new InvalidOperationException("run from the repository");
        var webDll = Path.Combine(root, "src", "Fupin.Web", "bin", "Release", "net10.0", "Fupin.Web.dll");

        var (cs, load) = await EnsureDatabaseAsync(o, admin);
        Console.Error.WriteLine($"== database ready: {load}");
        if (o.Has("load-only")) return 0;
        if (!File.Exists(webDll)) throw new InvalidOperationException($"{webDll} not found: dotnet build src/Fupin.Web -c Release first");
        var counts = await CountsAsync(cs, region);
        await EnsureUserAsync(cs, BenchUser, region);
        await EnsureUserAsync(cs, ProvinceUser, o.Province);

        var port = int.Parse(o["port"] ?? "5199", C);
        var baseUrl = $"http://127.0.0.1:{port}";
        using var app = StartApp(webDll, cs, baseUrl);
        var pagesOnly = o.Has("pages-only");
        var results = new List<LoadResult>();
        double coldMs = 0, appPeakMb;
        List<PageTiming> pages;
        string loadAtTest;
        try
        {
            await WaitHealthyAsync(baseUrl, app);
            var maxUsers = pagesOnly ? 1 : users.Max();
            Console.Error.WriteLine($"== signing in {maxUsers} sessions");
            var clients = new List<HttpClient>();
            for (var i = 0; i < maxUsers; i++) clients.Add(await SignInAsync(baseUrl, BenchUser));
            loadAtTest = Machine.LoadNow();
            if (!pagesOnly)
            {
                Target[] targets =
                [
                    new("board page", $"/board/{region}", "作战"),
                    new("board JSON", $"/api/board/{region}", "\"figures\""),
                    new("household search page", $"/households?region={region}&page=2", "建档立卡"),
                ];
                // The first request of the board computes it (the cache is empty after start-up): the cold figure.
                var cold = Stopwatch.StartNew();
                using (var first = await clients[0].GetAsync(targets[0].Path)) first.EnsureSuccessStatusCode();
                coldMs = cold.Elapsed.TotalMilliseconds;
                Console.Error.WriteLine(string.Create(C, $"== cold board (computed on the first request): {coldMs:0} ms"));

                foreach (var target in targets)
                {
                    foreach (var n in users)
                    {
                        await LoadAsync(clients.Take(n).ToList(), target, TimeSpan.FromSeconds(Math.Min(5, seconds / 3))); // warm-up, not counted
                        var r = await LoadAsync(clients.Take(n).ToList(), target, TimeSpan.FromSeconds(seconds));
                        results.Add(r);
                        Console.Error.WriteLine(string.Create(C,
                            $"== {r.Target}, {r.Users} users: {r.Requests} requests in {r.Seconds:0.0} s ({r.Requests / r.Seconds:0} req/s), p50 {r.P50:0.0} ms, p95 {r.P95:0.0} ms, p99 {r.P99:0.0} ms, max {r.Max:0} ms, errors {r.Errors}{(r.FirstError is { } e ? " (" + e + ")" : "")}"));
                    }
                }
            }
            using (var province = await SignInAsync(baseUrl, ProvinceUser))
                pages = await MainPagesAsync(clients[0], province, cs, region);
            appPeakMb = PeakRssMb(app.Id);
            foreach (var c in clients) c.Dispose();
        }
        finally
        {
            if (!app.HasExited) app.Kill(entireProcessTree: true);
        }

        var machine = Machine.Describe(await ImportBench.PostgresVersionAsync(admin));
        var doc = o["doc"] ?? Path.Combine(root, "docs", "benchmarks.md");
        if (!pagesOnly)
        {
            var section = Report(o, region, counts, load, coldMs, appPeakMb, results, machine, loadAtTest);
            Console.WriteLine(section);
            if (!o.Has("no-doc")) BenchDoc.WriteSection(doc, "bench:board", section);
        }
        var aggregates = await AggregatesBench.RunAsync(cs, () => Context(cs), o.Province, region, machine,
            string.Create(C, $"dotnet run --project bench/Fupin.Bench -c Release -- board --households {o.Households} --region {region} --pages-only --pg \"Host=127.0.0.1;Port=…;Username=postgres;Database=postgres\""));
        Console.WriteLine(aggregates);
        if (!o.Has("no-doc")) BenchDoc.WriteSection(doc, "bench:aggregates", aggregates);
        var pagesSection = PagesReport(o, region, counts, machine, loadAtTest, pagesOnly, pages);
        Console.WriteLine(pagesSection);
        if (!o.Has("no-doc"))
        {
            BenchDoc.WriteSection(doc, "bench:pages", pagesSection);
            Console.Error.WriteLine($"== wrote {doc}");
        }
        if (pagesOnly) return pages.Any(p => p.Status != 200) ? 1 : 0;
        var goal = results.FirstOrDefault(r => r.Target == "board page" && r.Users == 50);
        return results.Any(r => r.Errors > 0) || goal is null || goal.P95 >= GoalP95Ms || pages.Any(p => p.Status != 200) ? 1 : 0;
    }

    /// <summary>
    /// A database with the province's places and the generated registry, imported by Fupin (ImportHouseholds, binary COPY)
    /// in a worker process — once: a later run finds the marker and reuses it.
    /// </summary>
    static async Task<(string ConnectionString, string Load)> EnsureDatabaseAsync(BenchOptions o, string admin)
    {
        var name = string.Create(C, $"fupin_bench_board_{o.Province}_{o.Households}_s{o.Seed}");
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var marker = Path.Combine(o.DataFolder, name + ".loaded");
        bool exists;
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", conn);
            cmd.Parameters.AddWithValue("n", name);
            exists = Convert.ToInt64(await cmd.ExecuteScalarAsync(), C) > 0;
        }
        if (exists && File.Exists(marker))
        {
            await MigrateAsync(cs); // a newer build may add tables; the data stays
            return (cs, File.ReadAllText(marker).Trim());
        }

        var file = await ImportBench.EnsureFileAsync(o, o.Households);
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", conn)) await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        Console.Error.WriteLine($"== pg: created database {name}; migrating and adding the places");
        await using (var db = Context(cs))
        {
            await db.Database.MigrateAsync();
            await new Generate.AddGeneratedRegions(db).HandleAsync(new Generate.AddGeneratedRegionsRequest(o.Province), null, default);
        }
        var result = await ImportBench.ChildAsync("pg", file, "--provider", "Postgres", "--db", cs);
        if (result.Errors is > 0) throw new InvalidOperationException($"the import reported {result.Errors} errors: {result.Note}");
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", conn);
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync();
        }
        var load = string.Create(C, $"{result.Rows:N0} rows imported by Fupin in {result.Seconds:0} s (peak RSS {result.PeakRssMb:0} MB) on {DateTime.UtcNow:yyyy-MM-dd}, then ANALYZE");
        await File.WriteAllTextAsync(marker, load);
        return (cs, load);
    }

    static AppDbContext Context(string cs)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, cs).Configure(options);
        return new AppDbContext(options.Options, new BusinessClock(new DateOnly(2018, 10, 8)), AccessScope.System);
    }

    static async Task MigrateAsync(string cs)
    {
        await using var db = Context(cs);
        await db.Database.MigrateAsync();
    }

    static async Task<(long Households, long Persons, long CountyHouseholds)> CountsAsync(string cs, string region)
    {
        await using var db = Context(cs);
#pragma warning disable CA1310 // translated to SQL
        var county = await db.Households.LongCountAsync(h => h.VillageCode.StartsWith(region));
#pragma warning restore CA1310
        return (await db.Households.LongCountAsync(), await db.Members.LongCountAsync(), county);
    }

    /// <summary>An administrator of the region with a known password (made once; its password reset each run).</summary>
    static async Task EnsureUserAsync(string cs, string userName, string region)
    {
        await using var db = Context(cs);
        var user = await db.Users.Include(u => u.Regions).SingleOrDefaultAsync(u => u.UserName == userName);
        if (user is null)
        {
            user = new User
            {
                UserName = userName,
                DisplayName = "压力测试",
                Role = Role.CountyAdmin,
                PasswordHash = "",
                SecurityStamp = Passwords.NewSecurityStamp(),
                Regions = [new UserRegion { RegionCode = region }],
            };
            db.Users.Add(user);
        }
        user.PasswordHash = Passwords.Hash(user, BenchPassword);
        user.MustChangePassword = false;
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync();
    }

    static Process StartApp(string webDll, string cs, string baseUrl)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(webDll);
        start.WorkingDirectory = Path.GetDirectoryName(webDll)!;
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Fupin"] = cs;
        start.Environment["Fupin__BusinessDate"] = "2018-10-08";
        start.Environment["Fupin__Demo"] = "false";
        start.Environment["Fupin__SignInPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var app = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        app.OutputDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("   app: " + line); };
        app.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("   app: " + line); };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        return app;
    }

    /// <summary>From the app's start to /health's boards=ready.</summary>
    static double StartUpSeconds;

    static async Task WaitHealthyAsync(string baseUrl, Process app)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        // Every county's board is computed at start-up: a province's take minutes on this machine.
        while (watch.Elapsed < TimeSpan.FromMinutes(15))
        {
            if (app.HasExited) throw new InvalidOperationException($"the web app exited with {app.ExitCode}");
            try
            {
                // Healthy, and the boards the app computes at start-up are done (a page timed while they compute would wait for them).
                using var r = await http.GetAsync(baseUrl + "/health");
                if (r.IsSuccessStatusCode && (await r.Content.ReadAsStringAsync()).Contains("\"boards\":\"ready\"", StringComparison.Ordinal))
                {
                    StartUpSeconds = watch.Elapsed.TotalSeconds;
                    Console.Error.WriteLine(string.Create(C, $"== app healthy, boards ready after {StartUpSeconds:0.0} s"));
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the web app was not healthy with its boards ready (/health) within 15 minutes");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A client with its own cookie jar, signed in through the sign-in form as a browser would.</summary>
    static async Task<HttpClient> SignInAsync(string baseUrl, string userName)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var form = await http.GetStringAsync("/login");
        var token = TokenPattern().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on /login");
        using var post = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = BenchPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (post.StatusCode != HttpStatusCode.Redirect && post.StatusCode != HttpStatusCode.Found && post.StatusCode != HttpStatusCode.SeeOther)
            throw new InvalidOperationException($"sign-in answered {(int)post.StatusCode}");
        return http;
    }

    /// <summary>Every client requests the target in a loop until the time is up; each answer is timed and checked.</summary>
    static async Task<LoadResult> LoadAsync(List<HttpClient> clients, Target target, TimeSpan duration)
    {
        var latencies = new List<double>[clients.Count];
        var errors = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var mine = latencies[i] = [];
            while (watch.Elapsed < duration)
            {
                var t = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    using var r = await client.GetAsync(target.Path);
                    var body = await r.Content.ReadAsStringAsync();
                    if (r.StatusCode != HttpStatusCode.OK) error = $"HTTP {(int)r.StatusCode}";
                    else if (!body.Contains(target.Marker, StringComparison.Ordinal)) error = "answer without " + target.Marker;
                }
                catch (HttpRequestException e)
                {
                    error = e.Message;
                }
                catch (TaskCanceledException)
                {
                    error = "timeout";
                }
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Pct(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadResult(target.Name, clients.Count, all.Length, errors, elapsed, Pct(0.50), Pct(0.95), Pct(0.99), all.Length == 0 ? 0 : all[^1], firstError);
    }

    sealed record PageTiming(string Name, string Path, int Status, double FirstMs, double ChangedMs, double MedianMs);

    /// <summary>Issue #11's "main pages answer in under one second": each main page of the county, one user, nothing else running.</summary>
    const double PageGoalMs = 1000;

    /// <summary>
    /// Each main page of the county loaded by its administrator, then the province's home page and region tree by a
    /// provincial administrator: the first request (caches of this app cold for that page, the database's buffers as the
    /// load test left them), the first after a change of the county's data (its data stamp bumped, as an edit of one of
    /// its households bumps it, and the app's stamp recheck let pass) and the median of the next five.
    /// </summary>
    static async Task<List<PageTiming>> MainPagesAsync(HttpClient county, HttpClient provincial, string cs, string region)
    {
        string township, village;
        long household;
        await using (var db = Context(cs))
        {
#pragma warning disable CA1310 // translated to SQL
            var first = await db.Households.AsNoTracking().Where(h => h.CountyCode == region && h.VillageCode.StartsWith(region)).OrderBy(h => h.Id)
                .Select(h => new { h.Id, h.VillageCode }).FirstAsync();
#pragma warning restore CA1310
            (household, village, township) = (first.Id, first.VillageCode, first.VillageCode[..9]);
        }
        (string Name, string Path)[] pages =
        [
            ("作战图·县", $"/board/{region}"), ("作战图·乡镇", $"/board/{township}"), ("作战图·村", $"/board/{village}"),
            ("户查询", $"/households?region={region}"), ("户查询·按姓名", $"/households?region={region}&name=%E7%8E%8B"),
            ("户详情", $"/households/{household}"), ("比对疑点", $"/verification/findings?region={region}"),
            ("退出评估", $"/assessment?region={region}"), ("退出程序", $"/exits?region={region}"), ("防返贫监测", $"/monitoring?region={region}"),
            ("项目", $"/projects?region={region}"), ("资金", $"/funds?region={region}"), ("车间", $"/workshops?region={region}"),
            ("易地搬迁", $"/relocation?region={region}"), ("产业", $"/industry?region={region}"), ("就业覆盖", $"/employment/coverage?region={region}"),
            ("整改", $"/rectifications?region={region}"), ("台账", "/campaign"), ("区划", $"/regions/{region}"),
            ("首页·省", "/"), ("区划·省", $"/regions/{region[..2]}"), ("区划·市", $"/regions/{region[..4]}"),
        ];
        var timings = new List<PageTiming>();
        foreach (var (name, path) in pages)
        {
            var client = name[^1] is '省' or '市' ? provincial : county;
            var status = 0;
            async Task<double> TimeAsync()
            {
                var t = Stopwatch.GetTimestamp();
                using var r = await client.GetAsync(path);
                await r.Content.ReadAsStringAsync();
                status = (int)r.StatusCode;
                return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            }
            var firstMs = await TimeAsync();
            await using (var db = Context(cs))
                await DataStamps.BumpAsync(db, [region[..6]], default);
            await Task.Delay(BoardCache.StampRecheck + TimeSpan.FromMilliseconds(200));
            var changedMs = await TimeAsync();
            var next = new List<double>();
            for (var i = 0; i < 5; i++) next.Add(await TimeAsync());
            var timing = new PageTiming(name, path, status, firstMs, changedMs, next.Order().ElementAt(2));
            timings.Add(timing);
            Console.Error.WriteLine(string.Create(C, $"== page {name} {path}: HTTP {status}, first {firstMs:0} ms, after a change {changedMs:0} ms, median {timing.MedianMs:0} ms"));
        }
        return timings;
    }

    static double PeakRssMb(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return 0;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], C) / 1024.0;
        }
        return 0;
    }

    static string Report(BenchOptions o, string region, (long Households, long Persons, long CountyHouseholds) counts, string load, double coldMs, double appPeakMb,
        List<LoadResult> results, IReadOnlyList<(string, string)> machine, string loadAtTest)
    {
        var sb = new StringBuilder();
        sb.Append(C, $"### HTTP load: the command board of {region} on a PostgreSQL database of {counts.Households:N0} households\n\n");
        sb.Append(C, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Database: {counts.Households:N0} households and {counts.Persons:N0} persons of province {o.Province} (seed {o.Seed}); ");
        sb.Append(C, $"county {region} holds {counts.CountyHouseholds:N0} households. Load: {load}.\n\n");
        foreach (var (k, v) in machine) sb.Append(C, $"- {k}: {v}\n");
        sb.Append(C, $"- load average when the load test began (1/5/15 min): {loadAtTest}\n\n");
        sb.Append("Reproduce: `dotnet build src/Fupin.Web -c Release && dotnet run --project bench/Fupin.Bench -c Release -- board");
        sb.Append(C, $" --households {o.Households} --region {region} --users {o["users"] ?? "50,200"} --seconds {o["seconds"] ?? "30"}");
        sb.Append(" --pg \"Host=127.0.0.1;Port=…;Username=postgres;Database=postgres\"`\n\n");
        sb.Append(C, $"The app, the load generator and PostgreSQL share the machine's cores. Closed loop (no think time), one sign-in per user, each answer checked (status 200 and expected content). ");
        sb.Append(C, $"The first board request after start-up computed the figures in {coldMs:0} ms; later ones are served from the cache until the county's data changes. Peak RSS of the app: {appPeakMb:0} MB.\n\n");
        sb.Append("| request | users | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var r in results)
            sb.Append(C, $"| {r.Target} | {r.Users} | {r.Requests:N0} | {r.Requests / r.Seconds:0} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} | {r.Max:0} | {r.Errors} |\n");
        var goal = results.FirstOrDefault(r => r.Target == "board page" && r.Users == 50);
        sb.Append(C, $"\nGoal (issue #10): 50 users loading the county board, p95 under {GoalP95Ms:0} ms with no errors — ");
        sb.Append(goal is null ? "not measured.\n" : goal.P95 < GoalP95Ms && goal.Errors == 0 ? string.Create(C, $"met ({goal.P95:0.0} ms).\n") : string.Create(C, $"**not met** ({goal.P95:0.0} ms, {goal.Errors} errors).\n"));

        return sb.ToString();
    }
    static string PagesReport(BenchOptions o, string region, (long Households, long Persons, long CountyHouseholds) counts,
        IReadOnlyList<(string, string)> machine, string loadAtTest, bool pagesOnly, List<PageTiming> pages)
    {
        var sb = new StringBuilder();
        sb.Append(C, $"### Main pages of {region} on a PostgreSQL database of {counts.Households:N0} households, one user\n\n");
        sb.Append(C, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on the database of the HTTP load test ({counts.Households:N0} households, {counts.Persons:N0} persons; county {region}: {counts.CountyHouseholds:N0} households). ");
        sb.Append(C, $"Load average when the pages were loaded (1/5/15 min): {loadAtTest}.\n\n");
        sb.Append("Reproduce: `dotnet build src/Fupin.Web -c Release && dotnet run --project bench/Fupin.Bench -c Release -- board");
        sb.Append(C, $" --households {o.Households} --region {region}{(pagesOnly ? " --pages-only" : "")}");
        sb.Append(" --pg \"Host=127.0.0.1;Port=…;Username=postgres;Database=postgres\"`\n\n");
        sb.Append(pagesOnly
            ? "The app was started for this run and the bench waited for its start-up work (the boards of the first county, township and village, then of every other county, computed, then each county's counts for the province's; /health says `\"boards\":\"ready\"`; it took " + StartUpSeconds.ToString("0", C) + " s): a page's first request is the first of that page since start-up. "
            : "After the load test, one signed-in user (the county administrator) loads each main page. ");
        sb.Append("The pages marked 省 and 市 are loaded by an administrator of the whole province. ");
        sb.Append("Each page: the first request; the first after a change of the county's data (its data stamp bumped, as an edit of one of its households bumps it: the county's cached boards and counts are stale); then the median of five more.\n\n");
        sb.Append("| page | path | HTTP | first ms | after a change ms | median ms |\n|---|---|---:|---:|---:|---:|\n");
        foreach (var p in pages) sb.Append(C, $"| {p.Name} | `{p.Path}` | {p.Status} | {p.FirstMs:0} | {p.ChangedMs:0} | {p.MedianMs:0} |\n");
        var slow = pages.Where(p => p.Status != 200 || Math.Max(p.FirstMs, p.ChangedMs) >= PageGoalMs).ToList();
        sb.Append(C, $"\nGoal (issue #11): the main pages of a province-size database answer in under {PageGoalMs:0} ms — ");
        sb.Append(slow.Count == 0 ? "met (every first request and every first request after a change).\n" : "**not met** on: " + string.Join(", ", slow.Select(p => string.Create(C, $"{p.Name} ({(p.Status != 200 ? "HTTP " + p.Status : Math.Max(p.FirstMs, p.ChangedMs).ToString("0", C) + " ms")})"))) + ".\n");
        return sb.ToString();
    }
}
