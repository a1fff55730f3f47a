using Trainscope.Formats;

namespace Trainscope.Ingestion;

/// <summary>How a source will be read: as a whole file by one format, or line by line by several.</summary>
public sealed record FormatChoice(IFileFormat? FileFormat, IReadOnlyList<ILineFormat> LineFormats)
{
    public bool IsEmpty => FileFormat is null && LineFormats.Count == 0;
}
