using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Formats.EpochProgress;

/// <summary>One `label: value` line of the epoch summary block (`平均损失: 0.0712`, `预计剩余时间: 0.75小时`).</summary>
internal static class EpochSummaryLine
{
    public static bool TryParse(in LogLine line, in LinePrefix prefix, ReadOnlySpan<byte> body, int epoch, int? epochs, IRecordSink sink)
    {
        var colon = EpochProgressParser.LabelEnd(body, out var valueStart);
        if (colon <= 0)
        {
            return false;
        }

        var field = EpochSummaryLabels.Find(SpanFields.TrimSpaces(body[..colon]));
        if (field == SummaryField.None)
        {
            return false;
        }

        var start = SpanFields.SkipSpaces(body, valueStart);
        if (!ReadValue(body, start, field is SummaryField.EpochSeconds or SummaryField.Eta, out var value))
        {
            return true; // a known label with an unreadable value still belongs to the block
        }

        var position = new Position { Epoch = epoch, Epochs = epochs };
        if (EpochSummaryLabels.Metric(field) is not { } metric)
        {
            sink.OnEvent(LineRecords.Event(line, prefix, EventKind.Eta, "eta", value, position));
            return true;
        }

        var sample = LineRecords.Sample(line, prefix, metric.Phase);
        (sample.Position, sample.Name, sample.Value, sample.Kind) = (position, metric.Name, value, metric.Kind);
        sink.OnMetric(sample);
        return true;
    }

    /// <summary>Reads a number; for durations also a unit (秒/s, 分钟/min, 小时/h) or `h:mm:ss`, giving seconds.</summary>
    private static bool ReadValue(ReadOnlySpan<byte> body, int start, bool duration, out double value)
    {
        if (duration && SpanFields.TryParseDuration(SpanFields.Token(body, start), out value))
        {
            return true;
        }

        if (!SpanFields.TryReadNumber(body, start, out value, out var end))
        {
            return false;
        }

        if (duration)
        {
            value *= UnitSeconds(body[SpanFields.SkipSpaces(body, end)..]);
        }

        return true;
    }

    private static double UnitSeconds(ReadOnlySpan<byte> unit)
    {
        if (unit.StartsWith("小时"u8) || SpanFields.StartsWithIgnoreCase(unit, "h"u8))
        {
            return 3600;
        }

        if (unit.StartsWith("分钟"u8) || unit.StartsWith("分"u8) || SpanFields.StartsWithIgnoreCase(unit, "min"u8)
            || (SpanFields.StartsWithIgnoreCase(unit, "m"u8) && !SpanFields.StartsWithIgnoreCase(unit, "ms"u8)))
        {
            return 60;
        }

        if (SpanFields.StartsWithIgnoreCase(unit, "ms"u8) || unit.StartsWith("毫秒"u8))
        {
            return 0.001;
        }

        return 1; // 秒, s, sec or no unit
    }
}
