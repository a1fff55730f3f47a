using System.Collections.Concurrent;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>Keeps a part's records, in order, in recycled batches until they are passed on or dropped.</summary>
internal sealed class RecordBuffer : IRecordSink
{
    private const int BatchSize = 16_384;
    private readonly ConcurrentBag<RecordBatch> _pool;
    private readonly List<RecordBatch> _batches = [];
    private readonly long _maxValues;
    private long _values;
    private RecordBatch _current;

    /// <param name="pool">Batches shared by the parts of one file.</param>
    /// <param name="maxValues">Values the part may hold; past them it is dropped (<see cref="PartTooLargeException"/>).</param>
    public RecordBuffer(ConcurrentBag<RecordBatch> pool, long maxValues)
    {
        _pool = pool;
        _maxValues = maxValues;
        _current = Rent();
        _batches.Add(_current);
    }

    public void OnMetric(in MetricSample sample)
    {
        Count(1);
        NextIfFull();
        _current.Add(sample);
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        Count(values.Length);
        NextIfFull();
        if (_current.TryAdd(line, values))
        {
            return;
        }

        _current = Rent();
        _batches.Add(_current);
        if (!_current.TryAdd(line, values))
        {
            _values -= values.Length; // counted again one by one
            MetricValues.OneByOne(this, line, values);
        }
    }

    public void OnEvent(LogEvent logEvent)
    {
        NextIfFull();
        _current.Add(logEvent);
    }

    public void OnLine(in LineActivity activity)
    {
        NextIfFull();
        _current.Add(activity);
    }

    public void ReplayInto(IRecordSink sink)
    {
        foreach (var batch in _batches)
        {
            batch.ReplayInto(sink);
        }
    }

    /// <summary>Gives the batches back for other parts to use.</summary>
    public void Release()
    {
        foreach (var batch in _batches)
        {
            batch.Clear();
            _pool.Add(batch);
        }

        _batches.Clear();
    }

    private void Count(int values)
    {
        _values += values;
        if (_values > _maxValues)
        {
            throw new PartTooLargeException();
        }
    }

    private void NextIfFull()
    {
        if (_current.IsFull)
        {
            _current = Rent();
            _batches.Add(_current);
        }
    }

    private RecordBatch Rent()
    {
        return _pool.TryTake(out var batch) ? batch : new RecordBatch(BatchSize);
    }
}

/// <summary>A part read ahead would hold more records than memory allows; it is dropped and read in order.</summary>
internal sealed class PartTooLargeException : Exception
{
}
