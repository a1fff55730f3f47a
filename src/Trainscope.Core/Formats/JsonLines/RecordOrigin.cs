using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>Where one logged record (a JSON line, a printed dict, a `log_history` entry) came from.</summary>
internal readonly record struct RecordOrigin(SourceInfo Source, int? Rank, long Line, long Offset, DateTime? Timestamp)
{
    /// <summary>The shared fields of the record's values; name, phase and value come with each.</summary>
    public MetricSample Sample(in Position position, SampleKind kind = SampleKind.Point) => new()
    {
        Source = Source,
        Rank = Rank,
        Line = Line,
        Offset = Offset,
        Timestamp = Timestamp,
        Position = position,
        Kind = kind,
    };
}
