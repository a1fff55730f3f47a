namespace Trainscope.Web.Api;

/// <summary>`GET /api/runs/{id}`: the brief row with every series, finding, rank and source of the run.</summary>
/// <param name="FirstTime">The run's first timestamp in Unix seconds, or null.</param>
public sealed record RunDetail(
    RunBrief Run,
    double? FirstTime,
    SeriesEntry[] Series,
    FindingEntry[] Findings,
    RankEntry[] Ranks,
    SourceEntry[] Sources);

/// <summary>One series of a run; its id never changes while the server runs.</summary>
public sealed record SeriesEntry(
    int Id,
    string Name,
    string Phase,
    int? Rank,
    string Role,
    string Group,
    string Axis,
    long Count,
    long NonFinite,
    double? Min,
    double? Max,
    double? Last,
    double? LastStep);

/// <summary>One rank of a distributed run: how far it got and how long it has been silent.</summary>
public sealed record RankEntry(
    int Rank,
    string Source,
    string? LastPhase,
    int? LastEpoch,
    long? LastStep,
    DateTime? LastTimestamp,
    double? SilentSeconds,
    long Lines,
    double? LinesPerMinute);

/// <summary>One file of a run; its id is what the excerpt endpoint takes.</summary>
public sealed record SourceEntry(int Id, string Path, string? Format, long Lines);
