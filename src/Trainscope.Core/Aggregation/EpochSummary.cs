using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>One epoch of one phase: per-metric mean/min/max and wall time.</summary>
public sealed class EpochSummary
{
    private readonly Dictionary<string, EpochStat> _metrics = new(StringComparer.Ordinal);

    public EpochSummary(int epoch, Phase phase)
    {
        Epoch = epoch;
        Phase = phase;
    }

    public int Epoch { get; }
    public Phase Phase { get; }
    public DateTime? FirstTime { get; private set; }
    public DateTime? LastTime { get; private set; }

    /// <summary>Epoch duration the job printed (`本epoch用时`, `Epoch: [3] Total time`), if any.</summary>
    public double? PrintedSeconds { get; set; }

    /// <summary>Printed duration, else the span of timestamps seen in the epoch.</summary>
    public double? Seconds => PrintedSeconds ?? (FirstTime is { } a && LastTime is { } b && b > a ? (b - a).TotalSeconds : null);

    public IReadOnlyDictionary<string, EpochStat> Metrics => _metrics;

    public EpochStat Stat(string name)
    {
        if (!_metrics.TryGetValue(name, out var stat))
        {
            stat = new EpochStat();
            _metrics[name] = stat;
        }

        return stat;
    }

    public void See(DateTime? time)
    {
        if (time is not { } t)
        {
            return;
        }

        if (FirstTime is null || t < FirstTime)
        {
            FirstTime = t;
        }

        if (LastTime is null || t > LastTime)
        {
            LastTime = t;
        }
    }

    /// <summary>Widens the epoch's time span by a part's; a duration the part printed wins, as it came later.</summary>
    internal void MergeSpan(EpochSummary part)
    {
        See(part.FirstTime);
        See(part.LastTime);
        PrintedSeconds = part.PrintedSeconds ?? PrintedSeconds;
    }
}
