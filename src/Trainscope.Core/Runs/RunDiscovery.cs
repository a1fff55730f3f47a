using Trainscope.Formats;
using Trainscope.Ingestion;

namespace Trainscope.Runs;

/// <summary>Finds the runs under the paths a user gave: a file is a run; a directory's log files are found by content.</summary>
public static class RunDiscovery
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", "node_modules", "__pycache__", ".ipynb_checkpoints", "wandb", ".venv", "venv",
    };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".log", ".out", ".err", ".txt",
    };

    /// <summary>Runs found under <paramref name="paths"/>, or a problem naming the path that cannot be read.</summary>
    public static IReadOnlyList<RunSpec> Discover(IEnumerable<string> paths, out IReadOnlyList<string> problems)
    {
        var runs = new List<RunSpec>();
        var errors = new List<string>();
        foreach (var given in paths)
        {
            if (File.Exists(given))
            {
                var file = new RunFile(Path.GetFullPath(given), given, RankFromFileName.Parse(Path.GetFileName(given)));
                runs.Add(new RunSpec(Path.GetFileName(given), given, [file]));
            }
            else if (Directory.Exists(given))
            {
                AddDirectory(given, runs, errors);
            }
            else
            {
                errors.Add($"{given}: no such file or directory");
            }
        }

        problems = errors;
        return runs;
    }

    private static void AddDirectory(string root, List<RunSpec> runs, List<string> errors)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] files;
            string[] subdirs;
            try
            {
                files = Directory.GetFiles(dir);
                subdirs = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{dir}: cannot list: {e.Message}");
                continue;
            }

            foreach (var sub in subdirs.OrderByDescending(s => s, StringComparer.Ordinal))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            var logs = files.Order(StringComparer.Ordinal).Where(LooksLikeLog)
                .Select(f => new RunFile(Path.GetFullPath(f), Path.GetRelativePath(Environment.CurrentDirectory, f), RankFromFileName.Parse(Path.GetFileName(f))))
                .ToArray();
            if (logs.Length == 0)
            {
                continue;
            }

            var dirName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)));
            var groups = RunGrouping.Group(logs);
            foreach (var (key, groupFiles) in groups)
            {
                var name = groups.Count == 1 || key.Length == 0 ? dirName : $"{dirName}/{key}";
                runs.Add(new RunSpec(name, dir, RankFromSiblings.Apply(groupFiles)));
            }
        }
    }

    /// <summary>Decides by content (and only then by name) whether a file is a training log worth reading.</summary>
    private static bool LooksLikeLog(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith('.'))
        {
            return false;
        }

        FileSample sample;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[(int)Math.Min(16 * 1024, stream.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            sample = new FileSample(name, buffer.AsMemory(0, read), read >= stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (FormatRegistry.FileFormats.Any(f => f.Sniff(sample) >= 0.5))
        {
            return true;
        }

        if (sample.Head.Span.Contains((byte)0))
        {
            return false; // binary (checkpoints, images) that no file format claims
        }

        // The generic fallback finds something in almost any text, so it does not make a file a training log.
        var confident = FormatRegistry.LineFormats.Any(f => f.Name != "generic" && f.Sniff(sample) >= 0.3);
        return confident || TextExtensions.Contains(Path.GetExtension(name)) || RankFromFileName.Parse(name) is not null;
    }
}
