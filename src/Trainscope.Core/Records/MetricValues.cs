namespace Trainscope.Records;

public static class MetricValues
{
    /// <summary>
    /// Hands a line's values to <paramref name="sink"/> one <see cref="IRecordSink.OnMetric"/> at a time, each a sample
    /// of the line's shared fields with the value's name, phase and numbers: what
    /// <see cref="IRecordSink.OnMetrics"/> means, for sinks that take some lines value by value.
    /// </summary>
    public static void OneByOne(IRecordSink sink, in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        var sample = line;
        foreach (ref readonly var value in values)
        {
            (sample.Name, sample.Phase, sample.Value, sample.Average) = (value.Name, value.Phase, value.Value, value.Average);
            sink.OnMetric(sample);
        }
    }
}
