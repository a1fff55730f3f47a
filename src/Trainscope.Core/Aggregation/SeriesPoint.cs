using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>One kept observation of a series, with where it came from (for evidence).</summary>
/// <param name="Step">Global step; when the log gave none, the sample's ordinal within its series.</param>
public readonly record struct SeriesPoint(
    long Step,
    double Value,
    double? Average,
    int? Epoch,
    DateTime? Time,
    SourceInfo Source,
    long Line,
    long Offset);
