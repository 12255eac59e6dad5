using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

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
    /// <param name="Read">The cell as the provider stores it (boxed), for a SqliteCommand's parameters.</param>
    /// <param name="Copy">PostgreSQL: writes the cell to a COPY without boxing it, its type resolved once.</param>
    /// <param name="Bind">SQLite: binds the cell to the raw statement without boxing it; null for a type bound only through a SqliteCommand.</param>
    sealed record Column(string Name, string StoreType, Func<object, object?> Read, Action<NpgsqlBinaryImporter, object>? Copy, Action<sqlite3_stmt, object>? Bind);

    /// <param name="Code">The row's region code its data stamp is taken from (<see cref="Board.DataStamps.CodeReader"/>): null
    /// when the table is not data the board shows; a row whose code is null touches every county.</param>
    sealed record Table(string Name, IReadOnlyList<Column> Columns, Func<object, string?>? Code)
    {
        public bool BindsRaw { get; } = Columns.All(c => c.Bind is not null);
    }

    readonly Dictionary<Type, sqlite3_stmt> _statements = [];

    readonly Dictionary<Type, string> _sequences = [];

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
            // The sequence's name is looked up once: pg_get_serial_sequence in the select list ran for every key (10 ms per 3,400 keys, against 1 ms).
            if (!_sequences.TryGetValue(typeof(T), out var sequence))
            {
                cmd.CommandText = $"SELECT pg_get_serial_sequence('\"{TableOf<T>().Name}\"', 'id')";
                _sequences[typeof(T)] = sequence = (string)(await cmd.ExecuteScalarAsync(ct))!;
            }
            cmd.CommandText = $"SELECT nextval('{sequence}'::regclass) FROM generate_series(1, {count.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
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
        if (TableOf<T>().Code is { } code) rows = Touching(rows, code);
        if (db.Database.IsNpgsql()) await CopyAsync(rows, ct);
        else await InsertEachAsync(rows, ct);
    }

    /// <summary>
    /// The rows as they are written, touching the data stamp of each row's county (as a save does for tracked entities),
    /// so the board's cache learns of rows written past the change tracker and an import recounts its own counties only.
    /// </summary>
    IEnumerable<T> Touching<T>(IEnumerable<T> rows, Func<object, string?> codeOf) where T : class
    {
        string? last = null;
        var everywhere = false;
        foreach (var row in rows)
        {
            var code = codeOf(row);
            if (code is null)
            {
                if (!everywhere) db.TouchData(Board.DataStamps.Everywhere);
                everywhere = true;
            }
            else if (last is null || !code.AsSpan(0, 6).SequenceEqual(last))
            {
                last = code[..6];
                db.TouchData(last);
            }
            yield return row;
        }
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
        if (table.BindsRaw)
        {
            InsertRaw(table, rows, ct);
            return;
        }
        if (!_inserts.TryGetValue(typeof(T), out var cmd))
        {
            cmd = Connection.CreateCommand();
            cmd.Transaction = Transaction;
            cmd.CommandText = InsertSql(table);
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

    static string InsertSql(Table table) =>
        $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
        $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";

    /// <summary>
    /// SQLite's own statement, prepared once and bound cell by cell with the column's type: a SqliteCommand allocates a
    /// binder and a UTF-8 copy for every parameter of every row, which cost more than SQLite's insert itself.
    /// </summary>
    void InsertRaw<T>(Table table, IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var handle = ((SqliteConnection)Connection).Handle!;
        if (!_statements.TryGetValue(typeof(T), out var stmt))
        {
            var rc = raw.sqlite3_prepare_v2(handle, InsertSql(table), out stmt);
            SqliteException.ThrowExceptionForRC(rc, handle);
            _statements[typeof(T)] = stmt;
        }
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var c in table.Columns) c.Bind!(stmt, row);
            var rc = raw.sqlite3_step(stmt);
            raw.sqlite3_reset(stmt);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    async Task CopyAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
    {
        var table = TableOf<T>();
        var connection = (NpgsqlConnection)Connection;
        var columns = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes: they only fill the importer's buffer (a send when it is full); a task per cell cost more than the cell.
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            foreach (var c in table.Columns) c.Copy!(importer, row);
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
        var postgres = db.Database.IsNpgsql();
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
            columns.Add(new Column(column, storeType, row => ToProvider(get(row), converter),
                postgres ? CopyWriter(info, converter, storeType) : null,
                postgres ? null : SqliteBinder(info, converter, columns.Count + 1)));
        }
        var table = new Table(name, columns, Board.DataStamps.CodeReader(entity));
        _tables[typeof(T)] = table;
        return table;
    }

    /// <summary>A compiled property read: reflection per cell is too slow for millions of rows.</summary>
    static Func<object, object?> Getter(PropertyInfo info)
    {
        var row = Expression.Parameter(typeof(object));
        var read = Expression.Property(Expression.Convert(row, info.DeclaringType!), info);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), row).Compile();
    }

    /// <summary>
    /// A compiled COPY write of one property, written as its own type (<c>Write&lt;T&gt;</c>), so a cell is neither
    /// boxed nor has its PostgreSQL type looked up again. A list of enums (integer[]) goes through the boxed path.
    /// </summary>
    static Action<NpgsqlBinaryImporter, object> CopyWriter(PropertyInfo info, ValueConverter? converter, string storeType)
    {
        var type = info.PropertyType;
        if (converter is null && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
        {
            var get = Getter(info);
            return (importer, row) =>
            {
                if (ToProvider(get(row), null) is { } value) importer.Write(value, storeType);
                else importer.WriteNull();
            };
        }
        return CellWriter<NpgsqlBinaryImporter>(info, converter,
            (importer, value) => Expression.Call(importer, nameof(NpgsqlBinaryImporter.Write), [value.Type], value, Expression.Constant(storeType)),
            importer => Expression.Call(importer, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes))!;
    }

    /// <summary>
    /// A compiled bind of one property to parameter <paramref name="index"/> of a raw SQLite statement; null where the
    /// stored type is not one of <see cref="SqliteBind"/>'s, which SqliteCommand formats.
    /// </summary>
    static Action<sqlite3_stmt, object>? SqliteBinder(PropertyInfo info, ValueConverter? converter, int index)
    {
        var at = Expression.Constant(index);
        return CellWriter<sqlite3_stmt>(info, converter,
            (stmt, value) => typeof(SqliteBind).GetMethod(nameof(SqliteBind.Value), [typeof(sqlite3_stmt), typeof(int), value.Type]) is { } bind
                ? Expression.Call(bind, stmt, at, value) : null,
            stmt => Expression.Call(typeof(SqliteBind).GetMethod(nameof(SqliteBind.Null))!, stmt, at));
    }

    /// <summary>
    /// Compiles <c>(target, row) =&gt;</c> the property read from the row and converted as EF converts it, then handed to
    /// <paramref name="write"/> as its stored type, or <paramref name="writeNull"/> when null. Null when
    /// <paramref name="write"/> has nothing for the stored type.
    /// </summary>
    static Action<TTarget, object>? CellWriter<TTarget>(PropertyInfo info, ValueConverter? converter,
        Func<ParameterExpression, Expression, Expression?> write, Func<ParameterExpression, Expression> writeNull)
    {
        var type = info.PropertyType;
        var nullable = Nullable.GetUnderlyingType(type) is not null;
        var target = Expression.Parameter(typeof(TTarget), "target");
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Variable(type, "value");
        Expression present = nullable ? Expression.Property(value, "Value") : value;
        if (converter is not null)
            present = Expression.Invoke(converter.ConvertToProviderExpression, Expression.Convert(present, converter.ModelClrType));
        if (write(target, present) is not { } writeValue) return null;
        var body = type.IsValueType && !nullable
            ? writeValue
            : Expression.IfThenElse(Expression.Equal(value, Expression.Constant(null, type)), writeNull(target), writeValue);
        var block = Expression.Block([value], Expression.Assign(value, Expression.Property(Expression.Convert(row, info.DeclaringType!), info)), body);
        return Expression.Lambda<Action<TTarget, object>>(block, target, row).Compile();
    }

    /// <summary>The stored types bound without a SqliteCommand, each as Microsoft.Data.Sqlite binds it.</summary>
    static class SqliteBind
    {
        public static void Null(sqlite3_stmt s, int i) => Check(raw.sqlite3_bind_null(s, i));
        public static void Value(sqlite3_stmt s, int i, long v) => Check(raw.sqlite3_bind_int64(s, i, v));
        public static void Value(sqlite3_stmt s, int i, int v) => Check(raw.sqlite3_bind_int64(s, i, v));
        public static void Value(sqlite3_stmt s, int i, short v) => Check(raw.sqlite3_bind_int64(s, i, v));
        public static void Value(sqlite3_stmt s, int i, byte v) => Check(raw.sqlite3_bind_int64(s, i, v));
        public static void Value(sqlite3_stmt s, int i, bool v) => Check(raw.sqlite3_bind_int64(s, i, v ? 1 : 0));
        public static void Value(sqlite3_stmt s, int i, double v) => Check(raw.sqlite3_bind_double(s, i, v));
        public static void Value(sqlite3_stmt s, int i, string v) => Check(raw.sqlite3_bind_text16(s, i, v.AsSpan()));

        /// <summary>As text, yyyy-MM-dd, the way Microsoft.Data.Sqlite stores a DateOnly.</summary>
        public static void Value(sqlite3_stmt s, int i, DateOnly v)
        {
            Span<char> text = stackalloc char[10];
            v.TryFormat(text, out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Check(raw.sqlite3_bind_text16(s, i, text[..n]));
        }

        static void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite bind failed ({rc})", rc);
        }
    }

    static object? ToProvider(object? value, ValueConverter? converter) => value switch
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
        foreach (var stmt in _statements.Values) stmt.Dispose();
        _statements.Clear();
        foreach (var cmd in _inserts.Values) await cmd.DisposeAsync();
        _inserts.Clear();
    }
}
