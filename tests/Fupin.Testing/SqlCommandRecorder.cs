using System.Data.Common;
using System.Text.Json;
using Fupin.Accounts;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Fupin.Testing;

/// <summary>Every query's text and a copy of its parameters, to be explained afterwards on another connection.</summary>
public sealed class SqlCommandRecorder : DbCommandInterceptor
{
    public List<(string Sql, List<DbParameter> Parameters)> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(Copy)]));
        return ValueTask.FromResult(result);
    }

    /// <summary>A context of the test database (system scope) whose queries this recorder records.</summary>
    public AppDbContext Context(TestDatabase db)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        db.Settings.Configure(options);
        options.AddInterceptors(this);
        return new AppDbContext(options.Options, db.Clock, AccessScope.System);
    }

    /// <summary>Every node of a PostgreSQL plan (EXPLAIN (FORMAT JSON)'s "Plan"), the root first.</summary>
    public static IEnumerable<JsonElement> PlanNodes(JsonElement plan)
    {
        yield return plan;
        if (plan.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var n in PlanNodes(child))
                    yield return n;
    }

    static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter n => n.Clone(),
        Microsoft.Data.Sqlite.SqliteParameter s => new Microsoft.Data.Sqlite.SqliteParameter(s.ParameterName, s.Value ?? DBNull.Value) { SqliteType = s.SqliteType, Size = s.Size },
        _ => throw new NotSupportedException(p.GetType().Name),
    };
}
