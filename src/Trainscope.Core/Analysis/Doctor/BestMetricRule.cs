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
            yield return series.Finding(Id, Severity.Info, best.Step, best.Step,
                message: $"Best {series.Key.Phase.ToName()} {series.Name} is {Numbers.Text(best.Value)} at {metric.Curve.Where(best)}{since}.",
                advice: metric.SinceBest > 0
                    ? $"Use the checkpoint from {metric.Curve.Where(best)} (save_best / load_best_model_at_end keep it for you)."
                    : "The latest checkpoint is the best one so far.",
                evidence: DoctorContext.Evidence(best.Source));
        }
    }
}
