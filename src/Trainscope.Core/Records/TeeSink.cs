namespace Trainscope.Records;

/// <summary>Sends every record to two sinks. A failing second sink never stops the first.</summary>
public sealed class TeeSink : IRecordSink
{
    private readonly IRecordSink _first;
    private readonly IRecordSink _second;

    public TeeSink(IRecordSink first, IRecordSink second)
    {
        _first = first;
        _second = second;
    }

    /// <summary>The last error the second sink raised, if any (it is then no longer called).</summary>
    public Exception? SecondFailure { get; private set; }

    public void OnMetric(in MetricSample sample)
    {
        _first.OnMetric(sample);
        if (SecondFailure is null)
        {
            Guard(sample, static (s, x) => s.OnMetric(x));
        }
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        _first.OnMetrics(line, values);
        if (SecondFailure is null)
        {
            try
            {
                _second.OnMetrics(line, values);
            }
            catch (Exception e)
            {
                SecondFailure = e;
            }
        }
    }

    public void OnEvent(LogEvent logEvent)
    {
        _first.OnEvent(logEvent);
        if (SecondFailure is null)
        {
            Guard(logEvent, static (s, e) => s.OnEvent(e));
        }
    }

    public void OnLine(in LineActivity activity)
    {
        _first.OnLine(activity);
        if (SecondFailure is null)
        {
            Guard(activity, static (s, a) => s.OnLine(a));
        }
    }

    private void Guard<T>(T value, Action<IRecordSink, T> call)
    {
        try
        {
            call(_second, value);
        }
        catch (Exception e)
        {
            // Isolated like a logging sink: ingestion goes on without it.
            SecondFailure = e;
        }
    }
}
