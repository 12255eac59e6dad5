using Fupin.Accounts;
using Fupin.Data;
using Fupin.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Fupin.Web.Infrastructure;

public static partial class DatabaseStartup
{
    /// <summary>
    /// A relative SQLite file (the default <c>data/fupin.db</c>) lives under the content root, not
    /// wherever the process was started from.
    /// </summary>
    public static IConfigurationManager AnchorSqliteFile(this IConfigurationManager config, string contentRoot)
    {
        var settings = DatabaseSettings.From(config);
        if (settings.Provider != DatabaseProvider.Sqlite) return config;
        var cs = new SqliteConnectionStringBuilder(settings.ConnectionString);
        if (cs.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(file))
        {
            cs.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
            config["ConnectionStrings:Fupin"] = cs.ConnectionString;
        }
        return config;
    }

    /// <summary>
    /// Applies pending migrations (never EnsureCreated). With <c>Fupin:Demo</c> set and no households
    /// yet, writes the demo county and freezes its 2017 register. Production never seeds.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Fupin.Startup");
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope = AccessScope.System; // a start-up job, not a user

        await db.MigrateWithoutTimeoutAsync(ct);

        if (!app.Configuration.GetValue<bool>("Fupin:Demo")) return;
        if (await db.Households.AnyAsync(ct)) DemoAlreadyPresent(log);
        else await SeedRegistryAsync(services, log, ct);

        // Only the demo has built-in accounts (one per role, documented in the README).
        var accounts = await new SeedDemoAccounts(db).HandleAsync(ct);
        if (accounts is not null)
        {
            var names = string.Join("、", accounts.Accounts.Select(a => a.UserName));
            DemoAccounts(log, names, SeedDemoAccounts.Password);
        }
    }

    static async Task SeedRegistryAsync(IServiceProvider services, ILogger log, CancellationToken ct)
    {
        var seeded = await ActivatorUtilities.CreateInstance<SeedDemoCounty>(services).HandleAsync(DemoCounty.DefaultSeed, new LogProgress(log), ct);
        DemoStep(log, seeded.Summary);
    }

    /// <summary>Reports progress to the log as it happens, in order (unlike <see cref="Progress{T}"/>).</summary>
    sealed class LogProgress(ILogger log) : IProgress<string>
    {
        public void Report(string value) => DemoStep(log, value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "演示模式：数据库中已有建档立卡户，不再生成演示数据")]
    static partial void DemoAlreadyPresent(ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "演示账户：{Users}，密码 {Password}（仅演示库）")]
    static partial void DemoAccounts(ILogger log, string users, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "演示数据：{Step}")]
    static partial void DemoStep(ILogger log, string step);

}
