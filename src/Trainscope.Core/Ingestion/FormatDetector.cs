using Trainscope.Formats;

namespace Trainscope.Ingestion;

/// <summary>Chooses the formats for a file from its name and first bytes (or the one the user forced).</summary>
public static class FormatDetector
{
    /// <summary>A whole-file format must be at least this sure to take the file.</summary>
    private const double FileFormatThreshold = 0.5;

    public static FormatChoice Choose(FileSample sample, string? forcedFormat = null)
    {
        if (forcedFormat is not null)
        {
            return FormatRegistry.Find(forcedFormat) switch
            {
                IFileFormat file => new FormatChoice(file, []),
                ILineFormat line => new FormatChoice(null, [line]),
                _ => throw new ArgumentException($"unknown format '{forcedFormat}'", nameof(forcedFormat)),
            };
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var bestFile = FormatRegistry.FileFormats
            .Select(f => (Format: f, Score: scores[f.Name] = SafeSniff(f, sample)))
            .ToArray()
            .Where(x => x.Score >= FileFormatThreshold)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        if (bestFile.Format is not null)
        {
            return new FormatChoice(bestFile.Format, []) { SniffScores = scores };
        }

        // Every line format takes part, most confident first (ties keep registry order): a file can mix families, and
        // a family that appears only past the sample (a final summary, a crash) must still be read. The registry's last
        // format is the generic fallback and stays last.
        var formats = FormatRegistry.LineFormats;
        var fallback = formats.Count > 0 && formats[^1].Name == "generic" ? formats[^1] : null;
        var lineFormats = formats
            .Where(f => !ReferenceEquals(f, fallback))
            .Select((f, index) => (Format: f, Score: scores[f.Name] = SafeSniff(f, sample), Index: index))
            .ToArray()
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Select(x => x.Format)
            .Concat(fallback is null ? [] : [fallback])
            .ToArray();
        if (fallback is not null)
        {
            scores[fallback.Name] = SafeSniff(fallback, sample);
        }

        return new FormatChoice(null, lineFormats) { SniffScores = scores };
    }

    private static double SafeSniff(ILogFormat format, FileSample sample)
    {
        var score = format.Sniff(sample);
        return double.IsFinite(score) ? Math.Clamp(score, 0, 1) : 0;
    }
}
