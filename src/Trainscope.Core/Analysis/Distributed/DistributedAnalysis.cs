using Trainscope.Aggregation;

namespace Trainscope.Analysis.Distributed;

/// <summary>The distributed view of a run: one row per rank, and findings about stalls, desync, hangs and failures.</summary>
public static class DistributedAnalysis
{
    public static (IReadOnlyList<RankRow> Ranks, IReadOnlyList<Finding> Findings) Analyze(RunSummary run, DistributedOptions? options = null)
    {
        var context = new DistributedContext(run, options ?? DistributedOptions.Default);
        if (run.Ranks.Count == 0)
        {
            return ([], []);
        }

        return (RankTable.Build(context), HangDiagnosis.Diagnose(context));
    }
}
