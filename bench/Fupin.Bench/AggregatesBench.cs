using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fupin.Regions;
using Npgsql;

namespace Fupin.Bench;

/// <summary>
/// The board's register aggregates (households and persons per child region and status, villages, poor villages and
/// rural population per child: <see cref="GetRegionStats"/>, behind the board's children table, the home page and the
/// region tree) for the province and for one county, Fupin's use case beside the same counts in hand-written PostgreSQL
/// on the same database, each the median of several runs after one untimed run, and the two results compared row by row.
/// </summary>
public static class AggregatesBench
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;
    const int Runs = 5;

    sealed record Timing(string Region, string Name, double FupinMs, double? KeptMs, double SqlMs, int Rows, long Households, long Persons, bool Same);

    /// <summary>Times both sides for the province and the county and returns the bench:aggregates section.</summary>
    public static async Task<string> RunAsync(string cs, Func<Fupin.Data.AppDbContext> context, string province, string county, IReadOnlyList<(string, string)> machine, string reproduce)
    {
        var timings = new List<Timing>();
        foreach (var region in new[] { province, county })
        {
            var name = region;
            var fupin = new List<double>();
            Dictionary<(string, int), (long, long)> fupinRows = [];
            for (var i = 0; i <= Runs; i++)
            {
                await using var db = context();
                var t = Stopwatch.GetTimestamp();
                var stats = await new GetRegionStats(db).HandleAsync(new GetRegionStatsRequest(region), default)
                    ?? throw new InvalidOperationException($"region {region} not found");
                if (i > 0) fupin.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                fupinRows = Rows(stats);
                name = stats.Total.Name;
            }

            // Above a county, as the app counts: each county's counts kept (CountyCounts), then one county's data changed
            // before each run (its stamp bumped, as an edit of one of its households bumps it), so that county is counted again.
            double? keptMs = null;
            if (region.Length < 6)
            {
                var kept = new CountyCounts();
                var runs = new List<double>();
                for (var i = 0; i <= Runs; i++)
                {
                    await using var db = context();
                    if (i > 0) await Fupin.Board.DataStamps.BumpAsync(db, [county], default);
                    var t = Stopwatch.GetTimestamp();
                    var stats = await new GetRegionStats(db, kept).HandleAsync(new GetRegionStatsRequest(region), default);
                    if (i > 0) runs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    var rows = Rows(stats!);
                    if (rows.Count != fupinRows.Count || rows.Any(r => fupinRows.GetValueOrDefault(r.Key) != r.Value))
                        throw new InvalidOperationException($"the kept counts of {region} differ from the counts made afresh");
                }
                keptMs = Median(runs);
            }

            var sql = new List<double>();
            Dictionary<(string, int), (long, long)> sqlRows = [];
            for (var i = 0; i <= Runs; i++)
            {
                var t = Stopwatch.GetTimestamp();
                sqlRows = await SqlAsync(cs, region);
                if (i > 0) sql.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            var same = fupinRows.Count == sqlRows.Count && fupinRows.All(r => sqlRows.TryGetValue(r.Key, out var v) && v == r.Value);
            var timing = new Timing(region, name, Median(fupin), keptMs, Median(sql), sqlRows.Count, sqlRows.Values.Sum(v => v.Item1), sqlRows.Values.Sum(v => v.Item2), same);
            timings.Add(timing);
            Console.Error.WriteLine(string.Create(C, $"== aggregates {region}: Fupin {timing.FupinMs:0} ms, SQL {timing.SqlMs:0} ms, {timing.Rows} rows, same: {same}"));
        }
        return Report(timings, machine, reproduce);
    }

    /// <summary>Households and persons per (child, status), as the hand-written SQL returns them.</summary>
    static Dictionary<(string, int), (long, long)> Rows(RegionStats stats) =>
        stats.Children.SelectMany(c => c.ByStatus.Where(s => s.Households > 0).Select(s => (Key: (c.Code, (int)s.Status), Value: ((long)s.Households, (long)s.Persons))))
            .ToDictionary(x => x.Key, x => x.Value);

    static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

    /// <summary>
    /// The same counts by hand: households and persons per (child prefix, status), each a GROUP BY over the region's rows
    /// (the county code named when the region is within a county, as Fupin names it), plus the villages per child.
    /// </summary>
    static async Task<Dictionary<(string, int), (long, long)>> SqlAsync(string cs, string region)
    {
        var length = region.Length switch { 2 => 4, 4 => 6, 6 => 9, _ => 12 };
        var county = region.Length >= 6 ? " AND h.county_code = @county" : "";
        var sql = $"""
            SELECT left(h.village_code, {length}) AS prefix, h.status, count(*) AS n
            FROM households h WHERE h.village_code LIKE @prefix{county} GROUP BY 1, 2;
            SELECT left(h.village_code, {length}) AS prefix, h.status, count(*) AS n
            FROM members m JOIN households h ON h.id = m.household_id
            WHERE h.village_code LIKE @prefix{county}{(county.Length > 0 ? " AND m.county_code = @county" : "")} GROUP BY 1, 2;
            SELECT left(r.code, {length}) AS prefix, count(*), count(*) FILTER (WHERE r.is_poor_village), coalesce(sum(r.rural_population), 0)
            FROM regions r WHERE r.level = 5 AND r.code LIKE @prefix GROUP BY 1;
            """;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("prefix", region + "%");
        if (county.Length > 0) command.Parameters.AddWithValue("county", region[..6]);
        var rows = new Dictionary<(string, int), (long, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[(reader.GetString(0), reader.GetInt32(1))] = (reader.GetInt64(2), 0);
        await reader.NextResultAsync();
        while (await reader.ReadAsync())
        {
            var key = (reader.GetString(0), reader.GetInt32(1));
            rows[key] = (rows.GetValueOrDefault(key).Item1, reader.GetInt64(2));
        }
        await reader.NextResultAsync();
        while (await reader.ReadAsync()) { } // read, as Fupin reads its villages' sums; not compared
        return rows;
    }

    static string Report(List<Timing> timings, IReadOnlyList<(string, string)> machine, string reproduce)
    {
        var sb = new StringBuilder();
        sb.Append("### Board aggregates: the register counted by region, Fupin beside hand-written SQL\n\n");
        sb.Append(C, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on the database of the HTTP load test, after the pages, with the web app stopped (load average 1/5/15 min: {Machine.LoadNow()}).\n\n");
        foreach (var (k, v) in machine) sb.Append(C, $"- {k}: {v}\n");
        sb.Append("\nFupin: `GetRegionStats` (EF Core, what the board's children table, the home page and the region tree show: per child region and status, households and persons; per child, villages, poor villages and rural population). ");
        sb.Append("Anchor: the same counts in three GROUP BY statements written by hand, sent in one round trip on one connection (Npgsql, no EF). ");
        sb.Append("Above a county Fupin counts county by county and adds up; the app keeps each county's counts under its data stamp (`CountyCounts`), so a page of the province after an edit in one county counts that county alone: ");
        sb.Append("\"kept, one county changed\" is that case (the county's stamp bumped before each run; its rows checked equal to the counts made afresh). ");
        sb.Append(C, $"Each the median of {Runs} runs after one untimed run; the (child, status) rows of Fupin and SQL compared value by value.\n\n");
        sb.Append(C, $"Reproduce (part of every `board` run): `{reproduce}`\n\n");
        sb.Append("| region | rows (child × status) | households | persons | Fupin ms | Fupin kept, one county changed ms | SQL ms | Fupin ÷ SQL | kept ÷ SQL | same counts |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var t in timings)
            sb.Append(C, $"| {t.Name} ({t.Region}) | {t.Rows:N0} | {t.Households:N0} | {t.Persons:N0} | {t.FupinMs:0.0} | {(t.KeptMs is { } k ? k.ToString("0.0", C) : "—")} | {t.SqlMs:0.0} | {t.FupinMs / t.SqlMs:0.00}× | {(t.KeptMs is { } k2 ? (k2 / t.SqlMs).ToString("0.00", C) + "×" : "—")} | {(t.Same ? "yes" : "**no**")} |\n");
        return sb.ToString();
    }
}
