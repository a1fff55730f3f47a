using Spectre.Console;

namespace Trainscope.Cli;

/// <summary>Where commands write: the rendered console, raw stdout (JSON), and stderr. Tests pass captured ones.</summary>
public sealed record CliIo(IAnsiConsole Console, Stream StandardOutput, TextWriter Error)
{
    public static CliIo FromProcess() => new(AnsiConsole.Console, System.Console.OpenStandardOutput(), System.Console.Error);
}
