using System.Text;
using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>Reads one line back from a log file at a byte offset, for evidence; a missing or changed file gives null.</summary>
public static class SourceLineReader
{
    private const int MaxBytes = 2048;
    private const int MaxChars = 400;

    public static string? ReadAt(SourceInfo source, long offset)
    {
        if (offset < 0)
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (offset >= stream.Length)
            {
                return null;
            }

            stream.Position = offset;
            Span<byte> buffer = stackalloc byte[MaxBytes];
            var read = stream.ReadAtLeast(buffer, MaxBytes, throwOnEndOfStream: false);
            var line = buffer[..read];
            var end = line.IndexOfAny((byte)'\n', (byte)'\r');
            if (end >= 0)
            {
                line = line[..end];
            }

            var text = Encoding.UTF8.GetString(line).Trim();
            return text.Length > MaxChars ? text[..MaxChars] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // Evidence is a convenience: a log rotated or deleted since reading must not stop the analysis.
            return null;
        }
    }

    /// <summary>Evidence for a line of a source, with its text read back (empty when unreadable).</summary>
    public static Evidence Evidence(SourceInfo source, long line, long offset)
        => new(source.DisplayPath, line, ReadAt(source, offset) ?? "") { Offset = offset };

    /// <summary>Evidence for an event (its text is already known).</summary>
    public static Evidence Evidence(LogEvent logEvent)
        => new(logEvent.Source.DisplayPath, logEvent.Line, logEvent.Text) { Offset = logEvent.Offset };
}
