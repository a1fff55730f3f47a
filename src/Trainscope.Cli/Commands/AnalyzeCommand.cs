using System.CommandLine;
using Spectre.Console;
using Trainscope.Cli.Presentation;
using Trainscope.Analysis;
using Trainscope.Reporting;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope analyze PATH…`: every metric, progress, epochs and findings of the runs under the paths.</summary>
internal static class AnalyzeCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Log files or run directories",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Write a machine-readable JSON document to stdout" };

    public static readonly Option<string?> Format = new("--format") { Description = "Force a format instead of detecting it (see `trainscope formats`)" };

    public static readonly Option<bool> Explain = new("--explain") { Description = "Show which format took which lines, and sample lines left unparsed" };

    public static Command Create(CliIo io)
    {
        var command = new Command("analyze", "Parse training logs and report metrics, progress, epochs and findings")
        {
            Paths, Json, Format, Explain, AnalysisFlags.Now, AnalysisFlags.GpuMemory, AnalysisFlags.Set, AnalysisFlags.Config,
        };
        command.SetAction(result => Run(
            io,
            result.GetValue(Paths) ?? [],
            result.GetValue(Json),
            result.GetValue(Format),
            result.GetValue(Explain),
            AnalysisFlags.From(result, result.GetValue(Paths) ?? [])));
        return command;
    }

    private static int Run(CliIo io, string[] paths, bool json, string? format, bool explain, AnalysisOptions options)
    {
        var runs = RunLoader.Load(paths, format);
        if (json)
        {
            // The doctor runs while the report's sections before its findings are written.
            var analyses = runs.Select(run => Task.Run(() => RunAnalysis.Analyze(run, options))).ToArray();
            JsonReportWriter.Write(io.StandardOutput, runs, i => analyses[i].GetAwaiter().GetResult(), explain);
            io.StandardOutput.WriteByte((byte)'\n');
            io.StandardOutput.Flush();
            return ExitCodes.Ok;
        }

        foreach (var run in runs)
        {
            ReportRenderer.Render(io.Console, RunAnalysis.Analyze(run, options), explain);
        }

        return ExitCodes.Ok;
    }
}
