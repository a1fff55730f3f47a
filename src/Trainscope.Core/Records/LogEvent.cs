namespace Trainscope.Records;

/// <summary>A line that means something without being a metric: a marker, a warning, an error, a checkpoint, run info.</summary>
public sealed class LogEvent
{
    public required EventKind Kind { get; init; }
    public required SourceInfo Source { get; init; }
    public required long Line { get; init; }
    public long Offset { get; init; }
    public int? Rank { get; init; }
    public DateTime? Timestamp { get; init; }
    public Position Position { get; init; }
    public Phase? Phase { get; init; }

    /// <summary>The line's text (trimmed, at most a few hundred characters).</summary>
    public required string Text { get; init; }

    /// <summary>A short machine name for the event: `training-start`, `validation-end`, `checkpoint`, `RuntimeError`, `n_parameters` …</summary>
    public string? Name { get; init; }

    /// <summary>A number the event carries (run-info value, ETA seconds, worker file count …).</summary>
    public double? Value { get; init; }

    /// <summary>Extra facts (`worker`, `files_done`, `files_total`, `path` …).</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }

    /// <summary>The same event on another line (a part of a file read on its own numbers its lines from 1).</summary>
    public LogEvent WithLine(long line) => new()
    {
        Kind = Kind,
        Source = Source,
        Line = line,
        Offset = Offset,
        Rank = Rank,
        Timestamp = Timestamp,
        Position = Position,
        Phase = Phase,
        Text = Text,
        Name = Name,
        Value = Value,
        Attributes = Attributes,
    };
}
