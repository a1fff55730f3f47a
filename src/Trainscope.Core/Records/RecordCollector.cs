namespace Trainscope.Records;

/// <summary>A sink that keeps every record in memory, for tests and small inputs.</summary>
public sealed class RecordCollector : IRecordSink
{
    public List<MetricSample> Metrics { get; } = [];

    public List<LogEvent> Events { get; } = [];

    public void OnMetric(in MetricSample sample) => Metrics.Add(sample);

    public void OnEvent(LogEvent logEvent) => Events.Add(logEvent);

    /// <summary>Values of one metric in arrival order.</summary>
    public IEnumerable<double> Values(string name, Phase? phase = null)
        => Metrics.Where(m => m.Name == name && (phase is null || m.Phase == phase)).Select(m => m.Value);
}
