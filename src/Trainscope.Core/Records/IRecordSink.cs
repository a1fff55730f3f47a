namespace Trainscope.Records;

/// <summary>Consumes records as formats produce them. Aggregators, stores and live feeds implement this.</summary>
public interface IRecordSink
{
    void OnMetric(in MetricSample sample);

    void OnEvent(LogEvent logEvent);

    /// <summary>Called for every readable line before formats see it; sinks that track liveness override it.</summary>
    void OnLine(in LineActivity activity)
    {
    }
}
