using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Records of three kinds kept in arrival order. Values of one log line share everything but name, phase and numbers
/// (source, line, time, position, rank), so a batch stores that once per line and one <see cref="MetricValue"/> per
/// value: the batch crosses from the parsing core to the aggregating one, and the fewer bytes cross, the cheaper the
/// hand-over.
/// </summary>
internal sealed class RecordBatch
{
    private const byte MetricLine = 0;
    private const byte EventEntry = 1;
    private const byte LineEntry = 2;
    private readonly byte[] _kinds;
    private readonly MetricSample[] _lineHeads;
    private readonly int[] _lineValueCounts;
    private readonly MetricValue[] _values;
    private readonly LineActivity[] _lines;
    private readonly List<LogEvent> _events = [];
    private int _entryCount;
    private int _headCount;
    private int _valueCount;
    private int _lineCount;
    private readonly int _eventCapacity;

    /// <param name="capacity">Values held; lines, activities and events each up to a quarter of it.</param>
    public RecordBatch(int capacity)
    {
        // Lines carry several values each in the logs that matter for speed, so the per-line arrays are kept smaller
        // than the value array (a line's head is 100 bytes, a value 40): a batch in flight costs a third as much.
        var perLine = Math.Max(1, capacity / 4);
        _kinds = new byte[perLine * 2];
        _lineHeads = new MetricSample[perLine];
        _lineValueCounts = new int[perLine];
        _values = new MetricValue[capacity];
        _lines = new LineActivity[perLine];
        _eventCapacity = perLine;
    }

    /// <summary>Values plus other records held.</summary>
    public int Count { get; private set; }

    /// <summary>True when the next record might not fit: the holder starts another batch.</summary>
    public bool IsFull => _valueCount >= _values.Length || _headCount >= _lineHeads.Length || _lineCount >= _lines.Length
        || _entryCount >= _kinds.Length || _events.Count >= _eventCapacity;

    /// <summary>A single value: joins the previous line's values when it shares their line fields.</summary>
    public void Add(in MetricSample sample)
    {
        var value = new MetricValue(sample.Name, sample.Phase, sample.Value, sample.Average);
        if (_entryCount > 0 && _kinds[_entryCount - 1] == MetricLine && SameLine(_lineHeads[_headCount - 1], sample))
        {
            _lineValueCounts[_headCount - 1]++;
        }
        else
        {
            _kinds[_entryCount++] = MetricLine;
            _lineHeads[_headCount] = sample;
            _lineValueCounts[_headCount++] = 1;
        }

        _values[_valueCount++] = value;
        Count++;
    }

    /// <summary>The values of one line; false (nothing added) when they do not fit in what is left of the batch.</summary>
    public bool TryAdd(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        if (values.IsEmpty)
        {
            return true;
        }

        if (values.Length > _values.Length - _valueCount || _entryCount >= _kinds.Length || _headCount >= _lineHeads.Length)
        {
            return false;
        }

        _kinds[_entryCount++] = MetricLine;
        _lineHeads[_headCount] = line;
        _lineValueCounts[_headCount++] = values.Length;
        values.CopyTo(_values.AsSpan(_valueCount));
        _valueCount += values.Length;
        Count += values.Length;
        return true;
    }

    public void Add(in LineActivity activity)
    {
        _kinds[_entryCount++] = LineEntry;
        _lines[_lineCount++] = activity;
        Count++;
    }

    public void Add(LogEvent logEvent)
    {
        _kinds[_entryCount++] = EventEntry;
        _events.Add(logEvent);
        Count++;
    }

    public void ReplayInto(IRecordSink sink)
    {
        int head = 0, value = 0, line = 0, ev = 0;
        for (var i = 0; i < _entryCount; i++)
        {
            switch (_kinds[i])
            {
                case MetricLine:
                    var count = _lineValueCounts[head];
                    sink.OnMetrics(_lineHeads[head++], _values.AsSpan(value, count));
                    value += count;
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
        _entryCount = 0;
        _headCount = 0;
        _valueCount = 0;
        _lineCount = 0;
    }

    private static bool SameLine(in MetricSample a, in MetricSample b)
        => a.Line == b.Line && a.Offset == b.Offset && ReferenceEquals(a.Source, b.Source) && a.Kind == b.Kind
            && a.Rank == b.Rank && a.Timestamp == b.Timestamp && SamePosition(a.Position, b.Position);

    private static bool SamePosition(in Position a, in Position b)
        => a.Step == b.Step && a.Epoch == b.Epoch && a.Iteration == b.Iteration && a.IterationsPerEpoch == b.IterationsPerEpoch
            && a.Epochs == b.Epochs && a.Steps == b.Steps && Nullable.Equals(a.EpochFraction, b.EpochFraction);
}
