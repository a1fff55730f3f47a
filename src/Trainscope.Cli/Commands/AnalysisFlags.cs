using System.CommandLine;
using System.Globalization;
using Trainscope.Analysis;

namespace Trainscope.Cli.Commands;

/// <summary>Options shared by the commands that judge runs, and how they become analysis settings.</summary>
internal static class AnalysisFlags
{
    public static readonly Option<string?> Now = new("--now")
    {
        Description = "Reference time for silence and stall checks, as the log writes times (e.g. `2026-01-05 10:40:00`); default: the newest time in the run",
    };

    public static AnalysisOptions From(ParseResult result)
    {
        var now = result.GetValue(Now);
        DateTime? at = null;
        if (now is not null)
        {
            if (!DateTime.TryParse(now, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                throw new UserError(ExitCodes.Usage, $"--now: cannot read '{now}' as a date and time");
            }

            at = parsed;
        }

        return new AnalysisOptions { Distributed = Analysis.Distributed.DistributedOptions.Default with { Now = at } };
    }
}
