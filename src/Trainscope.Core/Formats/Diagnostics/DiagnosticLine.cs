using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Diagnostics;

/// <summary>The line being looked at and how events are built from it.</summary>
internal readonly ref struct DiagnosticLine
{
    private readonly LogLine _line;

    public DiagnosticLine(in LogLine line)
    {
        _line = line;
        Prefix = line.Prefix;
    }

    public ReadOnlySpan<byte> Text => _line.Text;

    public ReadOnlySpan<byte> Body => SpanFields.TrimSpaces(_line.Text[Prefix.BodyStart..]);

    public LinePrefix Prefix { get; }

    public long Number => _line.Number;

    public int? Rank => Prefix.Rank ?? _line.Source.Rank;

    public LogEvent Event(EventKind kind, string name, double? value = null, IReadOnlyDictionary<string, string>? attributes = null, int? rank = null) => new()
    {
        Kind = kind,
        Source = _line.Source,
        Line = _line.Number,
        Offset = _line.Offset,
        Rank = rank ?? Rank,
        Timestamp = Prefix.Timestamp,
        Text = EventText.From(_line.Text),
        Name = name,
        Value = value,
        Attributes = attributes is { Count: > 0 } ? attributes : null,
    };

    /// <summary>The rank named by `[Rank 3]`, `[PG 1 Rank 3]` or `Rank 3` before <paramref name="end"/>, if any.</summary>
    public static int? RankWord(ReadOnlySpan<byte> text, int end)
    {
        var at = text[..end].LastIndexOf("Rank "u8);
        if (at < 0)
        {
            return null;
        }

        var i = at + "Rank "u8.Length;
        return SpanFields.TryReadLong(text, ref i, out var rank) && rank < 1_000_000 ? (int)rank : null;
    }
}
