using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>The metric a run is judged by: eval loss if logged, else an eval score; its best value and where.</summary>
public sealed record EvalMetric(SeriesSummary Series, MetricCurve Curve, bool LowerIsBetter, int BestIndex)
{
    public CurvePoint Best => Curve.Points[BestIndex];

    /// <summary>Evaluations after the best one.</summary>
    public int SinceBest => Curve.Count - 1 - BestIndex;

    public static IEnumerable<EvalMetric> All(DoctorContext context)
    {
        foreach (var series in context.Metrics.Where(s => s.Key.Phase != Phase.Train))
        {
            var role = MetricRoles.Of(series.Name);
            if (role is not (MetricRole.Loss or MetricRole.Score or MetricRole.ErrorRate) || context.Curve(series) is not { } curve)
            {
                continue;
            }

            var lower = MetricRoles.LowerIsBetter(role);
            var best = 0;
            for (var i = 1; i < curve.Count; i++)
            {
                // Ties keep the earlier evaluation: a later equal value is no improvement.
                best = lower ? (curve.Values[i] < curve.Values[best] ? i : best) : (curve.Values[i] > curve.Values[best] ? i : best);
            }

            yield return new EvalMetric(series, curve, lower, best);
        }
    }

    /// <summary>The eval loss named `loss` first, then other losses, then scores.</summary>
    public static EvalMetric? Primary(DoctorContext context)
        => All(context).OrderBy(m => m.Series.Key.Phase)
            .ThenBy(m => MetricRoles.Of(m.Series.Name) == MetricRole.Loss ? 0 : 1)
            .ThenBy(m => m.Series.Name == "loss" ? 0 : 1)
            .FirstOrDefault();
}
