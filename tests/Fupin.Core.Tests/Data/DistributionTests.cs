using System.Text.Json;
using System.Text.RegularExpressions;
using Fupin.Accounts;
using Fupin.Board;
using Fupin.Data;
using Fupin.Demo;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fupin.Tests.Data;

/// <summary>
/// The Citus placement (docs/operations.md, "Past one machine") and the code keeping to it: every table is placed,
/// every county table carries a non-null county code, reference tables carry no county data, and every query the board
/// runs for a county, a township and a village filters every county table it reads by one county code — so Citus sends
/// it to the one node holding that county instead of every node. Checked on the demo county: on PostgreSQL on each
/// query's plan (EXPLAIN: every scan of a county table has county_code = in its Index Cond, Recheck Cond or Filter), on
/// both engines on the SQL (every county table's alias compared with county_code).
/// </summary>
public partial class DistributionTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestDatabase _db = null!;

    /// <summary>County tables without an index led by county_code, and why that is acceptable for now.</summary>
    static readonly Dictionary<string, string> UnindexedCountyTables = new(StringComparer.Ordinal)
    {
        ["Member"] = "reached through household_id",
        ["IncomeRecord"] = "reached through (household_id, year)",
        ["HouseholdSnapshot"] = "(year, county_code, village_code): the year leads, one county per year is still one range",
        ["Finding"] = "(village_code, status): a village code starts with its county code",
        ["HouseholdVisit"] = "reached through household_id",
        ["VillageChecklistAnswer"] = "(village_code, year, item_id): a village code starts with its county code",
        ["SampledHousehold"] = "reached through sample_id",
        ["RiskEvent"] = "reached through household_id or monitoring_object_id",
        ["ProjectBeneficiary"] = "reached through project_id or household_id",
        ["FundAllocation"] = "reached through source_id or project_id",
        ["RelocatedHousehold"] = "reached through site_id or household_id",
        ["WorkshopWorker"] = "reached through workshop_id, member_id or household_id",
        ["WorkshopMonth"] = "reached through workshop_id",
        ["LinkagePayment"] = "reached through contract_id or household_id",
        ["InspectionVisit"] = "reached through plan_id",
        ["SurveyedHousehold"] = "reached through survey_id or household_id",
        ["Pairing"] = "reached through household_id or user_id",
        ["ProjectPlan"] = "reached through (project_id, number)",
        ["PlannedMilestone"] = "reached through (plan_id, seq)",
        ["ProgressReport"] = "reached through (project_id, seq, reported_on)",
        ["ChecklistQuestion"] = "reached through (template_id, code)",
        ["SurveyAnswer"] = "reached through (surveyed_household_id, question_code)",
        ["CampaignProgress"] = "reached through (task_id, month)",
    };


    static readonly string[] KnownExceptions =
    [
        "briefings", "data_stamps", "department_list_rows", "department_lists", "exit_procedure_steps", "finding_events",
        "finding_evidence", "inspection_answers", "inspection_photos", "monitoring_measures", "project_documents", "project_events",
        "rectification_events", "rectification_evidence", "verification_runs",
    ];

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var ctx = _db.NewContext();
        await new SeedDemoCounty(ctx, _db.Clock).HandleAsync(DemoCounty.DefaultSeed, null, default);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Classification_PlacesEveryTable_CountyTablesByTheirCountyCode()
    {
        await using var db = _db.NewContext();
        var placements = Distribution.Classify(db.Model);
        foreach (var p in placements) output.WriteLine($"{p.Role,-12} {p.Table}: {p.Reason}");

        Assert.Empty(placements.Where(p => p.Role == TableRole.Unclassified).Select(p => p.Entity));
        Assert.Equal(db.Model.GetEntityTypes().Count(), placements.Count);
        var distributed = placements.Where(p => p.Role == TableRole.Distributed).Select(p => p.Table).ToHashSet(StringComparer.Ordinal);
        var withCounty = db.Model.GetEntityTypes().Where(t => t.FindProperty("CountyCode") is not null).Select(t => t.GetTableName()!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(withCounty.Order(StringComparer.Ordinal), distributed.Order(StringComparer.Ordinal));
        Assert.Contains("households", distributed);
        Assert.Contains("members", distributed);
        Assert.Equal(TableRole.Reference, placements.Single(p => p.Table == "regions").Role);
        Assert.Equal(TableRole.Exception, placements.Single(p => p.Entity == "FindingEvent").Role);
        // The county data still without county_code, as docs/operations.md lists it: a new table holding a county's rows
        // must carry CountyCode (or be added here, and to the document, with its reason).
        Assert.Equal(KnownExceptions, placements.Where(p => p.Role == TableRole.Exception).Select(p => p.Table).Order(StringComparer.Ordinal));
        Assert.All(placements.Where(p => p.Role == TableRole.Exception), p => Assert.Contains("county_code", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CountyTables_HaveANonNullCountyCode_IndexedFirstButForTheKnownGaps()
    {
        await using var db = _db.NewContext();
        var gaps = new List<string>();
        foreach (var t in db.Model.GetEntityTypes().Where(Distribution.IsDistributed))
        {
            var county = t.FindProperty("CountyCode")!;
            Assert.False(county.IsNullable, t.ClrType.Name + ".CountyCode is nullable");
            Assert.Equal("county_code", county.GetColumnName());
            Assert.Equal(6, county.GetMaxLength());
            var led = t.GetIndexes().Select(i => i.Properties).Concat(t.GetKeys().Select(k => k.Properties)).Any(ps => ps[0] == county);
            if (!led) gaps.Add(t.ClrType.Name);
        }
        Assert.Equal(UnindexedCountyTables.Keys.Order(StringComparer.Ordinal), gaps.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReferenceTables_CarryNoCountyData()
    {
        await using var db = _db.NewContext();
        var roles = Distribution.Classify(db.Model).ToDictionary(p => p.Entity, p => p.Role, StringComparer.Ordinal);
        foreach (var t in db.Model.GetEntityTypes().Where(t => roles[t.ClrType.Name] == TableRole.Reference))
        {
            foreach (var column in new[] { "CountyCode", "VillageCode", "HouseholdId", "MemberId" })
                Assert.True(t.FindProperty(column) is null, $"{t.ClrType.Name} is a reference table but has {column}");
            foreach (var fk in t.GetForeignKeys())
                Assert.True(roles[fk.PrincipalEntityType.ClrType.Name] == TableRole.Reference, $"{t.ClrType.Name} is a reference table but references {fk.PrincipalEntityType.ClrType.Name}");
        }
    }

    [Fact]
    public async Task CitusScript_MakesReferenceTables_DistributesEveryCountyTableOnceColocatedWithHouseholds()
    {
        await using var db = _db.NewContext();
        var script = Distribution.CitusScript(db.Model);
        output.WriteLine(script);
        var placements = Distribution.Classify(db.Model);
        foreach (var p in placements)
        {
            var reference = $"SELECT create_reference_table('{p.Table}');";
            var distributed = new Regex($@"^SELECT create_distributed_table\('{p.Table}', 'county_code'(, colocate_with => 'households')?\);$", RegexOptions.Multiline);
            Assert.Equal(p.Role == TableRole.Reference ? 1 : 0, Regex.Count(script, Regex.Escape(reference)));
            Assert.Equal(p.Role == TableRole.Distributed ? 1 : 0, distributed.Count(script));
        }
        Assert.Contains("SELECT create_distributed_table('households', 'county_code');", script, StringComparison.Ordinal);
        Assert.Contains("SELECT create_distributed_table('members', 'county_code', colocate_with => 'households');", script, StringComparison.Ordinal);
        Assert.True(script.IndexOf("'households'", StringComparison.Ordinal) < script.IndexOf("'members'", StringComparison.Ordinal));
        Assert.Contains("--   finding_events: child of findings", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardQueries_FilterEveryCountyTableByTheCounty()
    {
        var recorder = new SqlCommandRecorder();
        await using (var db = recorder.Context(_db))
        {
            foreach (var region in new[] { RegistryBuilder.County, RegistryBuilder.Township, RegistryBuilder.Village })
            {
                Assert.NotNull(await new GetBoard(db, _db.Clock).HandleAsync(new GetBoardRequest(region), default));
                Assert.True((await new GetLateItems(db, _db.Clock).HandleAsync(region, default)).IsOk);
            }
            Assert.True((await new GetHouseholdTiles(db, _db.Clock).HandleAsync(new GetHouseholdTilesRequest(RegistryBuilder.Village), default)).IsOk);
        }
        var queries = recorder.Commands.DistinctBy(c => c.Sql).ToList();
        Assert.True(queries.Count > 40, $"only {queries.Count} queries recorded");

        await using var check = _db.NewContext();
        var placements = Distribution.Classify(check.Model);
        var county = placements.Where(p => p.Role == TableRole.Distributed).Select(p => p.Table).ToHashSet(StringComparer.Ordinal);
        var exceptions = placements.Where(p => p.Role == TableRole.Exception).Select(p => p.Table).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        var exceptionReads = new SortedSet<string>(StringComparer.Ordinal);

        // The SQL, on both engines: every alias of a county table is compared with county_code (a constant, or the
        // county code of a row already filtered so) — in the SQL that runs: the board's context sees everything, so the
        // query filters' other branch (@ef_filter__All OR EXISTS …) is dead, as the databases fold it.
        foreach (var (text, parameters) in queries)
        {
            var sql = Live(text, parameters);
            foreach (Match m in TableAlias().Matches(sql))
            {
                var (table, alias) = (m.Groups[1].Value, m.Groups[2].Value);
                if (exceptions.Contains(table)) exceptionReads.Add(table);
                if (county.Contains(table) && !Filtered(sql, m.Index, alias))
                    problems.Add($"SQL: {table} AS {alias} not filtered by county_code: {sql}");
            }
        }

        // The plans, on PostgreSQL: every scan of a county table carries a county_code condition.
        if (check.Database.IsNpgsql())
        {
            await check.Database.OpenConnectionAsync();
            var connection = check.Database.GetDbConnection();
            foreach (var (sql, parameters) in queries)
            {
                await using var explain = connection.CreateCommand();
                foreach (var p in parameters) explain.Parameters.Add(p);
                explain.CommandText = "EXPLAIN (FORMAT JSON) " + sql;
                using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
                foreach (var node in SqlCommandRecorder.PlanNodes(plan.RootElement[0].GetProperty("Plan")))
                {
                    if (!node.TryGetProperty("Relation Name", out var relation) || !county.Contains(relation.GetString()!)) continue;
                    var conditions = string.Join(" AND ", ConditionKeys.Select(k => node.TryGetProperty(k, out var c) ? c.GetString() : null).OfType<string>());
                    if (!CountyCondition().IsMatch(conditions))
                        problems.Add($"plan: {node.GetProperty("Node Type").GetString()} on {relation} without county_code ({conditions}): {sql}");
                }
                explain.Parameters.Clear();
            }
        }

        output.WriteLine($"{queries.Count} queries; exception tables read: {string.Join(", ", exceptionReads)}");
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.Empty(exceptionReads); // a table without county_code read by the board would send its query to every node
    }

    /// <summary>
    /// Whether the alias of the table at <paramref name="at"/> is compared with county_code — itself, or the derived table
    /// it is read in (a query filter turns a join into "(SELECT … FROM households AS h0 WHERE …) AS h1").
    /// </summary>
    static bool Filtered(string sql, int at, string alias)
    {
        while (true)
        {
            if (Regex.IsMatch(sql, $@"(?<!\w)""?{Regex.Escape(alias)}""?\.""?county_code""? = ")) return true;
            // The subquery around the table: its opening parenthesis, its closing one, and the alias after it.
            var depth = 0;
            var open = at;
            for (; open >= 0; open--)
            {
                if (sql[open] == ')') depth++;
                else if (sql[open] == '(' && depth-- == 0) break;
            }
            if (open < 0) return false;
            depth = 0;
            var close = open + 1;
            for (; close < sql.Length; close++)
            {
                if (sql[close] == '(') depth++;
                else if (sql[close] == ')' && depth-- == 0) break;
            }
            var derived = DerivedAlias().Match(sql, Math.Min(close + 1, sql.Length));
            if (!derived.Success) return false;
            (at, alias) = (open - 1, derived.Groups[1].Value); // from before the parenthesis: the next enclosing subquery
        }
    }

    [GeneratedRegex(@"\G\s+AS\s+""?(\w+)""?")]
    private static partial Regex DerivedAlias();

    /// <summary>
    /// The SQL without the branches a true parameter makes dead: "@p OR rest" up to the closing parenthesis of the group
    /// it stands in becomes "@p", as PostgreSQL folds it when planning with the parameter's value.
    /// </summary>
    static string Live(string sql, IReadOnlyList<System.Data.Common.DbParameter> parameters)
    {
        foreach (var p in parameters.Where(p => p.Value is true))
        {
            var name = p.ParameterName.StartsWith('@') ? p.ParameterName : "@" + p.ParameterName;
            for (var at = sql.IndexOf(name + " OR ", StringComparison.Ordinal); at >= 0; at = sql.IndexOf(name + " OR ", at + 1, StringComparison.Ordinal))
            {
                var start = at + name.Length;
                var depth = 0;
                var end = start;
                for (; end < sql.Length; end++)
                {
                    if (sql[end] == '(') depth++;
                    else if (sql[end] == ')' && depth-- == 0) break;
                }
                sql = string.Concat(sql.AsSpan(0, start), sql.AsSpan(end));
            }
        }
        return sql;
    }

    [GeneratedRegex(@"(?:FROM|JOIN)\s+""?(\w+)""?\s+AS\s+""?(\w+)""?")]
    private static partial Regex TableAlias();

    [GeneratedRegex(@"\bcounty_code\)?(::[\w ]+)?\s*=\s")]
    private static partial Regex CountyCondition();

    static readonly string[] ConditionKeys = ["Index Cond", "Recheck Cond", "Filter"];
}
