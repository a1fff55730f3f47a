using Spectre.Console;
using Trainscope.Analysis;

namespace Trainscope.Cli.Presentation;

/// <summary>Findings grouped by severity, with evidence and advice.</summary>
internal static class FindingsView
{
    public static void Render(IAnsiConsole console, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return;
        }

        console.MarkupLine("[bold]Findings[/]");
        foreach (var group in findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            var colour = group.Key switch
            {
                Severity.Error => "red",
                Severity.Warning => "yellow",
                _ => "blue",
            };
            foreach (var f in group)
            {
                var where = f.FromStep is long from ? f.ToStep is long to && to != from ? $" steps {from}–{to}" : $" step {from}" : "";
                var rank = f.Rank is int r ? $" rank {r}" : "";
                console.MarkupLine($"  [{colour}]{group.Key.ToString().ToLowerInvariant(),-7}[/] [bold]{Markup.Escape(f.Rule)}[/]{Markup.Escape(rank)}{Markup.Escape(where)}: {Markup.Escape(f.Message)}");
                console.MarkupLine($"          [grey]→ {Markup.Escape(f.Advice)}[/]");
                foreach (var e in f.Evidence.Take(3))
                {
                    console.MarkupLine($"          [grey]{Markup.Escape(e.Path)}:{e.Line}[/] {Markup.Escape(Truncate(e.Text, 160))}");
                }
            }
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
