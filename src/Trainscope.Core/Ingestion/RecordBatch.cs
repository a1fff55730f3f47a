using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Records of three kinds kept in arrival order. Values of one log line share everything but name and value (source,
/// line, time, position, rank), so a batch stores that once per line and 24 bytes per value: the batch crosses from
/// the parsing core to the aggregating one, and a fifth of the bytes is what makes the hand-over cheap.
/// </summary>
internal sealed class RecordBatch
{
    private const byte MetricOnNewLine = 0;
    private const byte MetricOnSameLine = 1;
    private const byte EventEntry = 2;
    private const byte LineEntry = 3;
    private readonly byte[] _kinds;
    private readonly MetricSample[] _lineHeads;
    private readonly Value[] _values;
    private readonly LineActivity[] _lines;
    private readonly List<LogEvent> _events = [];
    private int _headCount;
    private int _valueCount;
    private int _lineCount;
    private bool _lastWasMetric;

    public RecordBatch(int capacity)
    {
        _kinds = new byte[capacity];
        _lineHeads = new MetricSample[capacity];
        _values = new Value[capacity];
        _lines = new LineActivity[capacity];
    }

    public int Count { get; private set; }

    public void Add(in MetricSample sample)
    {
        if (_lastWasMetric && SameLine(_lineHeads[_headCount - 1], sample))
        {
            _kinds[Count++] = MetricOnSameLine;
        }
        else
        {
            _kinds[Count++] = MetricOnNewLine;
            _lineHeads[_headCount++] = sample;
        }

        _values[_valueCount++] = new Value(sample.Name, sample.Value, sample.Average);
        _lastWasMetric = true;
    }

    public void Add(in LineActivity activity)
    {
        _kinds[Count++] = LineEntry;
        _lines[_lineCount++] = activity;
        _lastWasMetric = false;
    }

    public void Add(LogEvent logEvent)
    {
        _kinds[Count++] = EventEntry;
        _events.Add(logEvent);
        _lastWasMetric = false;
    }

    public void ReplayInto(IRecordSink sink)
    {
        int head = -1, value = 0, line = 0, ev = 0;
        var sample = default(MetricSample);
        for (var i = 0; i < Count; i++)
        {
            switch (_kinds[i])
            {
                case MetricOnNewLine:
                    sample = _lineHeads[++head];
                    goto case MetricOnSameLine;
                case MetricOnSameLine:
                    var v = _values[value++];
                    sample.Name = v.Name;
                    sample.Value = v.Number;
                    sample.Average = v.Average;
                    sink.OnMetric(sample);
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
        // Samples hold references (source, name); clearing lets a recycled batch not pin them.
        Array.Clear(_lineHeads, 0, _headCount);
        Array.Clear(_values, 0, _valueCount);
        Array.Clear(_lines, 0, _lineCount);
        _events.Clear();
        Count = 0;
        _headCount = 0;
        _valueCount = 0;
        _lineCount = 0;
        _lastWasMetric = false;
    }

    private static bool SameLine(in MetricSample a, in MetricSample b)
        => a.Line == b.Line && a.Offset == b.Offset && ReferenceEquals(a.Source, b.Source) && a.Phase == b.Phase && a.Kind == b.Kind
            && a.Rank == b.Rank && a.Timestamp == b.Timestamp && SamePosition(a.Position, b.Position);

    private static bool SamePosition(in Position a, in Position b)
        => a.Step == b.Step && a.Epoch == b.Epoch && a.Iteration == b.Iteration && a.IterationsPerEpoch == b.IterationsPerEpoch
            && a.Epochs == b.Epochs && a.Steps == b.Steps && Nullable.Equals(a.EpochFraction, b.EpochFraction);

    private readonly record struct Value(string Name, double Number, double? Average);
}
