using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>What reading one file gave: format, counts, and what was skipped and why.</summary>
public sealed class SourceSummary
{
    public SourceSummary(SourceInfo info)
    {
        Info = info;
    }

    public SourceInfo Info { get; }

    /// <summary>The format that claimed most lines (or the file format).</summary>
    public string? Format { get; set; }

    /// <summary>What each format's sniff said about the file's first bytes (0–1); empty when the format was forced.</summary>
    public Dictionary<string, double> SniffScores { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines claimed per format.</summary>
    public Dictionary<string, long> LinesByFormat { get; } = new(StringComparer.Ordinal);

    public long Bytes { get; set; }
    public long Lines { get; set; }
    public long Records { get; set; }

    /// <summary>Readable lines no format claimed (plain text, banners, prose).</summary>
    public long Unparsed { get; set; }

    /// <summary>Lines dropped as unreadable, with the reason (`nul`, `binary`, `too-long`, `partial-last-line`).</summary>
    public long Skipped => SkippedByReason.Values.Sum();

    public Dictionary<string, long> SkippedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Lines whose invalid UTF-8 bytes were replaced.</summary>
    public long InvalidUtf8Lines { get; set; }

    /// <summary>True when double-encoded UTF-8 (mojibake) was detected and repaired.</summary>
    public bool RepairedEncoding { get; set; }

    /// <summary>A problem that stopped or limited reading (unreadable file, corrupt record), with its location.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>A few unparsed lines, for `--explain`.</summary>
    public List<(long Line, string Text)> UnparsedSamples { get; } = [];

    public DateTime? FirstTimestamp { get; set; }
    public DateTime? LastTimestamp { get; set; }
    public DateTime? ModifiedTime { get; set; }

    /// <summary>Parts of the file whose records were read ahead on other cores and taken as they were (0: read in order).</summary>
    public int PartsReadAhead { get; set; }

    /// <summary>Adds the counts of a later part of the same file (read on its own) to these.</summary>
    public void Absorb(SourceSummary part)
    {
        Unparsed += part.Unparsed;
        InvalidUtf8Lines += part.InvalidUtf8Lines;
        RepairedEncoding |= part.RepairedEncoding;
        foreach (var (reason, count) in part.SkippedByReason)
        {
            Skip(reason, count);
        }

        foreach (var (format, lines) in part.LinesByFormat)
        {
            LinesByFormat[format] = LinesByFormat.GetValueOrDefault(format) + lines;
        }

        foreach (var sample in part.UnparsedSamples)
        {
            if (UnparsedSamples.Count < 5)
            {
                UnparsedSamples.Add(sample);
            }
        }

        Problems.AddRange(part.Problems);
        CountFormat();
    }

    /// <summary>The format with the most lines (the first listed of equals) becomes the source's format.</summary>
    public void CountFormat() => Format = LinesByFormat.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault();

    /// <summary>
    /// Lists the per-format line counts in <paramref name="formats"/>' order, the order one reader writes them (parts
    /// absorbed in file order may have met a later format first); formats not named there go last.
    /// </summary>
    public void OrderFormats(string[] formats)
    {
        var ordered = LinesByFormat.OrderBy(kv => Array.IndexOf(formats, kv.Key) is var i and >= 0 ? i : int.MaxValue).ToList();
        LinesByFormat.Clear();
        foreach (var (format, lines) in ordered)
        {
            LinesByFormat[format] = lines;
        }

        CountFormat();
    }

    public void Skip(string reason, long count = 1)
        => SkippedByReason[reason] = SkippedByReason.GetValueOrDefault(reason) + count;
}
