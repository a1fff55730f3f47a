namespace Trainscope.Records;

/// <summary>Consumes records as formats produce them. Aggregators, stores and live feeds implement this.</summary>
public interface IRecordSink
{
    void OnMetric(in MetricSample sample);

    /// <summary>
    /// The values of one line at once: <paramref name="line"/> carries what they share, each value its name, phase and
    /// numbers. The same as one <see cref="OnMetric"/> per value; sinks on the hot path override it to do the line's
    /// bookkeeping once.
    /// </summary>
    void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values) => MetricValues.OneByOne(this, line, values);

    /// <summary>
    /// The values of one line read into a row of <paramref name="layout"/>'s cells: the same as
    /// <see cref="OnMetrics"/> with the values the layout names. Sinks that keep rows override it to skip matching names
    /// for a layout they have seen.
    /// </summary>
    void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row) => OnMetrics(line, layout.ToValues(row));

    void OnEvent(LogEvent logEvent);

    /// <summary>Called for every readable line before formats see it; sinks that track liveness override it.</summary>
    void OnLine(in LineActivity activity)
    {
    }
}
