using System.Globalization;
using Fupin.Operations;
using Microsoft.Data.Sqlite;

namespace Fupin.Data.Sqlite;

/// <summary>Small helpers the SQLite backup and restore share.</summary>
internal static class SqliteFiles
{
    /// <summary>A connection of our own: not pooled, so the file is closed when we are done with it.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        // Wait for a writer's commit instead of failing at once: the app may be writing right now.
        Execute(connection, "PRAGMA busy_timeout = 60000");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static bool HasTable(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        cmd.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    public static long Count(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Rows per data table, or null when the file holds no table at all (a new, empty file).</summary>
    public static Dictionary<string, long>? DataRows(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        if (tables.Count == 0) return null;
        if (!tables.Contains("households", StringComparer.Ordinal))
        {
            // Not a Fupin schema: whatever it holds is someone's data.
            return tables.ToDictionary(t => t, t => Count(connection, t), StringComparer.Ordinal);
        }
        return BackupFiles.DataTables.Where(t => tables.Contains(t, StringComparer.Ordinal))
            .ToDictionary(t => t, t => Count(connection, t), StringComparer.Ordinal);
    }
}
