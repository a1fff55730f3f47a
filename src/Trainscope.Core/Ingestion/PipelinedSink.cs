using System.Collections.Concurrent;
using Trainscope.Records;

namespace Trainscope.Ingestion;

/// <summary>
/// Hands records to another sink on a second thread, in the order they arrived, so parsing and aggregation of a large
/// file run on two cores. Records travel in recycled batches (no allocation per record once warm), and at most a few
/// batches are in flight, so memory stays bounded however large the file.
/// </summary>
public sealed class PipelinedSink : IMergingSink, IDisposable
{
    private const int BatchSize = 16_384;
    private const int BatchesInFlight = 4;
    private readonly IRecordSink _inner;
    private readonly BlockingCollection<RecordBatch> _full = new(BatchesInFlight);
    private readonly ConcurrentBag<RecordBatch> _free = [];
    private readonly Thread _consumer;
    private readonly bool _rankedLinesOnly;
    private readonly object _gate = new();
    private RecordBatch _current = new(BatchSize);
    private long _handedOver;
    private long _passedOn;
    private Exception? _failure;
    private bool _completed;

    /// <param name="inner">The sink records are passed to, on the second thread.</param>
    /// <param name="rankedLinesOnly">
    /// Pass on only the activity of lines that name a rank: a run aggregator uses line activity for per-rank liveness
    /// alone, and in logs without ranks (most single-GPU jobs) the hand-over of every line would be most of the traffic.
    /// </param>
    public PipelinedSink(IRecordSink inner, bool rankedLinesOnly = false)
    {
        _inner = inner;
        _rankedLinesOnly = rankedLinesOnly;
        _consumer = new Thread(Drain) { IsBackground = true, Name = "trainscope-aggregate" };
        _consumer.Start();
    }

    public void OnMetric(in MetricSample sample)
    {
        _current.Add(sample);
        FlushIfFull();
    }

    public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
    {
        if (!_current.TryAdd(line, values))
        {
            HandOver();
            if (!_current.TryAdd(line, values))
            {
                // More values than a whole batch holds: passed on one by one, which splits nothing the sink can see.
                MetricValues.OneByOne(this, line, values);
                return;
            }
        }

        FlushIfFull();
    }

    public void OnEvent(LogEvent logEvent)
    {
        _current.Add(logEvent);
        FlushIfFull();
    }

    public void OnLine(in LineActivity activity)
    {
        if (_rankedLinesOnly && activity.Rank is null)
        {
            return;
        }

        _current.Add(activity);
        FlushIfFull();
    }

    /// <summary>A part sink of the inner sink, when it takes parts; made here, on the reading thread.</summary>
    public IRecordSink? StartPart() => (_inner as IMergingSink)?.StartPart();

    /// <summary>
    /// Merges the part on this thread once the second one has passed on every record before it. A part holds a whole
    /// stretch of the file: queued behind batches it would keep that much memory alive, and the reading thread, which
    /// waits for parts read ahead, has the time to merge.
    /// </summary>
    public void MergePart(IRecordSink part, long lines)
    {
        if (_current.Count > 0)
        {
            HandOver();
        }

        lock (_gate)
        {
            while (_passedOn < _handedOver)
            {
                Monitor.Wait(_gate);
            }
        }

        if (_failure is null)
        {
            ((IMergingSink)_inner).MergePart(part, lines);
        }
    }

    /// <summary>Waits until every record was passed on; rethrows what the inner sink threw (a bug, not bad input).</summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_current.Count > 0)
        {
            HandOver();
        }

        _full.CompleteAdding();
        _consumer.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("aggregation failed", _failure);
        }
    }

    public void Dispose()
    {
        if (!_completed)
        {
            _completed = true;
            _full.CompleteAdding();
            _consumer.Join();
        }

        _full.Dispose();
    }

    private void FlushIfFull()
    {
        if (_current.IsFull)
        {
            HandOver();
        }
    }

    private void HandOver()
    {
        _handedOver++;
        _full.Add(_current);
        _current = _free.TryTake(out var batch) ? batch : new RecordBatch(BatchSize);
    }

    private void Drain()
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            if (_failure is null)
            {
                try
                {
                    batch.ReplayInto(_inner);
                }
                catch (Exception e)
                {
                    // Kept for Complete to rethrow on the reading thread; draining goes on so the producer never blocks.
                    _failure = e;
                }
            }

            batch.Clear();
            _free.Add(batch);
            lock (_gate)
            {
                _passedOn++;
                Monitor.PulseAll(_gate);
            }
        }
    }
}
