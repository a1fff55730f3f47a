using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`budget-violation`: a violation rate above 0.5 for more than 20 epochs, or latency above its budget (seed 001).</summary>
public static class BudgetViolationRule
{
    public const string Id = "budget-violation";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var rate = context.Options["budget-violation.rate"];
        var epochs = (int)context.Options["budget-violation.epochs"];
        foreach (var series in context.WithRole(MetricRole.Violation))
        {
            if (Above(context, series, rate, epochs) is { } finding)
            {
                yield return finding with
                {
                    Message = $"{series.Name} has been above {Numbers.Text(rate)} for {finding.Message}.",
                    Advice = "The controller keeps choosing configurations over budget: raise the latency penalty's weight, check the "
                        + "budget is reachable at all, or start from cheaper configurations.",
                };
            }
        }

        var budget = LatencyBudget(context);
        if (budget is not double ms)
        {
            yield break;
        }

        foreach (var series in context.Metrics.Where(s => s.Name.Contains("latency", StringComparison.OrdinalIgnoreCase)))
        {
            if (Above(context, series, ms, epochs) is { } finding)
            {
                yield return finding with
                {
                    Message = $"{series.Name} has been above its budget of {Numbers.Text(ms)} ms for {finding.Message}.",
                    Advice = "Latency stays over budget: weight the latency penalty more, or check that the budget matches the hardware.",
                };
            }
        }
    }

    private static Finding? Above(DoctorContext context, Aggregation.SeriesSummary series, double limit, int epochs)
    {
        if (context.Curve(series) is not { Kind: CurveKind.Epochs or CurveKind.Evaluations } curve)
        {
            return null;
        }

        var run = 0;
        while (run < curve.Count && curve.Values[^(run + 1)] > limit)
        {
            run++;
        }

        if (run <= epochs)
        {
            return null;
        }

        var first = curve.Points[^run];
        var last = curve.Points[^1];
        return series.Finding(Id, Severity.Warning, first.Step, last.Step,
            message: $"the last {run} {curve.Unit}s ({curve.Where(first)} to {curve.Where(last)}, now {Numbers.Text(last.Value)})",
            advice: "",
            evidence: DoctorContext.Evidence(first.Source, last.Source));
    }

    private static double? LatencyBudget(DoctorContext context)
    {
        var given = context.Options["budget-violation.latency-budget"];
        if (given > 0)
        {
            return given;
        }

        return context.Run.Info.Values.FirstOrDefault(e => e.Name?.Contains("budget", StringComparison.OrdinalIgnoreCase) == true
            && e.Value is > 0)?.Value;
    }
}
