using System.Text;

namespace Trainscope.Runs;

/// <summary>
/// Decides which files of one directory belong to the same run. Files whose names differ only by rank, phase words
/// (`training_history.csv` / `validation_history.csv`), granularity words (`epoch_metrics_*.csv` / `batch_metrics_*.csv`)
/// or numbers (dates, ids) share a key; a directory with rank
/// files, or with one key plus generic companions (`log.txt`, `metrics.json`, event files), is one run.
/// </summary>
public static class RunGrouping
{
    private static readonly HashSet<string> GenericKeys = new(StringComparer.Ordinal)
    {
        "", "log", "logs", "output", "out", "stdout", "stderr", "nohup", "metrics", "scalars", "trainer_state",
        "trainer_log", "events", "events_out_tfevents", "results", "train", "debug", "history", "running_log",
    };

    private static readonly string[] PhaseWords = ["training", "train", "validation", "valid", "val", "eval", "test"];

    /// <summary>How often a file records, not which run it is: `epoch_metrics_*.csv` beside `batch_metrics_*.csv`.</summary>
    private static readonly string[] GranularityWords = ["epoch", "batch", "step", "iter"];

    /// <summary>Groups the files of one directory; returns (key, files) pairs, the key empty for "the directory".</summary>
    public static IReadOnlyList<(string Key, IReadOnlyList<RunFile> Files)> Group(IReadOnlyList<RunFile> files)
    {
        var keyed = files.Select(f => (Key: Key(System.IO.Path.GetFileName(f.Path)), File: f)).ToArray();
        var specific = keyed.Select(k => k.Key).Where(k => !GenericKeys.Contains(k)).Distinct().ToArray();
        if (files.Any(f => f.Rank is not null) || specific.Length <= 1)
        {
            return [(specific.Length == 1 ? specific[0] : "", files)];
        }

        // Several distinct runs side by side: each keyed group is a run, each generic file its own.
        var groups = new List<(string, IReadOnlyList<RunFile>)>();
        foreach (var group in keyed.GroupBy(k => k.Key))
        {
            if (GenericKeys.Contains(group.Key))
            {
                groups.AddRange(group.Select(g => (System.IO.Path.GetFileName(g.File.Path), (IReadOnlyList<RunFile>)[g.File])));
            }
            else
            {
                groups.Add((group.Key, group.Select(g => g.File).ToArray()));
            }
        }

        return groups;
    }

    /// <summary>The part of a file name that names its run.</summary>
    public static string Key(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        if (name.StartsWith("events.out.tfevents", StringComparison.Ordinal))
        {
            return "events";
        }

        // Drop extensions, including `.txt.rank3` and `.log.1` rotations.
        var parts = name.Split('.');
        var stem = parts[0];
        var words = stem.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !IsNumberish(w) && !IsRankWord(w) && !PhaseWords.Contains(w) && !GranularityWords.Contains(w));
        var builder = new StringBuilder();
        foreach (var word in words)
        {
            if (builder.Length > 0)
            {
                builder.Append('_');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }

    private static bool IsNumberish(string word) => word.All(c => char.IsAsciiDigit(c) || c == 'T');

    private static bool IsRankWord(string word)
        => word.StartsWith("rank", StringComparison.Ordinal) && word[4..].All(char.IsAsciiDigit);
}
