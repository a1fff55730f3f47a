using Trainscope.Records;

namespace Trainscope.Formats.PythonDict;

/// <summary>Takes records whose only purpose was to move the general reader's state along; they were reported already.</summary>
internal sealed class DiscardingSink : IRecordSink
{
    public static readonly DiscardingSink Instance = new();

    public void OnMetric(in MetricSample sample)
    {
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
    }

    public void OnEvent(LogEvent logEvent)
    {
    }
}
