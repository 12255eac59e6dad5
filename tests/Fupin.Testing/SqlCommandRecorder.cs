using System.Data.Common;
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

    static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter n => n.Clone(),
        Microsoft.Data.Sqlite.SqliteParameter s => new Microsoft.Data.Sqlite.SqliteParameter(s.ParameterName, s.Value ?? DBNull.Value) { SqliteType = s.SqliteType, Size = s.Size },
        _ => throw new NotSupportedException(p.GetType().Name),
    };
}
