using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// Turns the `eta:` field that detectron2 and mmengine print on every metric line into a few ETA events: the first,
/// then one every <see cref="Every"/> lines, and the latest at the end. One event per line would allocate its text
/// on the hot path, and only the latest estimate matters for progress.
/// </summary>
internal sealed class EtaThrottle
{
    private const int Every = 50;
    private int _sinceEmitted = -1;
    private double _seconds;
    private long _line;
    private long _offset;
    private int? _rank;
    private DateTime? _timestamp;
    private Position _position;
    private SourceInfo? _source;

    public void See(in LogLine line, in LinePrefix prefix, double seconds, in Position position, IRecordSink sink)
    {
        if (_sinceEmitted < 0 || _sinceEmitted + 1 >= Every)
        {
            sink.OnEvent(FrameworkRecords.Event(line, prefix, EventKind.Eta, "eta", seconds, position));
            _sinceEmitted = 0;
            _source = null;
            return;
        }

        _sinceEmitted++;
        _seconds = seconds;
        _line = line.Number;
        _offset = line.Offset;
        _rank = prefix.Rank ?? line.Source.Rank;
        _timestamp = prefix.Timestamp;
        _position = position;
        _source = line.Source;
    }

    /// <summary>Emits the latest estimate if it was held back.</summary>
    public void Complete(IRecordSink sink)
    {
        if (_source is null)
        {
            return;
        }

        sink.OnEvent(new LogEvent
        {
            Kind = EventKind.Eta,
            Source = _source,
            Line = _line,
            Offset = _offset,
            Rank = _rank,
            Timestamp = _timestamp,
            Position = _position,
            // The line itself is gone by now; the value is all the text needs to say.
            Text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"eta: {_seconds:0} s"),
            Name = "eta",
            Value = _seconds,
        });
        _source = null;
    }

    /// <summary>Parses an ETA value as detectron2 and mmengine print it: `0:10:00`, `1 day, 2:03:04`, `3 days, 0:00:01`.</summary>
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
}
