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

        var bestFile = FormatRegistry.FileFormats
            .Select(f => (Format: f, Score: SafeSniff(f, sample)))
            .Where(x => x.Score >= FileFormatThreshold)
            .OrderByDescending(x => x.Score)
            .FirstOrDefault();
        if (bestFile.Format is not null)
        {
            return new FormatChoice(bestFile.Format, []);
        }

        // Every line format with any confidence takes part, most confident first; ties keep registry order.
        var lineFormats = FormatRegistry.LineFormats
            .Select((f, index) => (Format: f, Score: SafeSniff(f, sample), Index: index))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Index)
            .Select(x => x.Format)
            .ToArray();
        return new FormatChoice(null, lineFormats);
    }

    private static double SafeSniff(ILogFormat format, FileSample sample)
    {
        var score = format.Sniff(sample);
        return double.IsFinite(score) ? Math.Clamp(score, 0, 1) : 0;
    }
}
