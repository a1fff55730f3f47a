using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>A silence inside one rank's output: from the line before it to the line that ended it.</summary>
public readonly record struct RankGap(double Seconds, DateTime From, DateTime To, SourceInfo Source, long Line, long Offset);
