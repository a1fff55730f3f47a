using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>Where a Hugging Face text line comes from, and how records are built from it.</summary>
internal readonly ref struct HfLineContext
{
    private readonly LogLine _line;
    private readonly LinePrefix _prefix;
    private readonly NameTable _names;

    public HfLineContext(in LogLine line, LinePrefix prefix, NameTable names)
    {
        _line = line;
        _prefix = prefix;
        _names = names;
    }

    public MetricSample Sample(Phase phase, SampleKind kind, Position position)
    {
        var sample = LineRecords.Sample(_line, _prefix, phase);
        (sample.Position, sample.Kind) = (position, kind);
        return sample;
    }

    public LogEvent Event(EventKind kind, string name, double? value, Phase? phase = null, IReadOnlyDictionary<string, string>? attributes = null)
        => LineRecords.Event(_line, _prefix, kind, name, value, default, phase, attributes);

    /// <summary>
    /// Emits `Name: value` as a metric when the value is a number (`Eval Loss: 2.1` → `loss` in eval; a bare phase word
    /// such as `Eval: 2.3` is that phase's loss). Returns false when there is no label or no number.
    /// </summary>
    public bool EmitLabelled(ReadOnlySpan<byte> part, Phase fallback, SampleKind kind, Position position, IRecordSink sink)
    {
        var colon = part.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var start = SpanFields.SkipSpaces(part, colon + 1);
        if (!SpanFields.TryReadNumber(part, start, out var value, out _))
        {
            return false;
        }

        var sample = Sample(fallback, kind, position);
        sample.Name = MetricName(SpanFields.TrimSpaces(part[..colon]), fallback, out sample.Phase);
        sample.Value = value;
        sink.OnMetric(sample);
        return true;
    }

    public string MetricName(ReadOnlySpan<byte> label, Phase fallback, out Phase phase)
    {
        if (label.Length <= 10)
        {
            Span<char> word = stackalloc char[label.Length];
            for (var i = 0; i < label.Length; i++)
            {
                word[i] = (char)label[i];
            }

            if (PhaseNames.TryFromWord(word, out phase))
            {
                return "loss";
            }
        }

        var name = MetricNaming.SplitPhase(label, fallback, out phase);
        return System.Text.Ascii.EqualsIgnoreCase(name, "loss"u8) ? "loss" : _names.Get(name);
    }
}
