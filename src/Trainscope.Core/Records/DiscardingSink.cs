namespace Trainscope.Records;

/// <summary>Takes records whose only purpose was to move a reader's state along (they were or will be reported elsewhere).</summary>
internal sealed class DiscardingSink : IRecordSink
{
    public static readonly DiscardingSink Instance = new();

    public void OnMetric(in MetricSample sample)
    {
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
    }

    public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
    {
    }

    public void OnEvent(LogEvent logEvent)
    {
    }
}
