using Trainscope.Aggregation;

namespace Trainscope.Analysis.Distributed;

/// <summary>One rank of a distributed run: where it is, when it last spoke and how long it has been silent.</summary>
public sealed record RankRow
{
    public required int Rank { get; init; }

    /// <summary>The rank's main source (its own file if it has one), as the user gave the path.</summary>
    public required string Source { get; init; }

    /// <summary>The last phase marker, spelled like the log's banners (`EPOCH 3 TRAINING END`).</summary>
    public string? LastPhase { get; init; }

    public int? LastEpoch { get; init; }
    public long? LastStep { get; init; }

    /// <summary>The rank's newest timestamp (null when its lines carry none).</summary>
    public DateTime? LastTimestamp { get; init; }

    /// <summary>Seconds between the rank's last sign of life and the reference time.</summary>
    public double? SilentSeconds { get; init; }

    /// <summary>Every source with lines of this rank.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Where the silence was measured from: `timestamp`, or `file-time` when the log has no timestamps.</summary>
    public string? SilenceBasis { get; init; }

    public long Lines { get; init; }
    public double? LinesPerMinute { get; init; }

    /// <summary>The median gap between the rank's timestamped lines.</summary>
    public double? TypicalIntervalSeconds { get; init; }

    public double MaxGapSeconds { get; init; }

    /// <summary>Silence after which this rank counts as stalled (the usual interval times the factor, with a floor).</summary>
    public double StallThresholdSeconds { get; init; }

    /// <summary>Gaps inside the rank's output far above its usual interval, largest first.</summary>
    public IReadOnlyList<RankGap> LongGaps { get; init; } = [];

    /// <summary>The rank's last line, read back from its file.</summary>
    public Evidence? LastLine { get; init; }

    public double? ProcessedBatches { get; init; }
    public IReadOnlyList<WorkerRow> Workers { get; init; } = [];
    public long Errors { get; init; }
}
