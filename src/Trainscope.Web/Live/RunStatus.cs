using Trainscope.Analysis;
using Trainscope.Records;

namespace Trainscope.Web.Live;

/// <summary>Where a followed run stands, judged from its snapshot and findings.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Stalled = "stalled";
    public const string Crashed = "crashed";

    /// <summary>Finished when the job said so (or all planned steps ran), crashed on an error finding or OOM, stalled on a long silence.</summary>
    public static string Of(AnalysisResult analysis, IReadOnlyList<Finding> stalls)
    {
        var run = analysis.Run;
        if (run.EventCounts.GetValueOrDefault(EventKind.Completed) > 0 || run.Progress.Fraction >= 0.999)
        {
            return Finished;
        }

        if (run.EventCounts.GetValueOrDefault(EventKind.OutOfMemory) > 0 || analysis.Findings.Any(f => f.Severity == Severity.Error && f.Rule != StallRule))
        {
            return Crashed;
        }

        return stalls.Count > 0 || analysis.Findings.Any(f => f.Rule == StallRule) ? Stalled : Running;
    }

    /// <summary>The worst severity among the findings, `warning` or `error`; `ok` when only information (best metric, healthy) was said.</summary>
    public static string Health(IReadOnlyList<Finding> findings)
        => findings.Any(f => f.Severity > Severity.Info) ? findings.Max(f => f.Severity).ToString().ToLowerInvariant() : "ok";

    private const string StallRule = Following.StallCheck.Rule;
}
