using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Households;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Tests.Data;

/// <summary>
/// The main queries — the board of a county, a township and a village, and the household search by region, name and ID
/// number — asked for their plans with EXPLAIN: every table that holds a county's data (an entity with a county code)
/// is reached through an index. On PostgreSQL sequential scans are switched off for the check, so a plan that still
/// scans a county table has no index it could use; and a prefix test of a region code (LIKE '411321%') must be a
/// range of an index (an Index Cond on that column), not a filter applied while reading every row of an index — which
/// is what PostgreSQL does under a linguistic collation, and why codes are collated "C". On SQLite (one county on a
/// laptop) the member table, the largest, is never read whole.
/// </summary>
public class QueryPlanTests : IAsyncLifetime
{
    TestDatabase _db = null!;
    string _headId = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await RegistryBuilder.AddHouseholdAsync(_db, h =>
        {
            h.Members.Add(RegistryBuilder.Member(h));
            _headId = h.Members.First().IdNumber!.Value.ToString();
        });

        // A neighbouring county with many households: next to the county's few rows alone, reading a whole index costs the
        // planner nothing, and which plan it picks would be a tie-break, not the question asked.
        const string other = "411322";
        await using var ctx = _db.NewContext();
        var chain = RegionCatalog.ChainWithTownships(other).Where(r => r.Code.Length >= 6).ToList();
        foreach (var r in chain) ctx.Regions.Add(new Region { Code = r.Code, Name = r.Name, Level = r.Level, ParentCode = r.ParentCode });
        var village = chain.First(r => r.Level == RegionLevel.Township).Code + "201";
        ctx.Regions.Add(new Region { Code = village, Name = "邻县村", Level = RegionLevel.Village, ParentCode = village[..9] });
        ctx.Households.AddRange(Enumerable.Range(0, 2000).Select(_ => RegistryBuilder.Household(h =>
        {
            h.CountyCode = other;
            h.VillageCode = village;
            foreach (var m in h.Members) m.CountyCode = other;
        })));
        await ctx.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task BoardAndHouseholdSearch_ReachEveryCountyTableThroughAnIndex()
    {
        var recorder = new SqlCommandRecorder();
        await using (var db = recorder.Context(_db))
        {
            foreach (var region in new[] { RegistryBuilder.County, RegistryBuilder.Township, RegistryBuilder.Village })
                Assert.NotNull(await new GetBoard(db, _db.Clock).HandleAsync(new GetBoardRequest(region), default));
            var search = new SearchHouseholds(db, _db.Clock);
            foreach (var request in new[]
            {
                new SearchHouseholdsRequest { Region = RegistryBuilder.County },
                new SearchHouseholdsRequest { Region = RegistryBuilder.Township, Name = "张" },
                new SearchHouseholdsRequest { Region = RegistryBuilder.County, IdNumber = _headId },
            })
                Assert.True((await search.HandleAsync(request, default)).IsOk);
        }
        Assert.True(recorder.Commands.Count > 20, $"only {recorder.Commands.Count} queries recorded");

        await using var check = _db.NewContext();
        var countyTables = check.Model.GetEntityTypes().Where(t => t.FindProperty("CountyCode") is not null)
            .Select(t => t.GetTableName()!).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("households", countyTables);
        Assert.Contains("members", countyTables);

        var problems = new List<string>();
        var populated = new HashSet<string>(StringComparer.Ordinal); // tables with enough rows that reading all of an index costs the planner something
        await check.Database.OpenConnectionAsync();
        var connection = check.Database.GetDbConnection();
        if (check.Database.IsNpgsql())
        {
            // Statistics first (autovacuum may or may not have analysed the new tables yet; the plans must not depend on it).
            await using var off = connection.CreateCommand();
            off.CommandText = "ANALYZE; SET enable_seqscan = off";
            await off.ExecuteNonQueryAsync();
            off.CommandText = "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= 1000";
            await using var reader = await off.ExecuteReaderAsync();
            while (await reader.ReadAsync()) populated.Add(reader.GetString(0));
        }
        foreach (var (sql, parameters) in recorder.Commands.DistinctBy(c => c.Sql))
        {
            await using var explain = connection.CreateCommand();
            foreach (var p in parameters) explain.Parameters.Add(p);
            if (check.Database.IsNpgsql())
            {
                explain.CommandText = "EXPLAIN (FORMAT JSON) " + sql;
                var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
                foreach (var node in SqlCommandRecorder.PlanNodes(plan.RootElement[0].GetProperty("Plan")))
                {
                    if (!node.TryGetProperty("Relation Name", out var relation) || !countyTables.Contains(relation.GetString()!)) continue;
                    var type = node.GetProperty("Node Type").GetString();
                    if (type == "Seq Scan") problems.Add($"Seq Scan on {relation}: {sql}");
                    var filter = node.TryGetProperty("Filter", out var f) ? f.GetString() ?? "" : "";
                    // A row found by an index condition (a key, a join) and then tested against the prefix is fine; a
                    // prefix tested on every entry of an index, with no condition to start from, is the full scan in disguise.
                    var cond = node.TryGetProperty("Index Cond", out var c) ? c.GetString() ?? "" : "";
                    foreach (var column in new[] { "village_code", "region_code", "county_code" })
                        if (populated.Contains(relation.GetString()!) && Regex.IsMatch(filter, $@"\b{column}\)?(::text)? ~~ ") && cond.Length == 0)
                            problems.Add($"{relation}.{column} LIKE read as a filter over a whole index ({type}): {sql}");
                }
            }
            else
            {
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var detail = reader.GetString(3);
                    if (detail == "SCAN members" || detail.StartsWith("SCAN members ", StringComparison.Ordinal) && !detail.Contains("INDEX", StringComparison.Ordinal))
                        problems.Add($"{detail}: {sql}");
                }
            }
            explain.Parameters.Clear();
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }
}
