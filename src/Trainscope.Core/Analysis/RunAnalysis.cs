using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;

namespace Trainscope.Analysis;

/// <summary>Runs every analysis over a run summary: the doctor's rules and the distributed-run diagnosis.</summary>
public static class RunAnalysis
{
    public static AnalysisResult Analyze(RunSummary run, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var (ranks, rankFindings) = DistributedAnalysis.Analyze(run, options.Distributed);
        var findings = rankFindings
            .OrderByDescending(f => f.Severity)
            .ToArray();
        return new AnalysisResult(run, findings, ranks);
    }
}
