using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.MetricLogger;

/// <summary>An open multi-line `Averaged stats:` block: the header line's sample (rank, time, epoch, phase) for its entries.</summary>
internal struct AveragedBlock
{
    public bool Open;
    public MetricSample Header;
}

/// <summary>One indented `  closs: 8.5050 (8.5050)` line under a bare `Averaged stats:` header.</summary>
internal static class AveragedEntry
{
    public static bool TryParse(in LogLine line, in AveragedBlock block, NameTable names, IRecordSink sink)
    {
        var body = SpanFields.TrimSpaces(line.Text);
        var colon = body.IndexOf((byte)':');
        if (colon <= 0 || colon > 120 || body[..colon].IndexOf("  "u8) >= 0)
        {
            return false;
        }

        var field = default(FieldLayout.Field);
        var label = SpanFields.TrimSpaces(body[..colon]);
        if (label.SequenceEqual("eta"u8) || !FieldLayout.ReadValues(body[(colon + 1)..], false, ref field))
        {
            return false;
        }

        var sample = block.Header;
        sample.Line = line.Number;
        sample.Offset = line.Offset;
        sample.Name = names.Get(MetricNaming.SplitPhase(label, block.Header.Phase, out sample.Phase));
        sample.Value = field.Value;
        sample.Average = field.HasAverage ? field.Average : null;
        sink.OnMetric(sample);
        return true;
    }
}
