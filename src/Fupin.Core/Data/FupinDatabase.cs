using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fupin.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// The one place that turns configuration into a database: <c>Database:Provider</c> (Sqlite or
/// Postgres) and <c>ConnectionStrings:Fupin</c>, read alike by the web app and the CLI.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqlite = "Data Source=data/fupin.db";

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
        return new DatabaseSettings(provider, cs);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteFolder(ConnectionString);
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Fupin.Data.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Fupin.Data.Postgres"));
                break;
        }
        options.UseSnakeCaseNamingConvention();
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
        services.AddDbContext<AppDbContext>(settings.Configure);
        return services;
    }

    /// <summary>Applies pending migrations (never EnsureCreated).</summary>
    public static async Task MigrateAsync(this AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
    }
}
