using Trainscope.Analysis;
using Trainscope.Following;
using Trainscope.Web.Series;

namespace Trainscope.Web.Live;

/// <summary>One followed run as the dashboard last saw it: an immutable snapshot with its analysis, safe to read from any thread.</summary>
public sealed record RunView(
    int Id,
    FollowedRun Run,
    RunSeriesStore Store,
    AnalysisResult Analysis,
    IReadOnlyList<Finding> Findings,
    string Status,
    DateTime UpdatedUtc,
    long Version)
{
    /// <summary>The run's sources as they were at the snapshot (the followed list keeps changing on the follow thread).</summary>
    public IReadOnlyList<Records.SourceInfo> Sources { get; } = [.. Analysis.Run.Sources.Select(s => s.Info)];
}
