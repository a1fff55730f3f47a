using Spectre.Console;
using Trainscope.Aggregation;
using Trainscope.Records;
using Trainscope.Analysis;

namespace Trainscope.Cli.Presentation;

/// <summary>The terminal report of one run, composed from Spectre widgets.</summary>
internal static class ReportRenderer
{
    private const int MaxMetricRows = 40;
    private const int EpochRows = 8;

    public static void Render(IAnsiConsole console, AnalysisResult result, bool explain)
    {
        var run = result.Run;
        console.Write(new Rule($"[bold]{Markup.Escape(run.Name)}[/] [grey]{Markup.Escape(run.Path)}[/]").LeftJustified());
        console.Write(SourcesTable(run));
        if (explain)
        {
            ExplainView.Render(console, run);
        }

        WriteProgress(console, run.Progress);
        if (run.Series.Count > 0)
        {
            console.Write(MetricsTable(run));
        }

        if (run.Epochs.Count > 0)
        {
            console.Write(EpochsTable(run));
        }

        if (run.Finals.Count > 0)
        {
            console.MarkupLine("[bold]Final results[/]: " + string.Join("  ", run.Finals.Select(f => $"{Markup.Escape(f.Name)}={Formatting.Number(f.Value)}")));
        }

        RanksView.Render(console, result.Ranks);
        FindingsView.Render(console, result.Findings);
        WriteEvents(console, run);
        console.WriteLine();
    }

    private static Table SourcesTable(RunSummary run)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Sources[/]")
            .AddColumns("File", "Format", "Rank", "Lines", "Records", "Unparsed", "Skipped", "Notes");
        foreach (var s in run.Sources)
        {
            var notes = new List<string>();
            if (s.RepairedEncoding)
            {
                notes.Add("[yellow]repaired double-encoded UTF-8[/]");
            }

            if (s.InvalidUtf8Lines > 0)
            {
                notes.Add($"{s.InvalidUtf8Lines} lines with invalid UTF-8 replaced");
            }

            notes.AddRange(s.SkippedByReason.Select(kv => $"{kv.Value} {Markup.Escape(kv.Key)}"));
            notes.AddRange(s.Problems.Select(p => $"[red]{Markup.Escape(p)}[/]"));
            table.AddRow(
                Markup.Escape(s.Info.DisplayPath),
                Markup.Escape(s.Format ?? "-"),
                s.Info.Rank?.ToString() ?? "",
                s.Lines.ToString("N0"),
                s.Records.ToString("N0"),
                s.Unparsed.ToString("N0"),
                s.Skipped > 0 ? $"[yellow]{s.Skipped:N0}[/]" : "0",
                string.Join("; ", notes));
        }

        return table;
    }

    private static void WriteProgress(IAnsiConsole console, ProgressSummary p)
    {
        var parts = new List<string>();
        if (p.Epoch is int epoch)
        {
            parts.Add(p.Epochs is int epochs ? $"epoch {epoch}/{epochs}" : $"epoch {epoch}");
        }

        if (p.Step is long step)
        {
            parts.Add(p.Steps is long steps ? $"step {step:N0}/{steps:N0}" : $"step {step:N0}");
        }

        if (parts.Count == 0)
        {
            return;
        }

        if (p.Fraction is double f)
        {
            const int width = 30;
            var filled = (int)Math.Round(f * width);
            parts.Add($"[green]{new string('━', filled)}[/][grey]{new string('─', width - filled)}[/] {f:P1}");
        }

        if (p.EtaSeconds is double eta)
        {
            parts.Add($"ETA {Formatting.Duration(eta)}" + (p.EtaSource == "job" ? " (job's estimate)" : ""));
        }

        if (p.ElapsedSeconds is double elapsed)
        {
            parts.Add($"elapsed {Formatting.Duration(elapsed)}");
        }

        console.MarkupLine("[bold]Progress[/]  " + string.Join("  ", parts));
    }

    private static Table MetricsTable(RunSummary run)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]Metrics[/]")
            .AddColumns("Metric", "Phase", "Count", "Last", "Min", "Max", "", "Trend");
        var multiRank = run.Series.Select(s => s.Key.Rank).Distinct().Count() > 1;
        foreach (var s in run.Series.Take(MaxMetricRows))
        {
            var points = s.Points();
            var name = Markup.Escape(s.Name) + (multiRank && s.Key.Rank is int r ? $" [grey]r{r}[/]" : "");
            table.AddRow(
                name,
                s.Key.Phase.ToName(),
                s.Count.ToString("N0"),
                Formatting.Number(s.Last?.Value),
                Formatting.Number(s.Min?.Value),
                Formatting.Number(s.Max?.Value),
                Sparkline.Trend(points),
                Sparkline.Render(points) + (s.NonFiniteCount > 0 ? $" [red]{s.NonFiniteCount} non-finite[/]" : ""));
        }

        if (run.Series.Count > MaxMetricRows)
        {
            table.Caption($"[grey]{run.Series.Count - MaxMetricRows} more in --json[/]");
        }

        return table;
    }

    private static Table EpochsTable(RunSummary run)
    {
        var recent = run.Epochs.TakeLast(EpochRows).ToArray();
        var names = recent.SelectMany(e => e.Metrics.Keys).GroupBy(n => n)
            .OrderByDescending(g => g.Key.Contains("loss", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(g => g.Count()).Select(g => g.Key).Take(5).ToArray();
        var table = new Table().Border(TableBorder.Simple).Title($"[bold]Last {recent.Length} epochs[/] (mean, min–max)")
            .AddColumns("Epoch", "Phase", "Time");
        foreach (var name in names)
        {
            table.AddColumn(Markup.Escape(name));
        }

        foreach (var e in recent)
        {
            var cells = new List<string> { e.Epoch.ToString(), e.Phase.ToName(), Formatting.Duration(e.Seconds) };
            cells.AddRange(names.Select(n => e.Metrics.TryGetValue(n, out var stat)
                ? stat.Min != stat.Max && stat.Min is not null ? $"{Formatting.Number(stat.Mean)} [grey]({Formatting.Number(stat.Min)}–{Formatting.Number(stat.Max)})[/]" : Formatting.Number(stat.Mean)
                : ""));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    private static void WriteEvents(IAnsiConsole console, RunSummary run)
    {
        if (run.EventCounts.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]Events[/]  " + string.Join("  ", run.EventCounts.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key.ToName()}: {kv.Value:N0}")));
        foreach (var e in run.Events.Where(e => e.Kind is EventKind.Error or EventKind.OutOfMemory).Take(5))
        {
            console.MarkupLine($"  [red]{Markup.Escape(e.Source.DisplayPath)}:{e.Line}[/] {Markup.Escape(e.Text)}");
        }
    }
}
