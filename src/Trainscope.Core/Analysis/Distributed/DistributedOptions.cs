namespace Trainscope.Analysis.Distributed;

/// <summary>Settings of the distributed-run analysis: the reference time and how long a silence must be to count.</summary>
public sealed record DistributedOptions
{
    public static DistributedOptions Default { get; } = new();

    /// <summary>The reference "now" (`--now`); null uses the newest timestamp in the run, else the files' write times.</summary>
    public DateTime? Now { get; init; }

    /// <summary>A rank is silent when it has said nothing for this many times its usual interval between lines …</summary>
    public double StallFactor { get; init; } = 10;

    /// <summary>… and for at least this many seconds, so chatty ranks do not raise alarms over short pauses.</summary>
    public double MinStallSeconds { get; init; } = 60;

    /// <summary>Largest over smallest file or sample count (per worker) above which data is called uneven.</summary>
    public double ImbalanceRatio { get; init; } = 1.2;

    /// <summary>Evidence lines per finding.</summary>
    public int MaxEvidence { get; init; } = 4;
}
