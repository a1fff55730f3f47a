using System.CommandLine;
using Trainscope.Analysis;
using Trainscope.Following;
using Trainscope.Formats;
using Trainscope.Ingestion;

namespace Trainscope.Cli.Commands;

/// <summary>`trainscope watch PATH…`: follow running jobs live, full screen or as a plain feed, with alert hooks.</summary>
internal static class WatchCommand
{
    public static readonly Argument<string[]> Paths = new("paths")
    {
        Description = "Log files or run directories to follow (new files in directories are picked up)",
        Arity = ArgumentArity.OneOrMore,
    };

    public static readonly Option<bool> Plain = new("--plain")
    {
        Description = "Print one line per metric line, event, finding and file notice instead of the full-screen view (automatic when stdout is not a terminal)",
    };

    public static readonly Option<string?> Exec = new("--exec")
    {
        Description = "Run this shell command for each new finding at or above --alert-on, with the finding as JSON on stdin",
    };

    public static readonly Option<Severity> AlertOn = new("--alert-on")
    {
        Description = "Lowest severity that runs --exec: info, warning or error",
        DefaultValueFactory = _ => Severity.Error,
        CustomParser = result => Enum.TryParse<Severity>(result.Tokens.Single().Value, ignoreCase: true, out var s) ? s : ParseError(result),
    };

    public static readonly Option<string?> Format = new("--format") { Description = "Force a format instead of detecting it (see `trainscope formats`)" };

    public static readonly Option<bool> Poll = new("--poll")
    {
        Description = "Only poll, never rely on file-change notifications (network filesystems that do not deliver them)",
    };

    public static readonly Option<int> PollInterval = new("--poll-interval")
    {
        Description = "Milliseconds between checks of every file when nothing notified a change",
        DefaultValueFactory = _ => 250,
    };

    public static readonly Option<double> StallAfter = new("--stall-after")
    {
        Description = "Seconds a source must be silent (and ten times its usual interval) before rank-stalled fires",
        DefaultValueFactory = _ => 60,
    };

    public static Command Create(CliIo io)
    {
        var command = new Command("watch", "Follow running training jobs live: progress, metrics, findings and stalled ranks")
        {
            Paths, Plain, Exec, AlertOn, Format, Poll, PollInterval, StallAfter,
            AnalysisFlags.GpuMemory, AnalysisFlags.Set, AnalysisFlags.Config,
        };
        command.SetAction(result =>
        {
            var format = result.GetValue(Format);
            if (format is not null && FormatRegistry.Find(format) is null)
            {
                throw new UserError(ExitCodes.Usage, $"unknown format '{format}'; `trainscope formats` lists them");
            }

            var interval = result.GetValue(PollInterval);
            if (interval <= 0)
            {
                throw new UserError(ExitCodes.Usage, "--poll-interval must be a positive number of milliseconds");
            }

            var follow = new FollowOptions
            {
                ForcePolling = result.GetValue(Poll),
                PollInterval = TimeSpan.FromMilliseconds(interval),
                StallMinimum = TimeSpan.FromSeconds(Math.Max(0.1, result.GetValue(StallAfter))),
            };
            var ingest = new IngestOptions { Format = format, LineFormats = io.LineFormats };
            var paths = result.GetValue(Paths) ?? [];
            var doctor = AnalysisFlags.From(result, paths).Doctor;
            var settings = new WatchSession.Settings(paths, ingest, follow, result.GetValue(Plain), result.GetValue(Exec), result.GetValue(AlertOn))
            {
                Doctor = doctor,
            };
            return new WatchSession(io, settings).Run();
        });
        return command;
    }

    private static Severity ParseError(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError("--alert-on must be info, warning or error");
        return Severity.Error;
    }
}
