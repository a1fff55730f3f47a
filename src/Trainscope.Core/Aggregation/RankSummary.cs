using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>What one rank of a distributed run was last seen doing.</summary>
public sealed class RankSummary
{
    /// <summary>Error events kept per rank; <see cref="ErrorCount"/> goes on counting.</summary>
    public const int MaxErrorsKept = 16;

    /// <summary>Largest gaps kept per rank.</summary>
    public const int MaxGapsKept = 8;

    private readonly List<RankGap> _largestGaps = [];
    private readonly List<LogEvent> _errors = [];
    private readonly Dictionary<int, WorkerSummary> _workers = [];

    public RankSummary(int rank)
    {
        Rank = rank;
    }

    public int Rank { get; }

    /// <summary>Sources whose lines carried this rank (a rank file, or an interleaved log).</summary>
    public HashSet<SourceInfo> Sources { get; } = [];

    public long Records { get; set; }

    /// <summary>Readable lines seen for this rank.</summary>
    public long Lines { get; set; }

    public DateTime? FirstTime { get; set; }
    public DateTime? LastTime { get; set; }
    public int? LastEpoch { get; set; }
    public long? LastStep { get; set; }

    /// <summary>The last phase marker (`EPOCH 3 TRAINING END`), if the log has markers.</summary>
    public LogEvent? LastMarker { get; set; }

    /// <summary>The last event of any kind (a worker's progress, a batch count, an error).</summary>
    public LogEvent? LastEvent { get; set; }

    /// <summary>The last batch count the rank printed (`Processed 500 training batches`).</summary>
    public double? ProcessedBatches { get; set; }

    /// <summary>The last line of any kind: its source and line, for "last seen at".</summary>
    public SourceInfo? LastSource { get; set; }
    public long LastLine { get; set; }
    public long LastOffset { get; set; }

    /// <summary>Largest gap between consecutive timestamps of this rank.</summary>
    public double MaxGapSeconds { get; set; }

    /// <summary>Positive gaps between consecutive timestamped lines, for the typical interval.</summary>
    public IntervalHistogram Gaps { get; } = new();

    /// <summary>The median gap between this rank's timestamped lines (ties in the same clock tick left out).</summary>
    public double? TypicalGapSeconds => Gaps.Median();

    /// <summary>Lines per minute over the span of this rank's timestamps.</summary>
    public double? LinesPerMinute
        => FirstTime is { } a && LastTime is { } b && (b - a).TotalSeconds >= 1 ? Lines / (b - a).TotalMinutes : null;

    /// <summary>The largest gaps, largest first.</summary>
    public IReadOnlyList<RankGap> LargestGaps => _largestGaps;

    /// <summary>The first error events of this rank (tracebacks, exceptions, NCCL errors, out-of-memory).</summary>
    public IReadOnlyList<LogEvent> Errors => _errors;

    public long ErrorCount { get; private set; }

    /// <summary>Data-loading workers by worker id.</summary>
    public IReadOnlyDictionary<int, WorkerSummary> Workers => _workers;

    public void AddGap(in RankGap gap)
    {
        MaxGapSeconds = Math.Max(MaxGapSeconds, gap.Seconds);
        Gaps.Add(gap.Seconds);
        if (_largestGaps.Count == MaxGapsKept && gap.Seconds <= _largestGaps[^1].Seconds)
        {
            return;
        }

        var seconds = gap.Seconds;
        var at = _largestGaps.FindIndex(g => g.Seconds < seconds);
        _largestGaps.Insert(at < 0 ? _largestGaps.Count : at, gap);
        if (_largestGaps.Count > MaxGapsKept)
        {
            _largestGaps.RemoveAt(_largestGaps.Count - 1);
        }
    }

    public void AddError(LogEvent error)
    {
        ErrorCount++;
        if (_errors.Count < MaxErrorsKept)
        {
            _errors.Add(error);
        }
    }

    public WorkerSummary Worker(int worker)
    {
        if (!_workers.TryGetValue(worker, out var summary))
        {
            summary = new WorkerSummary(worker);
            _workers[worker] = summary;
        }

        return summary;
    }
}
