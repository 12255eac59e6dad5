using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fupin.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The one place that turns configuration into a database: <c>Database:Provider</c> (Sqlite or
/// Postgres) and <c>ConnectionStrings:Fupin</c>, read alike by the web app and the CLI, and
/// <c>Database:StatementTimeoutSeconds</c>: the longest one statement may run (the web app sets it, so one
/// runaway query cannot hold a connection of the pool for ever; the CLI's long jobs leave it unset).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/fupin.db";

    /// <summary>
    /// PostgreSQL cancels a statement running longer on the server (<c>statement_timeout</c>, SQLSTATE 57014, which
    /// the web app answers with 503); the client's command timeout is a little longer so the server's clearer error
    /// comes first. On SQLite it is the command timeout (how long a statement waits for a lock). Null: the engine's defaults.
    /// </summary>
    public int? StatementTimeoutSeconds { get; init; }

    public static DatabaseSettings From(IConfiguration config)
    {
        var providerText = config["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider 的值“{providerText}”无效，应为 Sqlite 或 Postgres");
        var cs = config.GetConnectionString("Fupin");
        if (string.IsNullOrWhiteSpace(cs))
        {
            if (provider == DatabaseProvider.Postgres)
                throw new InvalidOperationException("使用 PostgreSQL 时必须设置连接字符串 ConnectionStrings:Fupin（环境变量 ConnectionStrings__Fupin）");
            cs = DefaultSqlite;
        }
        var timeoutText = config["Database:StatementTimeoutSeconds"];
        int? timeout = string.IsNullOrWhiteSpace(timeoutText) ? null
            : int.TryParse(timeoutText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > 0 ? t
            : throw new InvalidOperationException($"Database:StatementTimeoutSeconds 的值“{timeoutText}”无效，应为正整数（秒）");
        return new DatabaseSettings(provider, cs) { StatementTimeoutSeconds = timeout };
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(ConnectionString);
                options.UseSqlite(ConnectionString, o =>
                {
                    o.MigrationsAssembly("Fupin.Data.Sqlite");
                    if (StatementTimeoutSeconds is { } t) o.CommandTimeout(t);
                });
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(), o =>
                {
                    o.MigrationsAssembly("Fupin.Data.Postgres");
                    if (StatementTimeoutSeconds is { } t) o.CommandTimeout(t + 5);
                });
                break;
        }
        options.UseSnakeCaseNamingConvention();
    }

    /// <summary>
    /// The connection string with server settings for every pooled connection (each unless the operator's Options set it):
    /// the statement timeout, and <c>jit=off</c> — PostgreSQL compiled the region and scope filters of an ordinary list
    /// query with LLVM for 270 ms to run it in 214 ms (EXPLAIN ANALYZE, 2 million households); Fupin's queries are
    /// index look-ups that compilation never pays back.
    /// </summary>
    internal string PostgresConnectionString()
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        var settings = new List<string>();
        if (b.Options is { Length: > 0 } own) settings.Add(own);
        if (StatementTimeoutSeconds is { } t && b.Options?.Contains("statement_timeout", StringComparison.Ordinal) != true) settings.Add($"-c statement_timeout={t * 1000}");
        if (b.Options?.Contains("jit", StringComparison.Ordinal) != true) settings.Add("-c jit=off");
        b.Options = string.Join(' ', settings);
        return b.ConnectionString;
    }

    static void EnsureSqliteFolder(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir) && file != ":memory:") Directory.CreateDirectory(dir);
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddFupinDatabase(this IServiceCollection services, IConfiguration config)
    {
        var settings = DatabaseSettings.From(config);
        services.AddSingleton(settings);
        // The options are built once (a singleton), not for every context: building them (connection string, provider
        // services) was a tenth of a cached board page's cost under load.
        services.AddDbContext<AppDbContext>(settings.Configure, ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>
    /// Applies pending migrations (never EnsureCreated) without the statement timeout: building an index on a
    /// province's registry takes longer than any page may.
    /// </summary>
    public static Task MigrateWithoutTimeoutAsync(this AppDbContext db, CancellationToken ct = default) =>
        db.WithoutStatementTimeoutAsync(() => db.Database.MigrateAsync(ct), ct);

    /// <summary>
    /// Runs <paramref name="work"/> on one open connection with no statement timeout. It lasts for that connection
    /// only: Npgsql resets a pooled connection (DISCARD ALL) before it is used again, back to the configured timeout.
    /// </summary>
    public static async Task WithoutStatementTimeoutAsync(this AppDbContext db, Func<Task> work, CancellationToken ct = default)
    {
        var timeout = db.Database.GetCommandTimeout();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("SET statement_timeout = 0", ct);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
            await work();
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
            await db.Database.CloseConnectionAsync();
        }
    }
}
