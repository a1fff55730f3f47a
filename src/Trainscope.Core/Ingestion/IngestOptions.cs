namespace Trainscope.Ingestion;

/// <summary>How sources are read.</summary>
public sealed record IngestOptions
{
    /// <summary>Force one format by name instead of detecting (`--format`).</summary>
    public string? Format { get; init; }

    /// <summary>Read lines with exactly these formats instead of detecting (library use and tests).</summary>
    public IReadOnlyList<Formats.ILineFormat>? LineFormats { get; init; }

    /// <summary>Bytes read from the start of a file to detect its format.</summary>
    public int SniffBytes { get; init; } = 64 * 1024;

    /// <summary>Points kept per series (a bounded, downsampled copy).</summary>
    public int PointsPerSeries { get; init; } = 4096;

    /// <summary>Runs at least this large are aggregated on a second thread while the first parses.</summary>
    public long PipelineAboveBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Text files at least this large are read in parts on several cores, where their first format allows.</summary>
    public long ParallelAboveBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>About how large each part of a file read in parallel is.</summary>
    public long PartBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Values a part read ahead may hold (about 40 bytes each); a part with more is read in order instead.</summary>
    public long MaxValuesPerPart { get; init; } = 1 << 20;

    /// <summary>Threads reading parts ahead (1 reads every file in order).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    public int MaxLineLength { get; init; } = Reading.LineSplitter.DefaultMaxLineLength;
}
