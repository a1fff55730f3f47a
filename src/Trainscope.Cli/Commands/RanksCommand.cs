using System.CommandLine;
using Spectre.Console;
using Trainscope.Analysis;
using Trainscope.Cli.Presentation;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope ranks PATH`: the per-rank table of a distributed run and where it hangs.</summary>
internal static class RanksCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Run directories or logs of a distributed job", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = "Force a format instead of detecting it" };
        var command = new Command("ranks", "Per-rank progress of a distributed run, stalls and the likely hang location")
        {
            paths, format, AnalysisFlags.Now,
        };
        command.SetAction(result =>
        {
            var options = AnalysisFlags.From(result);
            foreach (var run in RunLoader.Load(result.GetValue(paths) ?? [], result.GetValue(format)))
            {
                var analysis = RunAnalysis.Analyze(run, options);
                console.Write(new Rule($"[bold]{Markup.Escape(run.Name)}[/]").LeftJustified());
                if (analysis.Ranks.Count == 0)
                {
                    console.MarkupLine("[grey]no ranks found: the logs name no rank in file names or line prefixes[/]");
                    continue;
                }

                RanksView.Render(console, analysis.Ranks);
                var distributed = analysis.Findings.Where(f => DistributedRules.Contains(f.Rule)).ToArray();
                if (distributed.Length == 0)
                {
                    console.MarkupLine("[green]no stalls, desyncs or rank errors found[/]");
                }

                FindingsView.Render(console, distributed);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly HashSet<string> DistributedRules =
        ["rank-error", "nccl-timeout", "watchdog", "hang-location", "rank-stalled", "rank-desync", "data-imbalance"];
}
