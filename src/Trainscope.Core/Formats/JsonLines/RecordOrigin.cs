using Trainscope.Records;

namespace Trainscope.Formats.JsonLines;

/// <summary>Where one logged record (a JSON line, a printed dict, a `log_history` entry) came from.</summary>
internal readonly record struct RecordOrigin(SourceInfo Source, int? Rank, long Line, long Offset, DateTime? Timestamp);
