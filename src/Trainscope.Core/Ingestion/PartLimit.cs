using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Passes a part's records on while it holds no more values than allowed; past that it throws
/// <see cref="PartTooLargeException"/>, and the part is read in order instead, so memory stays bounded.
/// </summary>
internal sealed class PartLimit : IRecordSink
{
    private readonly IRecordSink _inner;
    private readonly long _maxValues;
    private long _values;

    public PartLimit(IRecordSink inner, long maxValues)
    {
        _inner = inner;
        _maxValues = maxValues;
    }

    public void OnMetric(in MetricSample sample)
    {
        Count(1);
        _inner.OnMetric(sample);
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        Count(values.Length);
        _inner.OnMetrics(line, values);
    }

    public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
    {
        Count(layout.Count);
        _inner.OnRow(line, layout, row);
    }

    public void OnEvent(LogEvent logEvent) => _inner.OnEvent(logEvent);

    public void OnLine(in LineActivity activity) => _inner.OnLine(activity);

    private void Count(int values)
    {
        _values += values;
        if (_values > _maxValues)
        {
            throw new PartTooLargeException();
        }
    }
}
