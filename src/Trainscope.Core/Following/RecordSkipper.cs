using Trainscope.Records;

namespace Trainscope.Following;

/// <summary>
/// Passes records on after dropping the first <see cref="Skip"/> of them: a whole-file format re-reads its file when it
/// changes, and only the records past those already delivered are new.
/// </summary>
internal sealed class RecordSkipper : IRecordSink
{
    private readonly IRecordSink _inner;

    public RecordSkipper(IRecordSink inner, long skip)
    {
        _inner = inner;
        Skip = skip;
    }

    public long Skip { get; }

    public long Seen { get; private set; }

    public void OnMetric(in MetricSample sample)
    {
        if (++Seen > Skip)
        {
            _inner.OnMetric(sample);
        }
    }

    public void OnEvent(LogEvent logEvent)
    {
        if (++Seen > Skip)
        {
            _inner.OnEvent(logEvent);
        }
    }
}
