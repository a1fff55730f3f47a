using System.Globalization;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.RankDebug;

/// <summary>What a rank debug line says about where it comes from, and the records built from that.</summary>
internal ref struct RankLineContext
{
    private readonly LogLine _line;

    public RankLineContext(in LogLine line, LinePrefix prefix)
    {
        _line = line;
        Prefix = prefix;
    }

    public LinePrefix Prefix { get; }

    public RankTag Tag { get; set; }

    public readonly bool HasTag => Tag.End > 0;

    private readonly int? Rank => HasTag ? Tag.Rank : Prefix.Rank ?? _line.Source.Rank;

    public readonly MetricSample Sample(Phase phase) => new()
    {
        Source = _line.Source,
        Rank = Rank,
        Line = _line.Number,
        Offset = _line.Offset,
        Timestamp = Prefix.Timestamp,
        Phase = phase,
        Kind = SampleKind.Point,
    };

    public readonly LogEvent Event(EventKind kind, string name, double? value, Position position, Phase? phase,
        Dictionary<string, string>? attributes = null) => new()
    {
        Kind = kind,
        Source = _line.Source,
        Line = _line.Number,
        Offset = _line.Offset,
        Rank = Rank,
        Timestamp = Prefix.Timestamp,
        Position = position,
        Phase = phase,
        Text = EventText.From(_line.Text),
        Name = name,
        Value = value,
        Attributes = attributes is { Count: > 0 } ? attributes : null,
    };

    /// <summary>The worker and world-size facts of the `[Rank r/W Worker w/n]` tag, as event attributes.</summary>
    public readonly Dictionary<string, string> TagAttributes()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!HasTag)
        {
            return attributes;
        }

        Add(attributes, "world_size", Tag.WorldSize);
        Add(attributes, "worker", Tag.Worker);
        Add(attributes, "workers", Tag.Workers);
        return attributes;
    }

    private static void Add(Dictionary<string, string> attributes, string key, int? value)
    {
        if (value is int v)
        {
            attributes[key] = v.ToString(CultureInfo.InvariantCulture);
        }
    }
}
