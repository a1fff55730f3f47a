using Microsoft.Win32.SafeHandles;
using Trainscope.Formats;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Where a large file may be cut into parts for parallel reading: about every <c>partBytes</c>, at the start of the next
/// line its first format says <see cref="ILineFormat.StartsFresh">starts fresh</see>. Only the file from each cut to
/// that line is read.
/// </summary>
internal static class PartPlan
{
    /// <summary>How far past a nominal cut a line that starts fresh is looked for, read a window at a time.</summary>
    private const int FirstWindowBytes = 64 << 10;
    private const int WindowBytes = 256 << 10;
    private const int SearchBytes = 4 << 20;

    /// <summary>
    /// The parts' start offsets, the first being 0; a single part means the file is best read in one go. The first cut
    /// is looked for alone (a format that marks no line near it likely marks none: CSV rows do not), the others on
    /// <paramref name="parallelism"/> threads, each reading only as far as its line that starts fresh.
    /// </summary>
    public static List<long> Starts(SafeFileHandle file, long length, long partBytes, ILineFormat first, SourceInfo source,
        bool repairMojibake, int parallelism)
    {
        var starts = new List<long> { 0 };
        var cuts = (int)Math.Max(0, (length - 1) / partBytes);
        if (cuts == 0)
        {
            return starts;
        }

        var found = new long?[cuts];
        found[0] = Search(file, partBytes - 1, first, source, new Searcher(repairMojibake));
        if (found[0] is null)
        {
            // No line to cut before in the first megabytes searched: the format marks such lines rarely or never, so
            // the file is read in one part rather than searched through.
            return starts;
        }

        Parallel.For(
            1, cuts, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) },
            () => new Searcher(repairMojibake),
            (k, _, searcher) =>
            {
                found[k] = Search(file, (k + 1) * partBytes - 1, first, source, searcher);
                return searcher;
            },
            _ => { });

        // Two cuts may find the same line (a search runs past the next cut); a part is never empty.
        foreach (var at in found)
        {
            if (at is long start && start > starts[^1])
            {
                starts.Add(start);
            }
        }

        return starts;
    }

    /// <summary>
    /// The offset of the first whole line after the first `\n` at or after <paramref name="from"/> that starts fresh,
    /// within about <see cref="SearchBytes"/>; a window is read after another, each going on from the last whole line
    /// the one before it held.
    /// </summary>
    private static long? Search(SafeFileHandle file, long from, ILineFormat first, SourceInfo source, Searcher searcher)
    {
        var window = searcher.Window;
        var size = FirstWindowBytes;
        for (var searched = 0L; searched < SearchBytes; size = WindowBytes)
        {
            var read = ReadAll(file, window.AsSpan(0, size), from);
            if (FirstFreshLine(window.AsSpan(0, read), first, source, searcher.Cleaner, out var resume) is int at)
            {
                return from + at;
            }

            if (read < size)
            {
                return null; // the end of the file
            }

            // Go on from the newline that ends the last whole line read; a line longer than the first window is read
            // again in a larger one, and one longer than that is passed over.
            var step = resume > 0 ? resume : size < WindowBytes ? 0 : read;
            (from, searched) = (from + step, searched + step);
        }

        return null;
    }

    private static int ReadAll(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read <= 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    /// <summary>
    /// The offset in <paramref name="bytes"/> of the first whole line after the first `\n` that starts fresh; when none,
    /// <paramref name="resume"/> is the offset of the newline that ends the last whole line looked at (-1: none ended).
    /// </summary>
    private static int? FirstFreshLine(ReadOnlySpan<byte> bytes, ILineFormat first, SourceInfo source, LineCleaner cleaner, out int resume)
    {
        resume = -1;
        var newline = bytes.IndexOf((byte)'\n');
        if (newline < 0)
        {
            return null;
        }

        var start = newline + 1;
        while (start < bytes.Length)
        {
            resume = start - 1;
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
            if (raw.IndexOf((byte)'\r') < 0 && cleaner.Clean(raw, out var text) == LineStatus.Text && first.MayStartFresh(text)
                && first.StartsFresh(new LogLine(text, 1, 0, source)))
            {
                return start;
            }

            start += length + 1;
        }

        resume = start - 1;
        return null;
    }

    /// <summary>What one thread searches with.</summary>
    private sealed class Searcher(bool repairMojibake)
    {
        public byte[] Window { get; } = new byte[WindowBytes];

        public LineCleaner Cleaner { get; } = new() { RepairMojibake = repairMojibake };
    }
}
