namespace Trainscope.Analysis.Distributed;

/// <summary>One data-loading worker of a rank: files assigned and whether it finished (`COMPLETED iteration`).</summary>
public sealed record WorkerRow(int Worker, int? Workers, long? Files, long? FilesTotal, bool Completed, double? Samples);
