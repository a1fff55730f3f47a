using Spectre.Console;
using Trainscope.Analysis.Distributed;

namespace Trainscope.Cli.Presentation;

/// <summary>The per-rank table of a distributed run.</summary>
internal static class RanksView
{
    public static void Render(IAnsiConsole console, IReadOnlyList<RankRow> ranks)
    {
        if (ranks.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).Title("[bold]Ranks[/]")
            .AddColumns("Rank", "Source", "Last phase", "Epoch", "Step", "Last time", "Silent", "Lines/min", "Workers", "Last line");
        foreach (var r in ranks)
        {
            var silent = Formatting.Duration(r.SilentSeconds);
            var stalled = r.SilentSeconds is double s && s > r.StallThresholdSeconds;
            var workers = r.Workers.Count == 0 ? "" : $"{r.Workers.Count(w => w.Completed)}/{r.Workers.Count} done";
            table.AddRow(
                r.Rank.ToString(),
                Markup.Escape(Path.GetFileName(r.Source)),
                Markup.Escape(r.LastPhase ?? "-"),
                r.LastEpoch?.ToString() ?? "-",
                r.LastStep?.ToString("N0") ?? "-",
                r.LastTimestamp?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-",
                stalled ? $"[red]{silent}[/]" : silent,
                r.LinesPerMinute is double lpm ? lpm.ToString("0.#") : "-",
                workers,
                Markup.Escape(Truncate(r.LastLine?.Text ?? "", 60)));
        }

        console.Write(table);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
