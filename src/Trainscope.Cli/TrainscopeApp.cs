using System.CommandLine;
using Trainscope.Cli.Commands;

namespace Trainscope.Cli;

/// <summary>The command tree; separate from Main so tests can run commands against a captured console.</summary>
public static class TrainscopeApp
{
    public static int Run(string[] args, CliIo io)
    {
        var root = new RootCommand("Trainscope: read the logs training jobs already write — metrics, progress, and what is wrong")
        {
            AnalyzeCommand.Create(io),
            CheckCommand.Create(io),
            WatchCommand.Create(io),
            ServeCommand.Create(io),
            FormatsCommand.Create(io.Console),
            RanksCommand.Create(io.Console),
            PlotCommand.Create(io),
            ExportCommand.Create(io),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                io.Error.WriteLine($"trainscope: {parseError.Message}");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserError e)
        {
            io.Error.WriteLine($"trainscope: {e.Message}");
            return e.ExitCode;
        }
    }
}
