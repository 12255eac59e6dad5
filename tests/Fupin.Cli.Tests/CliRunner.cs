using Fupin.Cli;
using Fupin.Testing;

namespace Fupin.Tests;

/// <summary>Runs the `fupin` command in-process against a test database and captures what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(TestDatabase? db, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["Fupin:BusinessDate"] = "2018-10-08T10:00" };
        if (db is not null)
        {
            foreach (var (k, v) in db.ConfigurationValues) settings[k] = v;
        }
        var code = await FupinCli.RunAsync(args, new CliContext(output, error, settings));
        return (code, output.ToString(), error.ToString());
    }
}
