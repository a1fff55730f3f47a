using Trainscope.Aggregation;

namespace Trainscope.Analysis.Doctor;

/// <summary>Runs the doctor's rules over a run; each rule can be disabled by id.</summary>
public static class DoctorAnalysis
{
    /// <summary>The rules in report order within a severity; ids are stable (JSON `findings[].rule`).</summary>
    public static IReadOnlyList<(string Id, Func<DoctorContext, IEnumerable<Finding>> Evaluate)> Rules { get; } =
    [
        (ErrorRule.Id, ErrorRule.Evaluate),
        (OomRule.Id, OomRule.Evaluate),
        (NonFiniteRule.Id, NonFiniteRule.Evaluate),
        (DivergenceRule.Id, DivergenceRule.Evaluate),
        (LossSpikeRule.Id, LossSpikeRule.Evaluate),
        (GradExplosionRule.Id, GradExplosionRule.Evaluate),
        (OverfittingRule.Id, OverfittingRule.Evaluate),
        (OscillationRule.Id, OscillationRule.Evaluate),
        (PlateauRule.Id, PlateauRule.Evaluate),
        (StuckMetricRule.Id, StuckMetricRule.Evaluate),
        (LrAnomalyRule.Id, LrAnomalyRule.Evaluate),
        (RewardDeclineRule.Id, RewardDeclineRule.Evaluate),
        (BudgetViolationRule.Id, BudgetViolationRule.Evaluate),
        (MemoryNearLimitRule.Id, MemoryNearLimitRule.Evaluate),
        (DataBottleneckRule.Id, DataBottleneckRule.Evaluate),
        (ThroughputDropRule.Id, ThroughputDropRule.Evaluate),
        (BestMetricRule.Id, BestMetricRule.Evaluate),
        (PerplexityRule.Id, PerplexityRule.Evaluate),
    ];

    /// <summary>Every rule id, including the ones that read other findings.</summary>
    public static IReadOnlyList<string> RuleIds { get; } = [.. Rules.Select(r => r.Id), EarlyStopRule.Id, HealthyRule.Id];

    /// <summary>
    /// Findings about <paramref name="run"/>. <paramref name="others"/> are findings already made (the distributed ones):
    /// the `error` rule skips lines they cite, and `healthy` fires only when neither they nor the doctor found a problem.
    /// </summary>
    public static IReadOnlyList<Finding> Analyze(RunSummary run, DoctorOptions? options = null, IReadOnlyList<Finding>? others = null)
    {
        options ??= DoctorOptions.Default;
        others ??= [];
        var context = new DoctorContext(run, options, others);
        var findings = new List<Finding>();
        foreach (var (id, evaluate) in Rules)
        {
            if (!options.Disabled.Contains(id))
            {
                findings.AddRange(evaluate(context));
            }
        }

        findings = FindingFlood.Collapse(findings);
        if (!options.Disabled.Contains(EarlyStopRule.Id))
        {
            findings.AddRange(EarlyStopRule.Evaluate(context, findings));
        }

        if (!options.Disabled.Contains(HealthyRule.Id) && HealthyRule.Evaluate(run, [.. others, .. findings]) is { } healthy)
        {
            findings.Add(healthy);
        }

        return findings;
    }
}
