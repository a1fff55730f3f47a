using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`lr-anomaly`: the learning rate is zero or NaN throughout, or never changes although a schedule is configured.</summary>
public static class LrAnomalyRule
{
    public const string Id = "lr-anomaly";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var rates = context.WithRole(MetricRole.LearningRate, Phase.Train).ToArray();
        var scheduled = rates.Any(s => s.Min is { } min && s.Max is { } max && min.Value != max.Value) || ScheduleConfigured(context);
        foreach (var series in rates)
        {
            var (message, advice) = Judge(context, series, scheduled);
            if (message is null)
            {
                continue;
            }

            yield return series.Finding(Id, Severity.Warning, series.First?.Step, series.Last?.Step,
                message: message,
                advice: advice!,
                evidence: DoctorContext.Evidence(series.FirstNonFinite ?? series.First, series.Last));
        }
    }

    private static (string?, string?) Judge(DoctorContext context, Aggregation.SeriesSummary series, bool scheduled)
    {
        if (series.NonFiniteCount > 0)
        {
            return ($"{series.Name} is {Numbers.Text(series.FirstNonFinite!.Value.Value)} at step {series.FirstNonFinite.Value.Step} "
                + $"({series.NonFiniteCount} of {series.Count} values).",
                "A NaN learning rate poisons every update: check the scheduler's formula (division by zero warm-up steps, a negative power).");
        }

        if (series.Max is { Value: 0 } && series.Count >= 3)
        {
            return ($"{series.Name} is 0 in all {series.Count} logged values: nothing is being learned.",
                "Check the optimizer's lr, the scheduler (warm-up longer than the run, a decay that already ended) and, with several "
                + "parameter groups, which one is logged.");
        }

        var constant = series.Min is { } min && series.Max is { } max && min.Value == max.Value;
        if (constant && scheduled && series.Count >= context.Options["lr-anomaly.points"])
        {
            return ($"{series.Name} stays {Numbers.Text(series.Max!.Value.Value)} for all {series.Count} logged values although a "
                + "learning-rate schedule is evident.",
                "The scheduler may not be stepped (scheduler.step() missing, or called per epoch for a per-step schedule) or this "
                + "parameter group is excluded from it.");
        }

        return (null, null);
    }

    /// <summary>A warm-up or decay schedule named in the run facts (`lr_scheduler_type: cosine`, `warmup_steps: 500`).</summary>
    private static bool ScheduleConfigured(DoctorContext context)
        => context.Run.Info.Values.Any(e => e.Name is { } name
            && (name.Contains("warmup", StringComparison.OrdinalIgnoreCase) && e.Value is > 0
                || name.Contains("scheduler", StringComparison.OrdinalIgnoreCase) && !e.Text.Contains("constant", StringComparison.OrdinalIgnoreCase)));
}
