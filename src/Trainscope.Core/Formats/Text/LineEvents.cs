using Trainscope.Records;

namespace Trainscope.Formats.Text;

/// <summary>Builds the event of one log line (markers, checkpoints, completion, run facts): rare lines, so allocating is fine.</summary>
public static class LineEvents
{
    public static LogEvent From(in LogLine line, in LinePrefix prefix, EventKind kind, string name, double? value = null,
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
