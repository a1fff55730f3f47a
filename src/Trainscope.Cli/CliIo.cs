using Spectre.Console;
using Trainscope.Formats;

namespace Trainscope.Cli;

/// <summary>Where commands write: the rendered console, raw stdout (JSON), and stderr. Tests pass captured ones.</summary>
public sealed record CliIo(IAnsiConsole Console, Stream StandardOutput, TextWriter Error)
{
    /// <summary>Ends long-running commands (`watch`) from outside, as Ctrl-C does for a user.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Read lines with exactly these formats instead of detecting them (library use and tests).</summary>
    public IReadOnlyList<ILineFormat>? LineFormats { get; init; }

    public static CliIo FromProcess() => new(AnsiConsole.Console, System.Console.OpenStandardOutput(), System.Console.Error);
}
