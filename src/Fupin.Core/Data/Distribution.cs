using System.Text;
using Fupin.Accounts;
using Fupin.Assessment;
using Fupin.Regions;
using Fupin.Registry;
using Fupin.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Fupin.Data;

/// <summary>How a table is placed on a Citus cluster (docs/operations.md, "Past one machine").</summary>
public enum TableRole
{
    /// <summary>Not yet placed: a new entity nobody classified (DistributionTests fails on it).</summary>
    Unclassified,

    /// <summary>Copied to every node: small, shared by every county, joined by county tables.</summary>
    Reference,

    /// <summary>Sharded by county code, co-located with the households.</summary>
    Distributed,

    /// <summary>Holds a county's data without a county code: Citus needs a county_code column first.</summary>
    Exception,
}

/// <param name="Reason">Why the table is placed so; for an exception also what Citus would need.</param>
public sealed record TablePlacement(string Table, string Entity, TableRole Role, string Reason);

/// <summary>
/// The placement of every table on Citus, read from the EF model: an entity with a CountyCode is distributed by
/// county_code and co-located with the households, so every join within a county stays on one node; the entities
/// listed below are reference tables; an entity without a county code that references a distributed table (or
/// another such table) holds county data all the same, and is an exception until it carries the county code.
/// </summary>
public static class Distribution
{
    public const string CountyProperty = "CountyCode";
    public const string Column = "county_code";
    public const string Anchor = "households";

    /// <summary>Tables copied to every node. Changing one writes to every node, so only rarely written tables qualify.</summary>
    static readonly Dictionary<Type, string> References = new()
    {
        [typeof(Region)] = "区划: every county table joins it by code for names, levels and parents; shared by all counties, changed by imports only",
        [typeof(CodeItemRow)] = "代码表: seeded with the schema",
        [typeof(PovertyLine)] = "贫困线: one row per scope and year, for every county",
        [typeof(ExitStandard)] = "摘帽标准: one row per province",
        [typeof(VillageChecklistItem)] = "贫困村退出清单: one list per province",
        [typeof(User)] = "账号: a sign-in finds the user by name before any county is known, and a user of a city or province covers many counties; thousands of rows",
        [typeof(UserRegion)] = "账号的管辖区域: read with the user on every request",
        [typeof(ApiToken)] = "API 令牌: looked up by hash before any county is known",
    };

    /// <summary>Exceptions the model cannot tell by a foreign key: county data kept by code or id without a county code.</summary>
    static readonly Dictionary<Type, string> Unlinked = new()
    {
        [typeof(DepartmentList)] = "部门名单: region_code may be a city or province (a department's list spans counties); needs county_code per row, or lists split by county",
        [typeof(VerificationRun)] = "比对批次: region_code of any level; needs county_code, or one run per county",
        [typeof(Board.Briefing)] = "工作简报: region_code of the county or below; needs county_code (its first 6 digits) in its key",
        [typeof(Board.DataStamp)] = "数据版本: one row per county plus '*' (everywhere), bumped by every write; a reference table would write every node on each commit — needs its key as county_code, distributed, with '*' kept on the coordinator",
    };

