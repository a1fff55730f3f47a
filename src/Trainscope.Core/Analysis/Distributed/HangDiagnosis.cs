namespace Trainscope.Analysis.Distributed;

/// <summary>Runs the distributed rules and orders their findings: the error that most likely caused the rest comes first.</summary>
public static class HangDiagnosis
{
    // Causes before symptoms: a rank's own error, then the timeouts and kills it set off, then the silence they leave.
    private static readonly string[] Priority =
    [
        RankErrorRule.Id, NcclTimeoutRule.Id, WatchdogRule.Id, HangLocationRule.Id,
        RankStalledRule.Id, RankDesyncRule.Id, DataImbalanceRule.Id,
    ];

    public static IReadOnlyList<Finding> Diagnose(DistributedContext context)
    {
        var facts = FailureScan.Scan(context);
        var findings = RankErrorRule.Evaluate(context, facts)
            .Concat(NcclTimeoutRule.Evaluate(context, facts))
            .Concat(WatchdogRule.Evaluate(context, facts))
            .Concat(HangLocationRule.Evaluate(context, facts))
            .Concat(RankStalledRule.Evaluate(context, facts))
            .Concat(RankDesyncRule.Evaluate(context, facts))
            .Concat(DataImbalanceRule.Evaluate(context, facts));
        return findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => Array.IndexOf(Priority, f.Rule))
            .ToArray();
    }
}
