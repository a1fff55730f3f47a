using System.Globalization;
using Trainscope.Records;

namespace Trainscope.Formats.Text;

/// <summary>
/// Turns the remaining-time estimate a job prints on every line or record (detectron2's and mmengine's `eta:`,
/// LLaMA-Factory's `remaining_time`) into a few ETA events: the first, then one every <see cref="Every"/> estimates,
/// and the latest at the end. One event per line would allocate on the hot path and fill the run's bounded event list,
/// and only the latest estimate matters for progress.
/// </summary>
public sealed class EtaEvents
{
    public const int Every = 50;
    private int _sinceSent = -1;
    private Pending? _pending;

    public void See(SourceInfo source, int? rank, long line, long offset, DateTime? timestamp, double seconds, in Position position, IRecordSink sink)
    {
        _pending = new Pending(source, rank, line, offset, timestamp, seconds, position);
        if (_sinceSent < 0 || ++_sinceSent >= Every)
        {
            Send(sink);
        }
    }

    /// <summary>End of input: emits the latest estimate if it was held back.</summary>
    public void Complete(IRecordSink sink) => Send(sink);

    /// <summary>Parses an ETA as jobs print it: `0:10:00`, `1 day, 2:03:04`, `3 days, 0:00:01`.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double seconds)
    {
        seconds = 0;
        text = SpanFields.TrimSpaces(text);
        double days = 0;
        var comma = text.IndexOf((byte)',');
        if (comma > 0)
        {
            var i = 0;
            if (!SpanFields.TryReadLong(text, ref i, out var d) || !text[i..comma].Trim(" \t"u8).StartsWith("day"u8))
            {
                return false;
            }

            days = d;
            text = SpanFields.TrimSpaces(text[(comma + 1)..]);
        }

        if (!SpanFields.TryParseDuration(text, out var clock))
        {
            return false;
        }

        seconds = days * 86400 + clock;
        return true;
    }

    private void Send(IRecordSink sink)
    {
        if (_pending is not { } p)
        {
            return;
        }

        sink.OnEvent(new LogEvent
        {
            Kind = EventKind.Eta,
            Source = p.Source,
            Line = p.Line,
            Offset = p.Offset,
            Rank = p.Rank,
            Timestamp = p.Timestamp,
            Position = p.Position,
            // The line may be long gone when a held estimate is sent; the value is all the text needs to say.
            Text = string.Create(CultureInfo.InvariantCulture, $"eta: {p.Seconds:0} s"),
            Name = "eta",
            Value = p.Seconds,
        });
        _pending = null;
        _sinceSent = 0;
    }

    private readonly record struct Pending(SourceInfo Source, int? Rank, long Line, long Offset, DateTime? Timestamp, double Seconds, Position Position);
}
