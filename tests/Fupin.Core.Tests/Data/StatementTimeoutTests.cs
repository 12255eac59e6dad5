using Fupin.Accounts;
using Fupin.Data;
using Fupin.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fupin.Tests.Data;

/// <summary>
/// <c>Database:StatementTimeoutSeconds</c>: on PostgreSQL the server cancels a longer statement (statement_timeout on every
/// pooled connection, SQLSTATE 57014); on SQLite it is the command timeout. Migrations run without it.
/// </summary>
public class StatementTimeoutTests : IAsyncLifetime
{
    TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    static AppDbContext Context(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(options);
        return new AppDbContext(options.Options, new FakeTimeProvider(), AccessScope.System);
    }

    static DatabaseSettings FromConfig(params (string Key, string Value)[] values) =>
        DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    [Fact]
    public void Setting_ReadFromConfiguration_AbsentMeansNone_NonsenseRefusedInChinese()
    {
        Assert.Equal(45, FromConfig(("Database:StatementTimeoutSeconds", "45")).StatementTimeoutSeconds);
        Assert.Null(FromConfig().StatementTimeoutSeconds);
        foreach (var bad in new[] { "0", "-5", "abc", "1.5" })
        {
            var e = Assert.Throws<InvalidOperationException>(() => FromConfig(("Database:StatementTimeoutSeconds", bad)));
            Assert.Contains("StatementTimeoutSeconds", e.Message, StringComparison.Ordinal);
            Assert.Contains("正整数", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The server's statement_timeout as the context's connection sees it.</summary>
    static Task<string> ServerTimeoutAsync(AppDbContext db) => ShowAsync(db, "statement_timeout");

    static async Task<string> ShowAsync(AppDbContext db, string setting)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "SHOW " + setting;
            return (string)(await cmd.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task StatementLongerThanTheTimeout_IsCancelledByTheServer_OnPostgres_CommandTimeoutOnSqlite()
    {
        await using var db = Context(_db.Settings with { StatementTimeoutSeconds = 1 });
        if (_db.Settings.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("1s", await ServerTimeoutAsync(db));
            Assert.Equal(6, db.Database.GetCommandTimeout()); // the client waits longer, so the server's error comes first
            var e = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(3)"));
            Assert.Equal(PostgresErrorCodes.QueryCanceled, e.SqlState);
            Assert.Equal("1s", await ServerTimeoutAsync(db)); // the pool's connection is still usable
        }
        else
        {
            Assert.Equal(1, db.Database.GetCommandTimeout());
        }
    }

    [Fact]
    public async Task WorkWithoutTimeout_RunsPastIt_ThenTheConnectionIsBackToTheTimeout()
    {
        await using var db = Context(_db.Settings with { StatementTimeoutSeconds = 1 });
        var before = db.Database.GetCommandTimeout();
        var during = "";
        await db.WithoutStatementTimeoutAsync(async () =>
        {
            if (_db.Settings.Provider != DatabaseProvider.Postgres) return;
            during = await ServerTimeoutAsync(db);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(1.5)"); // longer than the timeout: must not be cancelled
        });
        Assert.Equal(before, db.Database.GetCommandTimeout());
        if (_db.Settings.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("0", during);
            Assert.Equal("1s", await ServerTimeoutAsync(db));
        }
        await db.MigrateWithoutTimeoutAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task PostgresConnections_RunWithoutJit_AndKeepTheOperatorsOwnOptions()
    {
        var options = new Npgsql.NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, "Host=db;Options=-c work_mem=64MB") { StatementTimeoutSeconds = 5 }
            .PostgresConnectionString()).Options;
        Assert.Equal("-c work_mem=64MB -c statement_timeout=5000 -c jit=off", options);
        var own = new Npgsql.NpgsqlConnectionStringBuilder(new DatabaseSettings(DatabaseProvider.Postgres, "Host=db;Options=-c jit=on").PostgresConnectionString()).Options;
        Assert.Equal("-c jit=on", own);
        if (_db.Settings.Provider == DatabaseProvider.Postgres)
        {
            await using var db = Context(_db.Settings);
            Assert.Equal("off", await ShowAsync(db, "jit"));
        }
    }
}
