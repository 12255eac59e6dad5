using Fupin.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await FupinCli.RunAsync(args, new CliContext(Console.Out, Console.Error));
