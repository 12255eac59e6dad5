using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Fupin.Data.Postgres;

/// <summary>
/// Runs PostgreSQL's client programs (pg_dump, pg_restore) against the server of an Npgsql
/// connection string: host, port and user become arguments; the password goes through PGPASSWORD,
/// never onto the command line where any user of the machine could read it in the process list.
/// </summary>
internal static class PgTools
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static async Task<Run> RunAsync(string tool, NpgsqlConnectionStringBuilder? server, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // a prompt would wait for ever; --no-password makes it fail instead
        };
        if (server is not null)
        {
            if (!string.IsNullOrEmpty(server.Host)) start.ArgumentList.Add("--host=" + server.Host);
            start.ArgumentList.Add("--port=" + server.Port.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(server.Username)) start.ArgumentList.Add("--username=" + server.Username);
            start.ArgumentList.Add("--no-password");
            if (!string.IsNullOrEmpty(server.Password)) start.Environment["PGPASSWORD"] = server.Password;
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"无法启动 {tool}");
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException($"找不到 {tool}：请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client），并让 {tool} 在 PATH 中");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Cancelled: stop the tool too, so it does not go on writing.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                await process.WaitForExitAsync(CancellationToken.None);
                throw;
            }
            return new Run(process.ExitCode, await output, await error);
        }
    }

    /// <summary>The tool's failure as a message: its own words, which name the cause (no such database, authentication, version).</summary>
    public static InvalidOperationException Failed(string tool, Run run) =>
        new($"{tool} 失败（退出码 {run.ExitCode.ToString(CultureInfo.InvariantCulture)}）：{run.Error.Trim()}");

    /// <summary>A double-quoted identifier, for the database names in CREATE/DROP/ALTER DATABASE.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A connection of our own to another database of the same server, not pooled.</summary>
    public static NpgsqlConnectionStringBuilder To(NpgsqlConnectionStringBuilder server, string database) =>
        new(server.ConnectionString) { Database = database, Pooling = false };
}
