using System.Text;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.HuggingFace;

/// <summary>The indented lines under a `*****` header: `Num examples = 2000`, `eval_loss = 1.98`, `Final train loss: 1.38`.</summary>
internal static class HfBlockLine
{
    public static bool TryRunInfo(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        var eq = body.IndexOf(" = "u8);
        if (eq <= 0)
        {
            return false;
        }

        EmitRunInfo(SpanFields.TrimSpaces(body[..eq]), SpanFields.TrimSpaces(body[(eq + 3)..]), context, sink);
        return true;
    }

    public static bool TryResult(ReadOnlySpan<byte> body, Phase phase, in HfLineContext context, IRecordSink sink)
    {
        var eq = body.IndexOf(" = "u8);
        if (eq <= 0)
        {
            return false;
        }

        var key = SpanFields.TrimSpaces(body[..eq]);
        var valueText = SpanFields.TrimSpaces(body[(eq + 3)..]);
        if (key.SequenceEqual("epoch"u8) || !TryValue(valueText, out var value))
        {
            return true; // the epoch is where, not what; text values are not metrics
        }

        var sample = context.Sample(phase, SampleKind.Final, default);
        sample.Name = context.MetricName(key, phase, out sample.Phase);
        sample.Value = value;
        sink.OnMetric(sample);
        return true;
    }

    public static bool TrySummary(ReadOnlySpan<byte> body, in HfLineContext context, IRecordSink sink)
    {
        var colon = body.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var key = SpanFields.TrimSpaces(body[..colon]);
        var valueText = SpanFields.TrimSpaces(body[(colon + 1)..]);
        if (key.StartsWith("Final "u8))
        {
            context.EmitLabelled(body["Final "u8.Length..], Phase.Eval, SampleKind.Final, default, sink);
            return true;
        }

        EmitRunInfo(key, valueText, context, sink);
        return true;
    }

    /// <summary>A run fact: numeric values (`2,000`, `1:40:23` as seconds) in Value, any other text as the `value` attribute.</summary>
    public static void EmitRunInfo(ReadOnlySpan<byte> key, ReadOnlySpan<byte> valueText, in HfLineContext context, IRecordSink sink)
    {
        var name = HfBlock.Kebab(key, '_');
        if (name.Length == 0)
        {
            return;
        }

        if (TryValue(valueText, out var value))
        {
            sink.OnEvent(context.Event(EventKind.RunInfo, name, value));
            return;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = Encoding.UTF8.GetString(valueText) };
        var dash = valueText.LastIndexOf((byte)'-');
        double? number = dash >= 0 && Utf8Number.TryParse(valueText[(dash + 1)..], out var tail) ? tail : null;
        sink.OnEvent(context.Event(EventKind.RunInfo, name, number, null, attributes));
    }

    private static bool TryValue(ReadOnlySpan<byte> text, out double value)
        => Utf8Number.TryParse(text.TrimEnd((byte)'%'), out value) || SpanFields.TryParseDuration(text, out value);
}
