using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.MetricLogger;

/// <summary>
/// The `name: value (avg)` fields of one family of MetricLogger lines, remembered from the last line: names are interned
/// once, and a repeated line only compares its labels with the cached bytes and reads the values.
/// </summary>
internal sealed class FieldLayout
{
    private const int MaxFields = 512;
    private const int MaxLabelLength = 120;
    private readonly bool _reuse;
    private readonly LineShape _shape = new();
    private byte[] _labels = new byte[512];
    private int _labelsLength;
    private Field[] _fields = new Field[32];
    private MetricValue[] _values = new MetricValue[32];
    private Phase _phase;

    // The template that read the last line, which then holds its values (the fields' values are not set).
    private LineTemplate? _readBy;

    /// <param name="reuse">False reads every line as if it were the first (the reference the cached reads are tested against).</param>
    public FieldLayout(bool reuse = true) => _reuse = reuse;

    /// <summary>Fields of the last line read.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the line had an `eta:` field, and its seconds.</summary>
    public double? EtaSeconds { get; private set; }

    /// <summary>
    /// Reads the fields of <paramref name="text"/> (separated by two or more spaces). A line laid out as the last one
    /// is read in one pass over its bytes; otherwise labels that repeat the cached ones keep their interned names, and
    /// from the first difference on, names are looked up again. Returns the number of numeric fields.
    /// </summary>
    public int Read(ReadOnlySpan<byte> text, Phase phase, NameTable names)
    {
        if (phase != _phase || !_reuse)
        {
            // Names split into phases against the block's phase, so a layout serves one phase.
            _phase = phase;
            Count = 0;
            _labelsLength = 0;
            _shape.Forget();
        }

        if (_shape.TryRead(text, _fields.AsSpan(0, Count), out var eta, out var shaped, out _readBy))
        {
            EtaSeconds = eta;
            return shaped;
        }

        var numeric = ReadFields(text, names);
        if (_reuse)
        {
            _shape.Learn(text, _fields.AsSpan(0, Count));
        }

        return numeric;
    }

    private int ReadFields(ReadOnlySpan<byte> text, NameTable names)
    {
        EtaSeconds = null;
        var cached = Count;
        var k = 0;
        var numeric = 0;
        var pos = 0;
        while (k < MaxFields)
        {
            pos = SpanFields.SkipSpaces(text, pos);
            if (pos >= text.Length)
            {
                break;
            }

            var rest = text[pos..];
            if (k < cached && MatchesLabel(rest, _fields[k]) && !_fields[k].IsEta
                && TryReadCachedValues(rest[(_fields[k].LabelLength + 1)..], ref _fields[k], out var consumed))
            {
                // Same label as last time, and the value (with its average) ends where the next field begins, found
                // with single-byte searches.
                _fields[k].NumberStart = pos + _fields[k].LabelLength + 2;
                pos += _fields[k].LabelLength + 1 + consumed;
                _fields[k].End = pos;
                if (_fields[k].HasValue)
                {
                    numeric++;
                }

                k++;
                continue;
            }

            var sep = rest.IndexOf("  "u8);
            var field = sep < 0 ? rest : rest[..sep];
            var fieldStart = pos;
            pos += field.Length;
            int valueStart;
            if (k < cached && MatchesLabel(field, _fields[k]))
            {
                valueStart = _fields[k].LabelLength + 1;
            }
            else
            {
                var colon = field.IndexOf((byte)':');
                if (colon <= 0 || colon > MaxLabelLength)
                {
                    continue; // not a `name: value` field (stray text); the next field is read on its own
                }

                if (k < cached)
                {
                    cached = k; // the layout changed here: later cached labels are stale
                }

                Store(k, field[..colon], names);
                valueStart = colon + 1;
            }

            ref var slot = ref _fields[k];
            k++;
            slot.NumberStart = fieldStart + valueStart + SpanFields.SkipSpaces(field[valueStart..], 0);
            slot.End = pos;
            if (ReadValues(field[valueStart..], slot.IsEta, ref slot))
            {
                if (slot.IsEta)
                {
                    EtaSeconds = slot.Value;
                }
                else
                {
                    numeric++;
                }
            }
        }

        Count = k;
        return numeric;
    }

