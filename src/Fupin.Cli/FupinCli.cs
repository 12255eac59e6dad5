using System.CommandLine;
using Fupin.Cli.Commands;

namespace Fupin.Cli;

public static class FupinCli
{
    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var root = new RootCommand("fupin — 精准扶贫作战平台命令行工具 (Fupin command-line tool)")
        {
            IdCommand.Create(context),
            DbCommand.Create(context),
            SeedCommand.Create(context),
            StatsCommand.Create(context),
            SnapshotCommand.Create(context),
            UsersCommand.Create(context),
            TokensCommand.Create(context),
            ImportCommand.Create(context),
            ExportCommand.Create(context),
            RegionsCommand.Create(context),
            GenerateCommand.Create(context),
            CheckCommand.Create(context),
            ListsCommand.Create(context),
            AssessCommand.Create(context),
            MonitorCommand.Create(context),
            RectifyCommand.Create(context),
        };
        var config = new InvocationConfiguration { Output = context.Out, Error = context.Err };
        try
        {
            return await root.Parse(args).InvokeAsync(config);
        }
        catch (InvalidOperationException e)
        {
            // Configuration and precondition faults: a clear message, not a stack trace.
            await context.Err.WriteLineAsync("错误：" + e.Message);
            return 2;
        }
    }
}
