using Spectre.Console;
using Trainscope.Aggregation;
using Trainscope.Reporting;

namespace Trainscope.Cli.Presentation;

/// <summary>`analyze --explain`: per source, which formats took how many lines, their sniff scores, and what was left.</summary>
internal static class ExplainView
{
    public static void Render(IAnsiConsole console, RunSummary run)
    {
        foreach (var s in run.Sources)
        {
            console.MarkupLine($"[bold]Explain[/] {Markup.Escape(s.Info.DisplayPath)}");
            var table = new Table().Border(TableBorder.Simple).AddColumns("Format", "Sniff", "Lines");
            foreach (var name in ExplainJson.FormatNames(s))
            {
                var lines = s.LinesByFormat.GetValueOrDefault(name);
                table.AddRow(
                    lines > 0 ? $"[bold]{Markup.Escape(name)}[/]" : Markup.Escape(name),
                    s.SniffScores.TryGetValue(name, out var score) ? score.ToString("0.00") : "-",
                    lines.ToString("N0"));
            }

            console.Write(table);
            var skipped = s.SkippedByReason.Count == 0
                ? "none"
                : string.Join(", ", s.SkippedByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value:N0} {Markup.Escape(kv.Key)}"));
            console.MarkupLine($"  unparsed: {s.Unparsed:N0} lines   skipped: {skipped}");
            foreach (var (line, text) in s.UnparsedSamples)
            {
                console.MarkupLine($"  [grey]unparsed line {line}:[/] {Markup.Escape(text)}");
            }
        }
    }
}