    /// <summary>Sends the numeric fields of the last line read as one line of values sharing <paramref name="sample"/>'s fields.</summary>
    public void Emit(in MetricSample sample, IRecordSink sink)
    {
        if (_readBy is { Layout: { } layout } template)
        {
            sink.OnRow(sample, layout, template.Row);
            return;
        }

        if (_values.Length < Count)
        {
            _values = new MetricValue[_fields.Length];
        }

        var n = 0;
        for (var k = 0; k < Count; k++)
        {
            ref readonly var field = ref _fields[k];
            if (!field.HasValue || field.IsEta)
            {
                continue;
            }

            // A line usually names what the last one named: writing the same string again would cost a GC write
            // barrier per value, so only the numbers are written then.
            ref var value = ref _values[n++];
            if (!ReferenceEquals(value.Name, field.Name))
            {
                value.Name = field.Name;
            }

            value.Phase = field.Phase;
            value.Value = field.Value;
            value.Average = field.HasAverage ? field.Average : null;
        }

        if (n > 0)
        {
            sink.OnMetrics(sample, _values.AsSpan(0, n));
        }
    }

    /// <summary>Reads `value` or `value (avg)`; for `eta` a duration in seconds.</summary>
    internal static bool ReadValues(ReadOnlySpan<byte> text, bool duration, ref Field field)
    {
        field.HasValue = false;
        field.HasAverage = false;
        text = SpanFields.TrimSpaces(text);
        if (duration)
        {
            field.HasValue = Timedelta.TryParse(text, out field.Value);
            return field.HasValue;
        }

        if (text.Length > 2 && text[^1] == (byte)')')
        {
            var open = text.LastIndexOf(" ("u8);
            if (open > 0 && PlainDecimal.TryParse(text[(open + 2)..^1], out field.Average))
            {
                field.HasAverage = true;
                text = SpanFields.TrimSpaces(text[..open]);
            }
        }

        field.HasValue = PlainDecimal.TryParse(text, out field.Value);
        return field.HasValue;
    }

    /// <summary>
    /// Reads ` value` or ` value (avg)` of plain decimals, followed by the end or two spaces, scanning and parsing in
    /// one pass; false sends the field to the general reader, which gives the same result for any text this accepts.
    /// </summary>
    private static bool TryReadCachedValues(ReadOnlySpan<byte> text, ref Field field, out int consumed)
    {
        consumed = 0;
        if (text.Length < 2 || text[0] != (byte)' ' || !PlainDecimal.TryParseLeading(text[1..], out var value, out var length))
        {
            return false;
        }

        var end = 1 + length;
        var hasAverage = false;
        double average = 0;
        if (end + 1 < text.Length && text[end] == (byte)' ' && text[end + 1] == (byte)'(')
        {
            var close = end + 2;
            if (!PlainDecimal.TryParseLeading(text[close..], out average, out length) || close + length >= text.Length
                || text[close + length] != (byte)')')
            {
                return false;
            }

            hasAverage = true;
            end = close + length + 1;
        }

        if (end < text.Length && (end + 1 >= text.Length || text[end] != (byte)' ' || text[end + 1] != (byte)' '))
        {
            return false;
        }

        (field.Value, field.HasValue, field.Average, field.HasAverage) = (value, true, average, hasAverage);
        consumed = end;
        return true;
    }

    private bool MatchesLabel(ReadOnlySpan<byte> field, in Field cached)
        => field.Length > cached.LabelLength && field[cached.LabelLength] == (byte)':'
            && field[..cached.LabelLength].SequenceEqual(_labels.AsSpan(cached.LabelStart, cached.LabelLength));

    private void Store(int k, ReadOnlySpan<byte> label, NameTable names)
    {
        if (k == 0)
        {
            _labelsLength = 0;
        }
        else
        {
            _labelsLength = _fields[k - 1].LabelStart + _fields[k - 1].LabelLength;
        }

        if (k >= _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        if (_labelsLength + label.Length > _labels.Length)
        {
            Array.Resize(ref _labels, Math.Max(_labels.Length * 2, _labelsLength + label.Length));
        }

        label.CopyTo(_labels.AsSpan(_labelsLength));
        var trimmed = SpanFields.TrimSpaces(label);
        ref var field = ref _fields[k];
        field.LabelStart = _labelsLength;
        field.LabelLength = label.Length;
        field.IsEta = trimmed.SequenceEqual("eta"u8);
        field.Name = names.Get(MetricNaming.SplitPhase(trimmed, _phase, out var phase));
        field.Phase = phase;
        _labelsLength += label.Length;
    }

    /// <summary>One field: where its label sits in the cache, its interned name, and the values of the last line.</summary>
    internal struct Field
    {
        /// <summary>Where, in the last line read the general way, the value began and the field ended.</summary>
        public int NumberStart;
        public int End;
        public int LabelStart;
        public int LabelLength;
        public string Name;
        public Phase Phase;
        public bool IsEta;
        public bool HasValue;
        public bool HasAverage;
        public double Value;
        public double Average;
    }
}
