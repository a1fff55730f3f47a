namespace Trainscope.Records;

/// <summary>That a line was read, from which rank and when — for liveness, even when the line held no record.</summary>
public readonly record struct LineActivity(SourceInfo Source, int? Rank, long Line, long Offset, DateTime? Timestamp);
