using Trainscope.Formats;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Where a large file may be cut into parts for parallel reading: about every <c>partBytes</c>, at the start of the next
/// line its first format says <see cref="ILineFormat.StartsFresh">starts fresh</see>. Only a little of the file
/// around each cut is read.
/// </summary>
internal static class PartPlan
{
    /// <summary>How far past a nominal cut a line that starts fresh is looked for: a little first, then about a part's length.</summary>
    private const int FirstSearchBytes = 64 << 10;
    private const int SearchBytes = 4 << 20;

    /// <summary>The parts' start offsets, the first being 0; a single part means the file is best read in one go.</summary>
    public static List<long> Starts(Stream file, long length, long partBytes, ILineFormat first, SourceInfo source, bool repairMojibake)
    {
        var starts = new List<long> { 0 };
        var window = new byte[SearchBytes];
        var cleaner = new LineCleaner { RepairMojibake = repairMojibake };
        for (var nominal = partBytes; nominal < length; nominal += partBytes)
        {
            if (nominal <= starts[^1])
            {
                continue;
            }

            // Two cuts may find the same line; a part is never empty.
            var found = Search(file, nominal - 1, window.AsSpan(0, FirstSearchBytes), first, source, cleaner)
                ?? Search(file, nominal - 1, window, first, source, cleaner);
            if (found is null && starts.Count == 1)
            {
                // No line to cut before in the first megabytes searched: the format marks such lines rarely or never
                // (CSV never does), so the file is read in one part rather than searched through.
                break;
            }

            if (found is long at && at > starts[^1])
            {
                starts.Add(at);
            }
        }

        return starts;
    }

    private static long? Search(Stream file, long from, Span<byte> window, ILineFormat first, SourceInfo source, LineCleaner cleaner)
    {
        file.Position = from;
        var read = file.ReadAtLeast(window, window.Length, throwOnEndOfStream: false);
        return FirstFreshLine(window[..read], first, source, cleaner) is int at ? from + at : null;
    }

    /// <summary>The offset in <paramref name="bytes"/> of the first whole line after the first `\n` that starts fresh.</summary>
    private static int? FirstFreshLine(ReadOnlySpan<byte> bytes, ILineFormat first, SourceInfo source, LineCleaner cleaner)
    {
        var newline = bytes.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var start = newline + 1;
        while (start < bytes.Length)
        {
            var length = bytes[start..].IndexOf((byte)'\n');
            if (length < 0)
            {
                return null;
            }

            var raw = bytes.Slice(start, length);
            if (raw.Length > 0 && raw[^1] == (byte)'\r')
            {
                raw = raw[..^1];
            }

            // A line holding a lone `\r` is several lines to the reader (redraws); only plain lines are cut before.
            if (raw.IndexOf((byte)'\r') < 0 && cleaner.Clean(raw, out var text) == LineStatus.Text && first.StartsFresh(new LogLine(text, 1, 0, source)))
            {
                return start;
            }

            start += length + 1;
        }

        return null;
    }
}
