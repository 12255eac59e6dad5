using Fupin.Accounts;
using Fupin.Common;
using Fupin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Fupin.Cli;

/// <summary>
/// What every command needs: where to write, the configuration (appsettings.json in the working
/// folder, then environment variables such as Database__Provider and ConnectionStrings__Fupin, the
/// same keys the web app reads), the business clock and a database context.
/// </summary>
public sealed class CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? overrides = null)
{
    IConfiguration? _configuration;
    BusinessClock? _clock;

    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;

    public IConfiguration Configuration => _configuration ??= new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
        .Build();

    public TimeProvider Clock => _clock ??= BusinessClock.From(Configuration);

    public AppDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSettings.From(Configuration).Configure(options);
        var db = new AppDbContext(options.Options, Clock, AccessScope.System);
        db.Audit.User = "cli:" + Environment.UserName;
        return db;
    }

    public IProgress<string> Progress => new LineProgress(Err);

    /// <summary>Reports synchronously, in order (System.Progress would post to the thread pool).</summary>
    sealed class LineProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine(value);
    }
}
