namespace Trainscope.Analysis;

/// <summary>A log line that supports a finding.</summary>
public sealed record Evidence(string Path, long Line, string Text)
{
    /// <summary>Byte offset of the line, so viewers can open the log there.</summary>
    public long Offset { get; init; }
}
