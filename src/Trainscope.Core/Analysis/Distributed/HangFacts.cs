using Trainscope.Records;

namespace Trainscope.Analysis.Distributed;

/// <summary>The first real error of a rank (not a knock-on NCCL or kill error), with the traceback that led to it.</summary>
public sealed record RankCause(int Rank, LogEvent Error, LogEvent? Traceback);

/// <summary>Facts several rules share, found once: errors that explain a hang, stalled ranks, timeouts, kills.</summary>
public sealed record HangFacts(
    IReadOnlyList<RankCause> Causes,
    IReadOnlyList<int> Stalled,
    IReadOnlyList<LogEvent> Timeouts,
    IReadOnlyList<LogEvent> Kills);
