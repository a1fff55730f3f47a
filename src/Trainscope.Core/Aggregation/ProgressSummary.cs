namespace Trainscope.Aggregation;

/// <summary>Where the run is and when it will end.</summary>
public sealed record ProgressSummary
{
    public int? Epoch { get; init; }
    public int? Epochs { get; init; }
    public long? Step { get; init; }
    public long? Steps { get; init; }

    /// <summary>Fraction done, 0..1, from steps when known, else epochs.</summary>
    public double? Fraction { get; init; }

    public double? EtaSeconds { get; init; }

    /// <summary>`observed` (from our own rate measurement) or `job` (what the job printed).</summary>
    public string? EtaSource { get; init; }

    public DateTime? FirstTime { get; init; }
    public DateTime? LastTime { get; init; }
    public double? ElapsedSeconds { get; init; }

    /// <summary>Steps per second over the recent part of the run.</summary>
    public double? StepsPerSecond { get; init; }
}
