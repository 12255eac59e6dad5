using System.Data.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fupin.Data;

/// <summary>
/// Bulk inserts (the demo seed, registry imports) over the context's own connection and
/// transaction: a prepared INSERT per row on SQLite, binary COPY on PostgreSQL. Table, columns and
/// value conversions come from the EF model, so a column added to an entity is written without
/// touching this class. Keys are given by the caller (see <see cref="ReserveIdsAsync{T}"/>), so
/// members and incomes can point at their household without a round trip per row.
/// </summary>
internal sealed class BulkWriter(AppDbContext db) : IAsyncDisposable
{
    sealed record Column(string Name, string StoreType, Func<object, object?> Read);

    sealed record Table(string Name, IReadOnlyList<Column> Columns);

    readonly Dictionary<Type, Table> _tables = [];
    readonly Dictionary<Type, DbCommand> _inserts = [];

    DbConnection Connection => db.Database.GetDbConnection();

    DbTransaction Transaction => db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("bulk writes run inside a transaction");

    /// <summary>The next free key of the entity's table.</summary>
    public async Task<long> NextIdAsync<T>(CancellationToken ct)
    {
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = $"SELECT COALESCE(MAX(id), 0) FROM \"{TableOf<T>().Name}\"";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>
    /// Keys for <paramref name="count"/> new rows. PostgreSQL hands them out from the identity
    /// sequence, so other sessions inserting meanwhile get other keys; SQLite has one writer, and the
    /// transaction (BEGIN IMMEDIATE) already holds the write lock, so the keys past the largest are free.
    /// </summary>
    public async Task<long[]> ReserveIdsAsync<T>(int count, CancellationToken ct)
    {
        var ids = new long[count];
        if (count == 0) return ids;
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        if (db.Database.IsNpgsql())
        {
            cmd.CommandText = $"SELECT nextval(pg_get_serial_sequence('\"{TableOf<T>().Name}\"', 'id')) FROM generate_series(1, {count.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++) ids[i] = reader.GetInt64(0);
            return ids;
        }
        var next = await NextIdAsync<T>(ct);
        for (var i = 0; i < count; i++) ids[i] = next + i;
        return ids;
    }

    public async Task InsertAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        db.TouchData(Board.DataStamps.Everywhere); // the board's cache learns of rows written past the change tracker
        if (db.Database.IsNpgsql()) await CopyAsync(rows, ct);
        else await InsertEachAsync(rows, ct);
    }

    /// <summary>PostgreSQL identity columns do not move when keys are given; move them past the new rows.</summary>
    public async Task AdvanceIdentityAsync<T>(CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return; // SQLite AUTOINCREMENT follows the largest key written.
        var name = TableOf<T>().Name;
        await using var cmd = Connection.CreateCommand();
        cmd.Transaction = Transaction;
        cmd.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), (SELECT MAX(id) FROM \"{name}\"))";
        await cmd.ExecuteScalarAsync(ct);
    }

    async Task InsertEachAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var table = TableOf<T>();
        if (!_inserts.TryGetValue(typeof(T), out var cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.Transaction = Transaction;
            cmd.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
            for (var i = 0; i < table.Columns.Count; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                cmd.Parameters.Add(p);
            }
            await cmd.PrepareAsync(ct);
            _inserts[typeof(T)] = cmd;
        }
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            for (var i = 0; i < table.Columns.Count; i++) cmd.Parameters[i].Value = table.Columns[i].Read(row) ?? DBNull.Value;
            // SQLite runs in-process and has no asynchronous I/O: the synchronous call saves a task per row.
            cmd.ExecuteNonQuery();
        }
    }

    async Task CopyAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var table = TableOf<T>();
        var connection = (NpgsqlConnection)Connection;
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var c in table.Columns)
            {
                var value = c.Read(row);
                if (value is null) await importer.WriteNullAsync(ct);
                else await importer.WriteAsync(value, c.StoreType, ct);
            }
        }
        await importer.CompleteAsync(ct);
    }

    Table TableOf<T>()
    {
        if (_tables.TryGetValue(typeof(T), out var known)) return known;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = new List<Column>();
        foreach (var p in entity.GetProperties())
        {
            var column = p.GetColumnName(store);
            if (column is null) continue;
            var info = p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a shadow property; the bulk writer reads CLR properties only");
            var converter = p.GetTypeMapping().Converter;
            var storeType = p.GetColumnType();
            var paren = storeType.IndexOf('(', StringComparison.Ordinal);
            if (paren > 0) storeType = storeType[..paren].TrimEnd();
            var get = Getter(info);
            columns.Add(new Column(column, storeType, row => ToProvider(get(row), converter)));
        }
        var table = new Table(name, columns);
        _tables[typeof(T)] = table;
        return table;
    }

    /// <summary>A compiled property read: reflection per cell is too slow for millions of rows.</summary>
    static Func<object, object?> Getter(System.Reflection.PropertyInfo info)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(object));
        var read = System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(row, info.DeclaringType!), info);
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(System.Linq.Expressions.Expression.Convert(read, typeof(object)), row).Compile();
    }

    static object? ToProvider(object? value, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? converter) => value switch
    {
        null => null,
        _ when converter is not null => converter.ConvertToProvider(value),
        // PostgreSQL maps a list of enums to integer[] through the element mapping.
        System.Collections.IEnumerable list and not string when value.GetType().IsGenericType && value.GetType().GetGenericArguments()[0].IsEnum =>
            list.Cast<object>().Select(e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
        _ => value,
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in _inserts.Values) await cmd.DisposeAsync();
        _inserts.Clear();
    }
}
