using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>
/// `early-stop`: the best eval metric has not improved for N evaluations, or seed 001's stop conditions hold (loss rising
/// or reward falling for over 10 epochs, accuracy 0 for over 20, budget violation above 0.5 for over 20).
/// </summary>
public static class EarlyStopRule
{
    public const string Id = "early-stop";

    /// <summary>The rules whose findings are seed 001's §早期停止条件.</summary>
    private static readonly HashSet<string> StopConditions = [DivergenceRule.Id, RewardDeclineRule.Id, StuckMetricRule.Id, BudgetViolationRule.Id];

    public static IEnumerable<Finding> Evaluate(DoctorContext context, IReadOnlyList<Finding> earlier)
    {
        var conditions = earlier.Where(f => StopConditions.Contains(f.Rule) && f.Severity >= Severity.Warning).ToArray();
        var patience = (int)context.Options["early-stop.patience"];
        var metric = EvalMetric.Primary(context);
        var stale = metric is not null && metric.SinceBest >= patience;
        if (!stale && conditions.Length == 0)
        {
            yield break;
        }

        var parts = new List<string>();
        if (stale)
        {
            parts.Add($"{metric!.Series.Key.Phase.ToName()} {metric.Series.Name} has not improved for {metric.SinceBest} evaluations since its best "
                + $"{Numbers.Text(metric.Best.Value)} at {metric.Curve.Where(metric.Best)}");
        }

        if (conditions.Length > 0)
        {
            parts.Add("stop conditions hold: " + string.Join(", ", conditions.Select(c => $"{c.Rule} ({c.Metric})").Distinct()));
        }

        var message = string.Join("; ", parts);
        yield return new Finding
        {
            Rule = Id,
            Severity = conditions.Length > 0 ? Severity.Warning : Severity.Info,
            Metric = stale ? metric!.Series.Name : conditions[0].Metric,
            Phase = stale ? metric!.Series.Key.Phase : conditions[0].Phase,
            FromStep = stale ? metric!.Best.Step : conditions[0].FromStep,
            ToStep = stale ? metric!.Curve.Points[^1].Step : conditions[0].ToStep,
            Message = char.ToUpperInvariant(message[0]) + message[1..] + ".",
            Advice = stale
                ? $"Stop here or lower the learning rate: keep the checkpoint from {metric!.Curve.Where(metric.Best)}; for future runs, early stopping with patience {patience} would have saved the rest."
                : "Consider stopping this run and adjusting hyper-parameters (learning rate, reward weights) before spending more compute.",
            Evidence = stale ? DoctorContext.Evidence(metric!.Best.Source, metric.Curve.Points[^1].Source) : conditions[0].Evidence,
        };
    }
}
