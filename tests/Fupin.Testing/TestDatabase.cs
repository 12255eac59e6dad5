using Fupin.Accounts;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fupin.Testing;

/// <summary>
/// A fresh, migrated database for one test class, on the engine the test run targets:
/// <c>FUPIN_TEST_PROVIDER=Sqlite</c> (default, a temp file) or <c>Postgres</c> (a new database on the
/// server in <c>FUPIN_TEST_PG</c>, dropped afterwards). A run that targets PostgreSQL and finds no
/// server fails, saying what to install; nothing is skipped.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string? _sqliteFolder;
    readonly string? _pgDatabase;

    TestDatabase(DatabaseSettings settings, string? sqliteFolder, string? pgDatabase)
    {
        Settings = settings;
        _sqliteFolder = sqliteFolder;
        _pgDatabase = pgDatabase;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>The demo's business date; tests move it as they need.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2018, 10, 8, 2, 0, 0, TimeSpan.Zero));

    public static DatabaseProvider TargetProvider =>
        Environment.GetEnvironmentVariable("FUPIN_TEST_PROVIDER") is { Length: > 0 } p
            ? Enum.Parse<DatabaseProvider>(p, ignoreCase: true)
            : DatabaseProvider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        TestDatabase db;
        if (TargetProvider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("fupin-test-").FullName;
            db = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "fupin.db")};Pooling=False"), folder, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("FUPIN_TEST_PG");
            if (string.IsNullOrWhiteSpace(admin))
                throw new InvalidOperationException("FUPIN_TEST_PROVIDER=Postgres but FUPIN_TEST_PG is not set. Run the tests with ./test.sh, which installs PostgreSQL (apt-get install postgresql) and starts a throwaway server.");
            var name = "fupin_t_" + Guid.NewGuid().ToString("N")[..12];
            try
            {
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"PostgreSQL at '{admin}' is not reachable ({e.Message}). Install it (apt-get install postgresql) and run ./test.sh, which starts one.", e);
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            db = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, cs), null, name);
        }
        if (migrate)
        {
            await using var ctx = db.NewContext();
            await ctx.Database.MigrateAsync();
        }
        return db;
    }

    /// <summary>A context that sees everything, or only what <paramref name="scope"/> allows.</summary>
    public AppDbContext NewContext(AccessScope? scope = null)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        Settings.Configure(options);
        return new AppDbContext(options.Options, Clock, scope ?? AccessScope.System);
    }

    /// <summary>Configuration keys that point the web app or the CLI at this database.</summary>
    public IReadOnlyDictionary<string, string?> ConfigurationValues => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Settings.Provider.ToString(),
        ["ConnectionStrings:Fupin"] = Settings.ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteFolder, recursive: true); } catch (IOException) { }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("FUPIN_TEST_PG"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
