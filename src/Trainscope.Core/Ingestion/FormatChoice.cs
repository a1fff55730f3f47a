using Trainscope.Formats;

namespace Trainscope.Ingestion;

/// <summary>How a source will be read: as a whole file by one format, or line by line by several.</summary>
public sealed record FormatChoice(IFileFormat? FileFormat, IReadOnlyList<ILineFormat> LineFormats)
{
    public bool IsEmpty => FileFormat is null && LineFormats.Count == 0;

    /// <summary>What each format's sniff said about the file (0–1), for `--explain`; empty when the format was forced.</summary>
    public IReadOnlyDictionary<string, double> SniffScores { get; init; } = new Dictionary<string, double>();
}
