using Trainscope.Formats.Text;

namespace Trainscope.Formats.Frameworks;

/// <summary>
/// The shape of one Keras metric line: a head (`1875/1875 [====]`, `128/128`, `67s`, Keras 3's `━━━━ 5s 2ms/step`)
/// then ` - `-separated timing and `name: value` segments.
/// </summary>
internal ref struct KerasLine
{
    public long Done;
    public long Total;
    public bool HasBar;

    /// <summary>The epoch's duration: `5s/epoch` if printed, else the first plain `67s`.</summary>
    public double? Seconds;

    /// <summary>A bar not yet at its total: a redraw in the middle of an epoch.</summary>
    public readonly bool IsPartial => HasBar && Done < Total;

    public static bool TryRead(ReadOnlySpan<byte> body, out KerasLine shape)
    {
        shape = default;
        var i = 0;
        if (!SpanFields.TryReadLong(body, ref i, out var first) || i >= body.Length)
        {
            return false;
        }

        double? perEpoch = null;
        double? plain = null;
        var headEnd = body.IndexOf(" - "u8);
        var head = headEnd < 0 ? body : body[..headEnd];
        if (body[i] == (byte)'/')
        {
            i++;
            if (!SpanFields.TryReadLong(body, ref i, out var total) || first > total)
            {
                return false;
            }

            shape.Done = first;
            shape.Total = total;
            i = SpanFields.SkipSpaces(head, i);
            if (i < head.Length && (head[i] == (byte)'[' || head[i] >= 0x80))
            {
                var barEnd = head[i] == (byte)'[' ? head[i..].IndexOf((byte)']') : head[i..].IndexOf((byte)' ');
                shape.HasBar = true;
                i = barEnd < 0 ? head.Length : i + barEnd + 1;
            }

            if (!ReadTimings(head[i..], ref perEpoch, ref plain))
            {
                return false;
            }
        }
        else if (!ReadTimings(head, ref perEpoch, ref plain) || plain is null)
        {
            return false; // Keras 1's head is the epoch time alone
        }

        var fields = 0;
        var rest = headEnd < 0 ? default : body[(headEnd + 3)..];
        foreach (var segment in new DashSegments(rest))
        {
            if (TryField(segment, out _, out _))
            {
                fields++;
            }
            else if (!ReadTimings(segment, ref perEpoch, ref plain))
            {
                return false;
            }
        }

        shape.Seconds = perEpoch ?? plain;
        return fields > 0 || shape.HasBar;
    }

    /// <summary>`loss: 0.29`: a metric name and its value (null when it is not a number, as in `ETA: 1:23`).</summary>
    public static bool TryField(ReadOnlySpan<byte> segment, out ReadOnlySpan<byte> name, out double? value)
    {
        value = null;
        var colon = segment.IndexOf((byte)':');
        name = colon > 0 ? SpanFields.TrimSpaces(segment[..colon]) : default;
        if (name.IsEmpty || !IsName(name))
        {
            return false;
        }

        var start = SpanFields.SkipSpaces(segment, colon + 1);
        if (SpanFields.TryReadNumber(segment, start, out var number, out _))
        {
            value = number;
        }

        return true;
    }

    private static bool IsName(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(FrameworkRecords.IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'z' - 'a' || b is (byte)'_' or (byte)'.' or (byte)'/'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads `5s`, `2ms/step`, `358ms/epoch`, `100us/step` tokens; false when a token is anything else.</summary>
    private static bool ReadTimings(ReadOnlySpan<byte> text, ref double? perEpoch, ref double? plain)
    {
        foreach (var range in text.Split((byte)' '))
        {
            var token = text[range];
            if (token.IsEmpty)
            {
                continue;
            }

            var length = Utf8Number.ScanLength(token);
            if (length == 0 || !Utf8Number.TryParse(token[..length], out var number))
            {
                return false;
            }

            var unit = token[length..];
            var slash = unit.IndexOf((byte)'/');
            var per = slash < 0 ? default : unit[(slash + 1)..];
            unit = slash < 0 ? unit : unit[..slash];
            double scale = unit.SequenceEqual("s"u8) ? 1 : unit.SequenceEqual("ms"u8) ? 1e-3 : unit.SequenceEqual("us"u8) ? 1e-6 : 0;
            if (scale == 0 || (slash >= 0 && !per.SequenceEqual("epoch"u8) && !per.SequenceEqual("step"u8)))
            {
                return false;
            }

            if (per.SequenceEqual("epoch"u8))
            {
                perEpoch = number * scale;
            }
            else if (slash < 0)
            {
                plain ??= number * scale;
            }
        }

        return true;
    }

    /// <summary>The `name: value` fields of a line, skipping the head and timing segments.</summary>
    public ref struct FieldEnumerator
    {
        private DashSegments _segments;

        public FieldEnumerator(ReadOnlySpan<byte> body)
        {
            var headEnd = body.IndexOf(" - "u8);
            _segments = new DashSegments(headEnd < 0 ? default : body[(headEnd + 3)..]);
            Name = default;
            Value = 0;
        }

        public ReadOnlySpan<byte> Name { get; private set; }

        public double Value { get; private set; }

        public bool MoveNext()
        {
            while (_segments.MoveNext())
            {
                if (TryField(_segments.Current, out var name, out var value) && value is double v && !name.SequenceEqual("ETA"u8))
                {
                    Name = name;
                    Value = v;
                    return true;
                }
            }

            return false;
        }
    }

}
