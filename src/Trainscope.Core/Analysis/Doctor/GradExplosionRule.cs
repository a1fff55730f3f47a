using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`grad-explosion`: a gradient norm above an absolute limit, or far above its running median.</summary>
public static class GradExplosionRule
{
    public const string Id = "grad-explosion";
    private const int Baseline = 50;

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var absolute = context.Options["grad-explosion.absolute"];
        var factor = context.Options["grad-explosion.median"];
        foreach (var series in context.WithRole(MetricRole.GradNorm, Phase.Train))
        {
            var points = context.Points(series).Where(p => double.IsFinite(p.Value)).ToArray();
            var values = points.Select(p => p.Value).ToArray();
            var count = 0;
            int? worst = null;
            var firstAt = 0;
            double worstMedian = 0;
            for (var i = 0; i < points.Length; i++)
            {
                var window = Math.Min(i, Baseline);
                var median = window >= 10 ? RobustStats.Median(values, i - window, window) : double.NaN;
                var relative = window >= 10 && median > 0 && values[i] > factor * median;
                if (values[i] <= absolute && !relative)
                {
                    continue;
                }

                firstAt = count++ == 0 ? i : firstAt;
                if (worst is null || values[i] > values[worst.Value])
                {
                    (worst, worstMedian) = (i, median);
                }
            }

            if (worst is not int at)
            {
                continue;
            }

            var first = points[firstAt];
            var baseline = double.IsNaN(worstMedian) ? "" : $" (running median {Numbers.Text(worstMedian)})";
            yield return series.Finding(Id, Severity.Warning, first.Step, points[at].Step,
                message: $"{series.Name} reached {Numbers.Text(values[at])} at step {points[at].Step}{baseline}; {count} of {points.Length} "
                    + $"logged values are above {Numbers.Text(absolute)} or {Numbers.Text(factor)}× the running median.",
                advice: "Clip gradients (max_grad_norm 1.0 is common), lower the learning rate or lengthen warm-up; if the norm is printed "
                    + "before clipping and the loss is fine, raise grad-explosion.absolute for this model.",
                evidence: [DoctorContext.Evidence(points[at])]);
        }
    }
}