    /// <summary>Every table of the model with its role and the reason for it, in table-name order.</summary>
    public static IReadOnlyList<TablePlacement> Classify(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => t.GetTableName() is not null && !t.IsOwned()).ToList();
        var distributed = types.Where(IsDistributed).ToHashSet();
        // A child of a distributed table (or of any table holding county data) holds that county's rows: follow foreign keys to a fixed point.
        var children = new Dictionary<IEntityType, IForeignKey>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var t in types.Where(t => !distributed.Contains(t) && !children.ContainsKey(t) && !References.ContainsKey(t.ClrType)))
            {
                var fk = t.GetForeignKeys().FirstOrDefault(f => distributed.Contains(f.PrincipalEntityType) || children.ContainsKey(f.PrincipalEntityType)
                    || Unlinked.ContainsKey(f.PrincipalEntityType.ClrType));
                if (fk is null) continue;
                children[t] = fk;
                grew = true;
            }
        }
        return
        [
            .. types.Select(t =>
            {
                var table = t.GetTableName()!;
                if (distributed.Contains(t))
                    return new TablePlacement(table, t.ClrType.Name, TableRole.Distributed, "county_code: " + (t.FindProperty(CountyProperty)!.GetColumnName()));
                if (References.TryGetValue(t.ClrType, out var why)) return new TablePlacement(table, t.ClrType.Name, TableRole.Reference, why);
                if (children.TryGetValue(t, out var fk))
                {
                    var parent = fk.PrincipalEntityType.GetTableName();
                    var columns = string.Join(", ", fk.Properties.Select(p => p.GetColumnName()));
                    return new TablePlacement(table, t.ClrType.Name, TableRole.Exception,
                        $"child of {parent} ({columns}) without county_code: needs county_code filled from {parent}, in its primary key and in the foreign key to {parent}");
                }
                if (Unlinked.TryGetValue(t.ClrType, out why)) return new TablePlacement(table, t.ClrType.Name, TableRole.Exception, why);
                return new TablePlacement(table, t.ClrType.Name, TableRole.Unclassified, "not classified: add it to Distribution");
            })
            .OrderBy(p => p.Table, StringComparer.Ordinal),
        ];
    }

    public static bool IsDistributed(IEntityType type) => type.FindProperty(CountyProperty) is not null;

    /// <summary>
    /// What Citus refuses in the schema as it is: a distributed table's primary key, unique index or foreign key to
    /// another distributed table must include the distribution column.
    /// </summary>
    public static IReadOnlyList<string> Prerequisites(IModel model)
    {
        var lines = new List<string>();
        foreach (var t in model.GetEntityTypes().Where(t => t.GetTableName() is not null && IsDistributed(t)).OrderBy(t => t.GetTableName(), StringComparer.Ordinal))
        {
            var county = t.FindProperty(CountyProperty)!;
            var missing = new List<string>();
            if (t.FindPrimaryKey() is { } pk && !pk.Properties.Contains(county)) missing.Add("primary key (" + Columns(pk.Properties) + ")");
            foreach (var index in t.GetIndexes().Where(i => i.IsUnique && !i.Properties.Contains(county)))
                missing.Add("unique (" + Columns(index.Properties) + ")");
            foreach (var fk in t.GetForeignKeys().Where(f => IsDistributed(f.PrincipalEntityType) && f.PrincipalEntityType != t && !f.Properties.Contains(county)))
                missing.Add("foreign key (" + Columns(fk.Properties) + ") to " + fk.PrincipalEntityType.GetTableName());
            if (missing.Count > 0) lines.Add(t.GetTableName() + ": " + string.Join("; ", missing));
        }
        return lines;
    }

    static string Columns(IEnumerable<IProperty> properties) => string.Join(", ", properties.Select(p => p.GetColumnName()));

    /// <summary>
    /// The SQL that places the tables on a Citus coordinator, run after the migrations: reference tables first, then
    /// the households and every county table co-located with them (parents before children), the exceptions and the
    /// schema changes Citus needs first as comments.
    /// </summary>
    public static string CitusScript(IModel model)
    {
        var placements = Classify(model);
        var sql = new StringBuilder();
        sql.AppendLine("-- Fupin on PostgreSQL with Citus: written by `fupin db citus-script` from the EF model (docs/operations.md, \"Past one machine\").");
        sql.AppendLine("-- Run on the coordinator after `fupin db migrate`, before loading data. Not yet run against a Citus cluster.");
        sql.AppendLine("CREATE EXTENSION IF NOT EXISTS citus;");
        sql.AppendLine();
        var prerequisites = Prerequisites(model);
        if (prerequisites.Count > 0)
        {
            sql.AppendLine("-- Citus refuses create_distributed_table until each of these includes county_code (for example (county_code, id)):");
            foreach (var line in prerequisites) sql.AppendLine("--   " + line);
            sql.AppendLine();
        }
        sql.AppendLine("-- Reference tables: a copy on every node.");
        foreach (var p in placements.Where(p => p.Role == TableRole.Reference))
            sql.AppendLine("SELECT create_reference_table('" + p.Table + "'); -- " + p.Reason);
        sql.AppendLine();
        sql.AppendLine("-- County tables: sharded by county_code, co-located with households.");
        foreach (var table in DistributedInOrder(model))
        {
            sql.AppendLine(table == Anchor
                ? $"SELECT create_distributed_table('{table}', '{Column}');"
                : $"SELECT create_distributed_table('{table}', '{Column}', colocate_with => '{Anchor}');");
        }
        var exceptions = placements.Where(p => p.Role is TableRole.Exception or TableRole.Unclassified).ToList();
        if (exceptions.Count > 0)
        {
            sql.AppendLine();
            sql.AppendLine("-- Exceptions: county data without county_code, left out above until they carry it.");
            foreach (var p in exceptions) sql.AppendLine("--   " + p.Table + ": " + p.Reason);
        }
        return sql.ToString();
    }

    /// <summary>Distributed tables with households first and each table after the distributed tables it references.</summary>
    static List<string> DistributedInOrder(IModel model)
    {
        var pending = model.GetEntityTypes().Where(t => t.GetTableName() is not null && IsDistributed(t))
            .OrderBy(t => t.GetTableName() == Anchor ? 0 : 1).ThenBy(t => t.GetTableName(), StringComparer.Ordinal).ToList();
        var done = new List<IEntityType>();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(t => t.GetForeignKeys().All(f => f.PrincipalEntityType == t || !IsDistributed(f.PrincipalEntityType) || done.Contains(f.PrincipalEntityType)))
                ?? pending[0];
            done.Add(next);
            pending.Remove(next);
        }
        return [.. done.Select(t => t.GetTableName()!)];
    }

    /// <summary>The county of a county, township or village code (its first 6 digits); null for a province or city.</summary>
    public static string? CountyOf(string? regionCode) =>
        regionCode is { Length: >= 6 } code && code[..6].All(char.IsAsciiDigit) ? code[..6] : null;

    /// <summary>
    /// Keeps the rows of one county (none given: all). On Citus a query whose every county table is filtered so is sent
    /// to the one node holding that county; a region prefix alone (village_code LIKE '411321%') is sent to every node.
    /// </summary>
    public static IQueryable<T> InCounty<T>(this IQueryable<T> query, string? county) where T : class =>
        county is null ? query : query.Where(x => EF.Property<string>(x, CountyProperty) == county);
}
