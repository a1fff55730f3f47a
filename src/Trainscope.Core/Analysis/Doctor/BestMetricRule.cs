using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`best-metric` (info): the best value of each eval metric and where it was reached.</summary>
public static class BestMetricRule
{
    public const string Id = "best-metric";
    private const int MaxFindings = 4;

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        foreach (var metric in EvalMetric.All(context).Take(MaxFindings))
        {
            var best = metric.Best;
            var last = metric.Curve.Points[^1];
            var series = metric.Series;
            var since = metric.SinceBest > 0 ? $"; the last is {Numbers.Text(last.Value)} at {metric.Curve.Where(last)}" : " (the last evaluation)";
            yield return new Finding
            {
                Rule = Id,
                Severity = Severity.Info,
                Metric = series.Name,
                Phase = series.Key.Phase,
                Rank = series.Key.Rank,
                FromStep = best.Step,
                ToStep = best.Step,
                Message = $"Best {series.Key.Phase.ToName()} {series.Name} is {Numbers.Text(best.Value)} at {metric.Curve.Where(best)}{since}.",
                Advice = metric.SinceBest > 0
                    ? $"Use the checkpoint from {metric.Curve.Where(best)} (save_best / load_best_model_at_end keep it for you)."
                    : "The latest checkpoint is the best one so far.",
                Evidence = DoctorContext.Evidence(best.Source),
            };
        }
    }
}
