using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>Forwards records to the run's sink and counts them for the source being read.</summary>
internal sealed class CountingSink : IMergingSink
{
    private readonly IRecordSink _inner;

    public CountingSink(IRecordSink inner)
    {
        _inner = inner;
    }

    public long Records { get; private set; }

    public DateTime? FirstTimestamp { get; private set; }

    public DateTime? LastTimestamp { get; private set; }

    public void OnMetric(in MetricSample sample)
    {
        Records++;
        See(sample.Timestamp);
        _inner.OnMetric(sample);
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        Records += values.Length;
        See(line.Timestamp);
        _inner.OnMetrics(line, values);
    }

    public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
    {
        Records += layout.Count;
        See(line.Timestamp);
        _inner.OnRow(line, layout, row);
    }

    public void OnEvent(LogEvent logEvent)
    {
        Records++;
        See(logEvent.Timestamp);
        _inner.OnEvent(logEvent);
    }

    public void OnLine(in LineActivity activity)
    {
        See(activity.Timestamp);
        _inner.OnLine(activity);
    }

    public IRecordSink? StartPart()
        => _inner is IMergingSink merging && merging.StartPart() is { } part ? new CountingSink(part) : null;

    public void MergePart(IRecordSink part, long lines)
    {
        var counted = (CountingSink)part;
        Records += counted.Records;
        FirstTimestamp ??= counted.FirstTimestamp;
        See(counted.LastTimestamp);
        ((IMergingSink)_inner).MergePart(counted._inner, lines);
    }

    private void See(DateTime? time)
    {
        if (time is not { } t)
        {
            return;
        }

        FirstTimestamp ??= t;
        if (LastTimestamp is null || t > LastTimestamp)
        {
            LastTimestamp = t;
        }
    }
}
