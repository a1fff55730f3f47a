using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Follows positions and timestamps to say how far the run is and when it will finish.</summary>
public sealed class ProgressTracker
{
    private const int RecentWindow = 64;
    private readonly Queue<(DateTime Time, double Units)> _recent = new();
    private (DateTime Time, double Units) _lastRecent;
    private int? _epoch;
    private int? _epochs;
    private int _minEpoch = int.MaxValue;
    private long? _iteration;
    private long? _iterationsPerEpoch;
    private long? _step;
    private long? _steps;
    private DateTime? _firstTime;
    private DateTime? _lastTime;
    private (DateTime Time, double Units)? _firstUnits;
    private double? _jobEtaSeconds;
    private DateTime? _jobEtaTime;

    public void See(in MetricSample sample)
    {
        SeeTime(sample.Timestamp);
        if (sample.Phase != Phase.Train || sample.Kind == SampleKind.Final)
        {
            return;
        }

        var p = sample.Position;
        if (p.Epoch is int epoch)
        {
            _epoch = epoch;
            _minEpoch = Math.Min(_minEpoch, epoch);
            _iteration = p.Iteration;
        }

        if (p.Epochs is int epochs)
        {
            _epochs = epochs;
        }

        if (p.IterationsPerEpoch is long perEpoch)
        {
            _iterationsPerEpoch = perEpoch;
        }

        if (p.Steps is long steps)
        {
            _steps = steps;
        }

        if (p.Step is long step)
        {
            _step = step;
        }

        if (sample.Timestamp is { } time && Units(p) is double units)
        {
            _firstUnits ??= (time, units);
            AddRecent((time, units));
        }
    }

    private void AddRecent((DateTime Time, double Units) entry)
    {
        // The newest entry is kept beside the queue: LINQ's Last() on a Queue enumerates it (and allocates) per sample.
        if (_recent.Count == 0 || _lastRecent.Time < entry.Time)
        {
            _lastRecent = entry;
            _recent.Enqueue(entry);
            if (_recent.Count > RecentWindow)
            {
                _recent.Dequeue();
            }
        }
    }

    /// <summary>
    /// Takes in what <paramref name="later"/> saw of samples that came after everything this tracker saw (it saw no
    /// events), as if they had come here one by one: positions are the last named, times widen the span, and the recent
    /// window goes on with those of its entries later than this one's newest. Its entries are the samples newer than all
    /// before them, so those later than this tracker's newest are a suffix of them, and a window of 64 keeps it.
    /// </summary>
    public void Absorb(ProgressTracker later)
    {
        SeeTime(later._firstTime);
        SeeTime(later._lastTime);
        if (later._epoch is int epoch)
        {
            _epoch = epoch;
            _iteration = later._iteration;
        }

        _minEpoch = Math.Min(_minEpoch, later._minEpoch);
        _epochs = later._epochs ?? _epochs;
        _iterationsPerEpoch = later._iterationsPerEpoch ?? _iterationsPerEpoch;
        _steps = later._steps ?? _steps;
        _step = later._step ?? _step;
        _firstUnits ??= later._firstUnits;
        foreach (var entry in later._recent)
        {
            AddRecent(entry);
        }
    }

    /// <summary>Forgets everything, for another stretch of samples.</summary>
    public void Clear()
    {
        _recent.Clear();
        _lastRecent = default;
        (_epoch, _epochs, _minEpoch, _iteration, _iterationsPerEpoch, _step, _steps) = (null, null, int.MaxValue, null, null, null, null);
        (_firstTime, _lastTime, _firstUnits, _jobEtaSeconds, _jobEtaTime) = (null, null, null, null, null);
    }

    public void See(LogEvent logEvent)
    {
        SeeTime(logEvent.Timestamp);
        if (logEvent.Kind == EventKind.Eta && logEvent.Value is double seconds)
        {
            _jobEtaSeconds = seconds;
            _jobEtaTime = logEvent.Timestamp;
        }

        if (logEvent.Kind == EventKind.Completed && logEvent.Position.Step is long finalStep)
        {
            // A completion that names its step (HF's summary carries the final global_step) is the furthest point;
            // the last logged training step may lie before it.
            _step = Math.Max(_step ?? 0, finalStep);
            _steps ??= logEvent.Position.Steps;
        }
    }

    public ProgressSummary Build()
    {
        var totalSteps = _steps ?? (_epochs is int e && _iterationsPerEpoch is long ipe ? e * ipe : null);
        var oneBased = _minEpoch >= 1;
        double? fraction = null;
        if (_step is long s && totalSteps is long t && t > 0)
        {
            fraction = Math.Clamp((double)s / t, 0, 1);
        }
        else if (_epoch is int epoch && _epochs is int epochs && epochs > 0)
        {
            var done = (oneBased ? epoch - 1 : epoch) + (_iteration is long it && _iterationsPerEpoch is long per && per > 0 ? (double)it / per : 0);
            fraction = Math.Clamp(done / epochs, 0, 1);
        }

        var rate = RecentRate();
        double? eta = null;
        string? etaSource = null;
        if (fraction is double f && f >= 1)
        {
            eta = 0;
            etaSource = "observed";
        }
        else if (rate is double r && r > 0 && RemainingUnits(totalSteps, oneBased) is double remaining)
        {
            eta = remaining / r;
            etaSource = "observed";
        }
        else if (_jobEtaSeconds is double job)
        {
            var since = _jobEtaTime is { } at && _lastTime is { } last ? Math.Max(0, (last - at).TotalSeconds) : 0;
            eta = Math.Max(0, job - since);
            etaSource = "job";
        }

        return new ProgressSummary
        {
            Epoch = _epoch,
            Epochs = _epochs,
            Step = _step,
            Steps = totalSteps,
            Fraction = fraction,
            EtaSeconds = eta,
            EtaSource = etaSource,
            FirstTime = _firstTime,
            LastTime = _lastTime,
            ElapsedSeconds = _firstTime is { } a && _lastTime is { } b ? (b - a).TotalSeconds : null,
            StepsPerSecond = rate,
        };
    }

    private double? Units(in Position p)
    {
        if (p.Step is long step)
        {
            return step;
        }

        if (p.Epoch is int epoch)
        {
            return p.Iteration is long it && p.IterationsPerEpoch is long per && per > 0 ? epoch + (double)it / per : epoch;
        }

        return null;
    }

    private double? RemainingUnits(long? totalSteps, bool oneBased)
    {
        if (_step is long s && totalSteps is long t)
        {
            return Math.Max(0, t - s);
        }

        if (_step is null && _epoch is int epoch && _epochs is int epochs)
        {
            var at = epoch + (_iteration is long it && _iterationsPerEpoch is long per && per > 0 ? (double)it / per : 0);
            return Math.Max(0, (oneBased ? epochs : epochs - 1) + 1 - at - (oneBased ? 1 : 0));
        }

        return null;
    }

    private double? RecentRate()
    {
        if (_recent.Count < 2)
        {
            return null;
        }

        var first = _recent.Peek();
        var last = _lastRecent;
        var seconds = (last.Time - first.Time).TotalSeconds;
        var units = last.Units - first.Units;
        return seconds > 0 && units > 0 ? units / seconds : null;
    }

    private void SeeTime(DateTime? time)
    {
        if (time is not { } t)
        {
            return;
        }

        if (_firstTime is null || t < _firstTime)
        {
            _firstTime = t;
        }

        if (_lastTime is null || t > _lastTime)
        {
            _lastTime = t;
        }
    }
}
