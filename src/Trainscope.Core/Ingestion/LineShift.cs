using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Passes records on with their line numbers moved by a fixed amount: a part of a file read on its own numbers its
/// lines from 1, and only once the parts before it are read is it known where its first line sits.
/// </summary>
internal sealed class LineShift : IRecordSink
{
    private readonly IRecordSink _inner;
    private readonly long _lines;

    public LineShift(IRecordSink inner, long lines)
    {
        _inner = inner;
        _lines = lines;
    }

    public void OnMetric(in MetricSample sample)
    {
        var shifted = sample;
        shifted.Line += _lines;
        _inner.OnMetric(shifted);
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        var shifted = line;
        shifted.Line += _lines;
        _inner.OnMetrics(shifted, values);
    }

    public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
    {
        var shifted = line;
        shifted.Line += _lines;
        _inner.OnRow(shifted, layout, row);
    }

    public void OnEvent(LogEvent logEvent) => _inner.OnEvent(logEvent.WithLine(logEvent.Line + _lines));

    public void OnLine(in LineActivity activity) => _inner.OnLine(activity with { Line = activity.Line + _lines });
}
