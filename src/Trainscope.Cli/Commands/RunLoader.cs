using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Ingestion;
using Trainscope.Runs;

namespace Trainscope.Cli.Commands;

/// <summary>Finds and reads the runs under the given paths, turning unusable input into user errors.</summary>
internal static class RunLoader
{
    public static IReadOnlyList<RunSummary> Load(IReadOnlyList<string> paths, string? format)
    {
        if (format is not null && FormatRegistry.Find(format) is null)
        {
            throw new UserError(ExitCodes.Usage, $"unknown format '{format}'; `trainscope formats` lists them");
        }

        var specs = RunDiscovery.Discover(paths, out var problems);
        if (problems.Count > 0)
        {
            throw new UserError(ExitCodes.Usage, string.Join(Environment.NewLine, problems));
        }

        if (specs.Count == 0)
        {
            throw new UserError(ExitCodes.NothingRecognised, $"no log files found under {string.Join(", ", paths)}");
        }

        var options = new IngestOptions { Format = format };
        var runs = specs.Select(spec => RunReader.Read(spec, options)).ToArray();
        if (runs.All(r => r.Series.Count == 0 && r.Epochs.Count == 0 && r.Finals.Count == 0 && r.Events.Count == 0))
        {
            var tried = string.Join(", ", FormatRegistry.All.Select(f => f.Name));
            var unreadable = runs.SelectMany(r => r.Sources).SelectMany(s => s.Problems).ToArray();
            var detail = unreadable.Length > 0 ? Environment.NewLine + string.Join(Environment.NewLine, unreadable) : "";
            throw new UserError(ExitCodes.NothingRecognised, $"nothing recognisable in {string.Join(", ", paths)} (formats tried: {tried}){detail}");
        }

        return runs;
    }
}
