using System.Text;
using Trainscope.Records;

namespace Trainscope.Web.Security;

/// <summary>
/// Reads the lines around one line of a served source. Callers name a source by id, never by path; the file is read
/// only when its real location (symlinks resolved) lies under one of the served roots.
/// </summary>
public static class SourceExcerpt
{
    public const int MaxContext = 50;
    public const int MaxLineChars = 2000;

    /// <summary>One line of an excerpt.</summary>
    public sealed record Line(long Number, string Text);

    /// <summary>The lines [line − context, line + context] (1-based), or null when the file is outside the roots or unreadable.</summary>
    public static IReadOnlyList<Line>? Read(SourceInfo source, IReadOnlyList<string> roots, long line, int context)
    {
        context = Math.Clamp(context, 0, MaxContext);
        if (line < 1 || !IsUnderRoots(source.Path, roots))
        {
            return null;
        }

        var first = Math.Max(1, line - context);
        var last = line + context;
        var lines = new List<Line>();
        try
        {
            using var stream = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            long number = 0;
            while (reader.ReadLine() is { } text)
            {
                if (++number < first)
                {
                    continue;
                }

                if (number > last)
                {
                    break;
                }

                lines.Add(new Line(number, text.Length > MaxLineChars ? text[..MaxLineChars] : text));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return lines;
    }

    /// <summary>True when the path, with every symlink resolved, is one of the roots or inside one of them.</summary>
    public static bool IsUnderRoots(string path, IReadOnlyList<string> roots)
    {
        var real = RealPath(path);
        if (real is null)
        {
            return false;
        }

        foreach (var root in roots)
        {
            var realRoot = RealPath(root);
            if (realRoot is null)
            {
                continue;
            }

            if (real == realRoot || real.StartsWith(realRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The absolute path with every symlinked component resolved, or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                return null;
            }

            // Resolve component by component: a symlinked folder anywhere on the way counts, not only the last name.
            var root = Path.GetPathRoot(full) ?? "/";
            var current = root;
            foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                var target = info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
                current = target is not null ? Path.GetFullPath(target.FullName) : next;
            }

            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
