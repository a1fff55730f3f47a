using Trainscope.Aggregation;

namespace Trainscope.Analysis.Doctor;

/// <summary>`stuck-metric`: a loss, score or reward that stays exactly constant for long (accuracy 0 for 20 epochs, a GRPO loss always 0).</summary>
public static class StuckMetricRule
{
    public const string Id = "stuck-metric";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        foreach (var series in context.Metrics)
        {
            var role = MetricRoles.Of(series.Name);
            if (role is not (MetricRole.Loss or MetricRole.Score or MetricRole.Reward or MetricRole.GradNorm or MetricRole.ErrorRate))
            {
                continue;
            }

            if (Stuck(context, series) is { } stuck && !(role == MetricRole.Score && IsPerfect(stuck.Value)))
            {
                yield return Finding(series, stuck);
            }
        }
    }

    private sealed record Stretch(double Value, int Length, string Unit, SeriesPoint? First, SeriesPoint? Last, long FromStep, long ToStep);

    private static Stretch? Stuck(DoctorContext context, SeriesSummary series)
    {
        // Every logged value identical.
        if (series.FiniteCount >= context.Options["stuck-metric.points"] && series.NonFiniteCount == 0
            && series.Min is { } min && series.Max is { } max && min.Value == max.Value)
        {
            return new Stretch(min.Value, (int)Math.Min(series.Count, int.MaxValue), "logged values", series.First, series.Last,
                series.First!.Value.Step, series.Last!.Value.Step);
        }

        // The trailing epochs identical.
        if (context.Curve(series) is not { Kind: CurveKind.Epochs or CurveKind.Evaluations } curve)
        {
            return null;
        }

        var values = curve.Values;
        var run = 1;
        while (run < values.Count && values[^(run + 1)] == values[^1])
        {
            run++;
        }

        var unit = curve.Kind == CurveKind.Epochs || series.Axis == AxisKind.Epoch ? "epochs" : "evaluations";
        if (run < context.Options["stuck-metric.epochs"] || unit != "epochs")
        {
            return null;
        }

        var first = curve.Points[^run];
        var last = curve.Points[^1];
        return new Stretch(values[^1], run, unit, first.Source, last.Source, first.Step, last.Step);
    }

    /// <summary>A score at its ceiling (accuracy 1.0 or 100) is a solved task, not a stuck metric.</summary>
    private static bool IsPerfect(double value) => value is 1.0 or 100.0;

    private static Finding Finding(SeriesSummary series, Stretch stuck) => series.Finding(Id, Severity.Warning, stuck.FromStep, stuck.ToStep,
        message: $"{series.Name} has been exactly {Numbers.Text(stuck.Value)} for {stuck.Length} {stuck.Unit}.",
        advice: stuck.Value == 0
            ? "A metric stuck at exactly 0 is usually not computed: check the labels/answers reach the metric, that the loss has "
                + "something to compare (GRPO groups with different rewards), and that the metric is logged from the right variable."
            : "A metric that never changes is not being learned or not being updated: check that gradients reach these parameters "
                + "(requires_grad, the optimizer's parameter groups) and that the value logged is recomputed each step.",
        evidence: DoctorContext.Evidence(stuck.First, stuck.Last));
}
