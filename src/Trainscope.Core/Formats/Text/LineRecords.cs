using Trainscope.Records;

namespace Trainscope.Formats.Text;

/// <summary>Builds the records of one log line with its source, line, offset, rank and time filled in.</summary>
public static class LineRecords
{
    /// <summary>A sample carrying the line's source, rank and time; the caller fills name, value and position.</summary>
    public static MetricSample Sample(in LogLine line, in LinePrefix prefix, Phase phase) => new()
    {
        Source = line.Source,
        Rank = prefix.Rank ?? line.Source.Rank,
        Line = line.Number,
        Offset = line.Offset,
        Timestamp = prefix.Timestamp,
        Phase = phase,
        Kind = SampleKind.Point,
    };

    /// <summary>The event of a rare line (markers, checkpoints, completion, run facts): allocating here is fine.</summary>
    public static LogEvent Event(in LogLine line, in LinePrefix prefix, EventKind kind, string name, double? value = null,
        Position position = default, Phase? phase = null, IReadOnlyDictionary<string, string>? attributes = null) => new()
    {
        Kind = kind,
        Source = line.Source,
        Line = line.Number,
        Offset = line.Offset,
        Rank = prefix.Rank ?? line.Source.Rank,
        Timestamp = prefix.Timestamp,
        Position = position,
        Phase = phase,
        Text = EventText.From(line.Text),
        Name = name,
        Value = value,
        Attributes = attributes,
    };
}
