namespace Trainscope.Web.Api;

/// <summary>`GET /api/runs`: every served run as a brief row.</summary>
public sealed record RunList(RunBrief[] Runs);

/// <summary>A run's brief row, as listed by `/api/runs` and sent in `run` events.</summary>
public sealed record RunBrief(
    int Id,
    string Name,
    string Status,
    string Health,
    FindingCounts Findings,
    ProgressEntry Progress,
    DateTime Updated,
    DateTime? LastTime,
    long[] Counts);

/// <summary>How many findings a run has at each severity.</summary>
public sealed record FindingCounts(int Error, int Warning, int Info);

/// <summary>Where a run stands; numbers that are not finite are null.</summary>
public sealed record ProgressEntry(
    double? Fraction,
    long? Step,
    long? Steps,
    int? Epoch,
    int? Epochs,
    double? EtaSeconds,
    double? StepsPerSecond,
    double? ElapsedSeconds);
