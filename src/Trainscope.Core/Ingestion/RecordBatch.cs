using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>Records of three kinds kept in arrival order: a kind per entry, and each kind's values in its own array.</summary>
internal sealed class RecordBatch
{
    private const byte MetricEntry = 0;
    private const byte EventEntry = 1;
    private const byte LineEntry = 2;
    private readonly byte[] _kinds;
    private readonly MetricSample[] _metrics;
    private readonly LineActivity[] _lines;
    private readonly List<LogEvent> _events = [];
    private int _metricCount;
    private int _lineCount;

    public RecordBatch(int capacity)
    {
        _kinds = new byte[capacity];
        _metrics = new MetricSample[capacity];
        _lines = new LineActivity[capacity];
    }

    public int Count { get; private set; }

    public void Add(in MetricSample sample)
    {
        _kinds[Count++] = MetricEntry;
        _metrics[_metricCount++] = sample;
    }

    public void Add(in LineActivity activity)
    {
        _kinds[Count++] = LineEntry;
        _lines[_lineCount++] = activity;
    }

    public void Add(LogEvent logEvent)
    {
        _kinds[Count++] = EventEntry;
        _events.Add(logEvent);
    }

    public void ReplayInto(IRecordSink sink)
    {
        int metric = 0, line = 0, ev = 0;
        for (var i = 0; i < Count; i++)
        {
            switch (_kinds[i])
            {
                case MetricEntry:
                    sink.OnMetric(_metrics[metric++]);
                    break;
                case LineEntry:
                    sink.OnLine(_lines[line++]);
                    break;
                default:
                    sink.OnEvent(_events[ev++]);
                    break;
            }
        }
    }

    public void Clear()
    {
        // Metric samples hold references (source, name); clearing lets a recycled batch not pin them.
        Array.Clear(_metrics, 0, _metricCount);
        Array.Clear(_lines, 0, _lineCount);
        _events.Clear();
        Count = 0;
        _metricCount = 0;
        _lineCount = 0;
    }
}
