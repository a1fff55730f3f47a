using System.CommandLine;
using Spectre.Console;
using Trainscope.Analysis;
using Trainscope.Cli.Presentation;
using Trainscope.Reporting;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope check PATH… [--fail-on warning|error]`: the findings only, with an exit code for CI and schedulers.</summary>
internal static class CheckCommand
{
    public static readonly Option<Severity> FailOn = new("--fail-on")
    {
        Description = "Exit 1 when a finding at or above this severity fired (info, warning, error)",
        DefaultValueFactory = _ => Severity.Error,
    };

    public static Command Create(CliIo io)
    {
        var paths = new Argument<string[]>("paths") { Description = "Log files or run directories", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Force a format instead of detecting it (see `trainscope formats`)" };
        var json = new Option<bool>("--json") { Description = "Write the findings as JSON to stdout" };
        var command = new Command("check", "Judge training runs and exit 1 when a finding at or above --fail-on fired")
        {
            paths, format, json, FailOn, AnalysisFlags.Now, AnalysisFlags.GpuMemory, AnalysisFlags.Set, AnalysisFlags.Config,
        };
        command.SetAction(result =>
        {
            var given = result.GetValue(paths) ?? [];
            var options = AnalysisFlags.From(result, given);
            var results = RunLoader.Load(given, result.GetValue(format)).Select(run => RunAnalysis.Analyze(run, options)).ToArray();
            if (result.GetValue(json))
            {
                WriteJson(io, results);
            }
            else
            {
                Render(io.Console, results);
            }

            var failOn = result.GetValue(FailOn);
            return results.Any(r => r.Findings.Any(f => f.Severity >= failOn)) ? ExitCodes.FindingsFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<AnalysisResult> results)
    {
        foreach (var result in results)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(result.Run.Name)}[/]").LeftJustified());
            var counts = string.Join(", ", result.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            console.MarkupLine(result.Findings.Count == 0 ? "[grey]no findings[/]" : Markup.Escape(counts));
            FindingsView.Render(console, result.Findings);
        }
    }

    private static void WriteJson(CliIo io, IReadOnlyList<AnalysisResult> results)
    {
        using (var writer = new System.Text.Json.Utf8JsonWriter(io.StandardOutput, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("runs");
            foreach (var result in results)
            {
                writer.WriteStartObject();
                writer.WriteString("name", result.Run.Name);
                writer.WriteString("path", result.Run.Path);
                FindingJson.WriteArray(writer, "findings", result.Findings);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        io.StandardOutput.WriteByte((byte)'\n');
        io.StandardOutput.Flush();
    }
}
