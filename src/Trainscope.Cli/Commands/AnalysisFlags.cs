using System.CommandLine;
using System.Globalization;
using Trainscope.Analysis;
using Trainscope.Analysis.Doctor;

namespace Trainscope.Cli.Commands;

/// <summary>Options shared by the commands that judge runs, and how they become analysis settings.</summary>
internal static class AnalysisFlags
{
    public static readonly Option<string?> Now = new("--now")
    {
        Description = "Reference time for silence and stall checks, as the log writes times (e.g. `2026-01-05 10:40:00`); default: the newest time in the run",
    };

    public static readonly Option<string?> GpuMemory = new("--gpu-memory")
    {
        Description = "Memory of one GPU (`80GB`, `40960MB`) for memory-near-limit; default: from a GPU name in the log",
    };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a doctor threshold, `rule.key=value` (e.g. `loss-spike.mad=6`); repeatable. See docs/doctor.md",
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Doctor settings file; default: trainscope.json (or trainscope.toml) next to the logs, else in the current directory",
    };

    public static AnalysisOptions From(ParseResult result) => From(result, []);

    /// <summary>Settings for runs under <paramref name="paths"/>: their `trainscope.json`, then the flags on top.</summary>
    public static AnalysisOptions From(ParseResult result, IReadOnlyList<string> paths)
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

        return new AnalysisOptions
        {
            Distributed = Analysis.Distributed.DistributedOptions.Default with { Now = at },
            Doctor = DoctorFrom(result, paths),
        };
    }

    private static DoctorOptions DoctorFrom(ParseResult result, IReadOnlyList<string> paths)
    {
        var options = DoctorOptions.Default;
        var config = result.GetValue(Config) ?? DoctorConfigFile.Find(ConfigDirectories(paths));
        if (config is not null)
        {
            if (!File.Exists(config))
            {
                throw new UserError(ExitCodes.Usage, $"--config: no such file {config}");
            }

            try
            {
                options = config.EndsWith(".toml", StringComparison.OrdinalIgnoreCase)
                    ? DoctorConfigFile.ApplyJson(TomlSettings.ToJson(File.ReadAllText(config), config), config, options)
                    : DoctorConfigFile.Apply(config, options);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                throw new UserError(ExitCodes.Usage, e.Message);
            }
        }

        if (result.GetValue(GpuMemory) is { } memory)
        {
            options = options with
            {
                GpuMemoryMb = GpuMemoryTable.ParseSize(memory) ?? throw new UserError(ExitCodes.Usage, $"--gpu-memory: cannot read '{memory}' (try 80GB)"),
            };
        }

        foreach (var assignment in result.GetValue(Set) ?? [])
        {
            options = Assign(options, assignment);
        }

        return options;
    }

    private static DoctorOptions Assign(DoctorOptions options, string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var key = eq > 0 ? assignment[..eq].Trim() : assignment;
        if (eq <= 0 || !double.TryParse(assignment[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new UserError(ExitCodes.Usage, $"--set: expected rule.key=number, got '{assignment}'");
        }

        if (!Thresholds.IsKnown(key))
        {
            throw new UserError(ExitCodes.Usage, $"--set: unknown setting '{key}' (docs/doctor.md lists them)");
        }

        return options.With(key, value);
    }

    /// <summary>The directories of the given logs (or the directories given), then the current directory.</summary>
    private static IEnumerable<string> ConfigDirectories(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                yield return path;
            }
            else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                yield return directory;
            }
        }

        yield return Directory.GetCurrentDirectory();
    }
}
