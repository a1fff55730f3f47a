using Trainscope.Aggregation;
using Trainscope.Analysis.Distributed;
using Trainscope.Analysis.Doctor;

namespace Trainscope.Analysis;

/// <summary>Runs every analysis over a run summary: the doctor's rules and the distributed-run diagnosis.</summary>
public static class RunAnalysis
{
    public static AnalysisResult Analyze(RunSummary run, AnalysisOptions? options = null)
    {
        options ??= AnalysisOptions.Default;
        var (ranks, rankFindings) = DistributedAnalysis.Analyze(run, options.Distributed);
        var doctor = DoctorAnalysis.Analyze(run, options.Doctor, rankFindings);
        var findings = rankFindings.Concat(doctor)
            .OrderByDescending(f => f.Severity)
            .ToArray();
        return new AnalysisResult(run, findings, ranks);
    }
}
