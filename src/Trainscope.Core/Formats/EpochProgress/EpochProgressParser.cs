using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.EpochProgress;

/// <summary>Parses per-batch epoch progress lines and remembers the open epoch summary block.</summary>
internal sealed class EpochProgressParser : ILineParser
{
    private readonly NameTable _names = new();
    private int? _summaryEpoch;
    private int? _summaryEpochs;

    public bool TryParse(in LogLine line, IRecordSink sink)
    {
        var text = line.Text;
        var prefix = line.Prefix;
        var body = SpanFields.TrimSpaces(text[prefix.BodyStart..]);
        if (body.StartsWith("Epoch ["u8))
        {
            return ParseEpochLine(line, prefix, body, sink);
        }

        if (_summaryEpoch is null)
        {
            return false;
        }

        if (IsSeparator(body))
        {
            _summaryEpoch = null;
            return true;
        }

        if (EpochSummaryLine.TryParse(line, prefix, body, _summaryEpoch.Value, _summaryEpochs, sink))
        {
            return true;
        }

        _summaryEpoch = null;
        return false;
    }

    private bool ParseEpochLine(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, IRecordSink sink)
    {
        var i = "Epoch ["u8.Length;
        if (!SpanFields.TryReadFraction(body, ref i, out var epoch, out var epochs) || i >= body.Length || body[i] != (byte)']'
            || epoch > int.MaxValue || epochs > int.MaxValue)
        {
            return false;
        }

        var rest = SpanFields.TrimSpaces(body[(i + 1)..]);
        if (IsCompletionWord(rest))
        {
            _summaryEpoch = (int)epoch;
            _summaryEpochs = (int)epochs;
            return true;
        }

        if (!rest.StartsWith("-"u8))
        {
            return false;
        }

        _summaryEpoch = null;
        var sample = LineRecords.Sample(line, prefix, Phase.Train);
        sample.Position.Epoch = (int)epoch;
        sample.Position.Epochs = (int)epochs;

        // Two passes over the ` - ` segments: the position comes first so every value carries it.
        var fields = rest[1..];
        ReadPosition(fields, ref sample.Position);
        sample.Position.DeriveStep();
        EmitValues(fields, ref sample, sink);
        return true;
    }

    private static void ReadPosition(ReadOnlySpan<byte> rest, ref Position position)
    {
        foreach (var segment in Segments(rest))
        {
            var part = SpanFields.TrimSpaces(segment);
            if (!part.StartsWith("进度"u8) && !SpanFields.StartsWithIgnoreCase(part, "Progress"u8))
            {
                continue;
            }

            var open = part.IndexOf((byte)'(');
            var j = open + 1;
            if (open >= 0 && SpanFields.TryReadFraction(part, ref j, out var iteration, out var perEpoch))
            {
                position.Iteration = iteration;
                position.IterationsPerEpoch = perEpoch;
            }
        }
    }

    private void EmitValues(ReadOnlySpan<byte> rest, ref MetricSample sample, IRecordSink sink)
    {
        foreach (var segment in Segments(rest))
        {
            var part = SpanFields.TrimSpaces(segment);
            var colon = LabelEnd(part, out var valueStart);
            if (colon <= 0 || part.StartsWith("进度"u8))
            {
                continue;
            }

            var start = SpanFields.SkipSpaces(part, valueStart);
            if (!SpanFields.TryReadNumber(part, start, out var value, out _))
            {
                continue;
            }

            sample.Name = MetricName(SpanFields.TrimSpaces(part[..colon]), out sample.Phase);
            sample.Value = value;
            sink.OnMetric(sample);
        }
    }

    private string MetricName(ReadOnlySpan<byte> label, out Phase phase)
    {
        phase = Phase.Train;
        if (Eq(label, "Batch Loss"u8) || Eq(label, "Loss"u8) || Eq(label, "Train Loss"u8))
        {
            return "loss";
        }

        if (Eq(label, "LR"u8) || Eq(label, "Learning Rate"u8))
        {
            return "lr";
        }

        return _names.Get(MetricNaming.SplitPhase(label, Phase.Train, out phase));
    }

    /// <summary>Index of the `:` or full-width `：` ending a label; <paramref name="valueStart"/> is just past it.</summary>
    internal static int LabelEnd(ReadOnlySpan<byte> part, out int valueStart)
    {
        var ascii = part.IndexOf((byte)':');
        var wide = part.IndexOf("："u8);
        if (wide >= 0 && (ascii < 0 || wide < ascii))
        {
            valueStart = wide + 3;
            return wide;
        }

        valueStart = ascii + 1;
        return ascii;
    }

    private static bool IsCompletionWord(ReadOnlySpan<byte> rest)
        => rest.StartsWith("完成"u8) || rest.StartsWith("结束"u8) || SpanFields.StartsWithIgnoreCase(rest, "Complete"u8)
            || SpanFields.StartsWithIgnoreCase(rest, "Finished"u8) || SpanFields.StartsWithIgnoreCase(rest, "Done"u8)
            || SpanFields.StartsWithIgnoreCase(rest, "Summary"u8);

    private static bool IsSeparator(ReadOnlySpan<byte> body)
        => body.Length >= 3 && (body.IndexOfAnyExcept((byte)'=') < 0 || body.IndexOfAnyExcept((byte)'-') < 0);

    private static bool Eq(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => System.Text.Ascii.EqualsIgnoreCase(a, b);

    private static DashSegments Segments(ReadOnlySpan<byte> rest) => new(rest);
}
