using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Identifies one series: a metric name in one phase on one rank.</summary>
public readonly record struct SeriesKey(string Name, Phase Phase, int? Rank);
