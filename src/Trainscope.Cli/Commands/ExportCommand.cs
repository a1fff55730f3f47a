using System.CommandLine;
using System.Text;
using Spectre.Console;
using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Reporting;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope export PATH… --to tensorboard|csv|json -o OUT`: the runs' series for other tools.</summary>
internal static class ExportCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Log files or run directories",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<string> To = new Option<string>("--to")
    {
        Description = "What to write: tensorboard (an event file per run in the OUT directory), csv (long format) or json (as `analyze --json`)",
        Required = true,
    }.AcceptOnlyFromAmong("tensorboard", "csv", "json");

    public static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "Where to write: a directory for tensorboard, a file for csv and json (`-` for stdout)",
        Required = true,
    };

    public static readonly Option<string?> Format = new("--format") { Description = "Force a format instead of detecting it (see `trainscope formats`)" };

    public static Command Create(CliIo io)
    {
        var command = new Command("export", "Write the metrics of training logs as TensorBoard event files, CSV or JSON")
        {
            Paths, To, Output, Format, AnalysisFlags.Now,
        };
        command.SetAction(result => Run(
            io,
            result.GetValue(Paths) ?? [],
            result.GetValue(To)!,
            result.GetValue(Output)!,
            result.GetValue(Format),
            AnalysisFlags.From(result)));
        return command;
    }

    private static int Run(CliIo io, string[] paths, string to, string output, string? format, AnalysisOptions options)
    {
        var runs = RunLoader.Load(paths, format);
        try
        {
            var written = to switch
            {
                "tensorboard" => WriteTensorBoard(runs, output),
                "csv" => WriteFile(io, output, stream =>
                {
                    using var text = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                    return $"{CsvSeriesExport.Write(text, runs)} rows";
                }),
                _ => WriteFile(io, output, stream =>
                {
                    JsonReportWriter.Write(stream, runs.Select(run => RunAnalysis.Analyze(run, options)).ToArray());
                    stream.WriteByte((byte)'\n');
                    return $"{runs.Count} runs";
                }),
            };
            if (output != "-")
            {
                io.Console.WriteLine($"wrote {written}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError(ExitCodes.Usage, $"cannot write {output}: {e.Message}");
        }

        return ExitCodes.Ok;
    }

    private static string WriteFile(CliIo io, string output, Func<Stream, string> write)
    {
        if (output == "-")
        {
            var said = write(io.StandardOutput);
            io.StandardOutput.Flush();
            return said;
        }

        using var file = new FileStream(output, FileMode.Create, FileAccess.Write);
        return $"{write(file)} to {output}";
    }

    private static string WriteTensorBoard(IReadOnlyList<RunSummary> runs, string output)
    {
        if (output == "-")
        {
            throw new UserError(ExitCodes.Usage, "--to tensorboard writes event files into a directory; give one with -o");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        long records = 0;
        var files = new List<string>();
        foreach (var run in runs)
        {
            // TensorBoard shows each subdirectory as a run, so several runs get one each.
            var dir = runs.Count == 1 ? output : Path.Combine(output, UniqueName(run.Name, used));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, TensorBoardExport.FileName(run));
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
            records += TensorBoardExport.Write(file, run);
            files.Add(path);
        }

        return $"{records} records to {string.Join(", ", files)}";
    }

    private static string UniqueName(string runName, HashSet<string> used)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(runName.Select(c => c == '/' || c == '\\' || invalid.Contains(c) ? '_' : c).ToArray());
        var name = safe.Length == 0 ? "run" : safe;
        for (var i = 2; !used.Add(name); i++)
        {
            name = $"{safe}_{i}";
        }

        return name;
    }
}
