using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>`oscillation`: epoch means of the training loss go up and down in turn, by a lot, without a trend.</summary>
/// <remarks>Judged on epoch means only: batch losses always zig-zag (seed 001: "短期波动大" is normal).</remarks>
public static class OscillationRule
{
    public const string Id = "oscillation";

    public static IEnumerable<Finding> Evaluate(DoctorContext context)
    {
        var window = (int)context.Options["oscillation.window"];
        foreach (var series in context.WithRole(MetricRole.Loss, Phase.Train))
        {
            if (context.Curve(series) is not { Kind: CurveKind.Epochs } curve || window < 4 || curve.Count < window)
            {
                continue;
            }

            var values = curve.Values;
            var start = values.Count - window;
            var flips = 0;
            var changes = new double[window - 1];
            for (var i = start + 1; i < values.Count; i++)
            {
                changes[i - start - 1] = Math.Abs(values[i] - values[i - 1]);
                if (i > start + 1 && Math.Sign(values[i] - values[i - 1]) * Math.Sign(values[i - 1] - values[i - 2]) < 0)
                {
                    flips++;
                }
            }

            var alternation = flips / (double)(window - 2);
            // Independent noise alternates two times in three by chance; a real up-down cycle also makes neighbours anti-correlated.
            var correlation = Lag1Correlation(values, start, window);
            var amplitude = RobustStats.Median(changes) / TrendFinder.Level(values, start, window);
            if (alternation < context.Options["oscillation.alternation"] || amplitude < context.Options["oscillation.amplitude"]
                || correlation > context.Options["oscillation.correlation"]
                || Math.Abs(RobustStats.MannKendallZ(values, start, window)) > 2.33)
            {
                continue;
            }

            var from = curve.Points[start];
            var last = curve.Points[^1];
            yield return series.Finding(Id, Severity.Warning, from.Step, last.Step,
                message: $"{series.Name}'s epoch means alternated up and down in {flips} of {window - 2} epochs from {curve.Where(from)} to "
                    + $"{curve.Where(last)}, by a median {Numbers.Percent(amplitude)} of their level, with no downward trend.",
                advice: "The learning rate is probably too high for the batch size: lower it (or decay it sooner), raise the batch size or "
                    + "gradient accumulation, or add gradient clipping.",
                evidence: DoctorContext.Evidence(from.Source, last.Source));
        }
    }

    /// <summary>Lag-1 autocorrelation of the values after removing their Theil–Sen line.</summary>
    private static double Lag1Correlation(IReadOnlyList<double> values, int start, int count)
    {
        var slope = RobustStats.TheilSenSlope(values, start, count);
        var residuals = new double[count];
        for (var i = 0; i < count; i++)
        {
            residuals[i] = values[start + i] - (slope * i);
        }

        var mean = residuals.Average();
        double numerator = 0, denominator = 0;
        for (var i = 0; i < count; i++)
        {
            denominator += (residuals[i] - mean) * (residuals[i] - mean);
            if (i > 0)
            {
                numerator += (residuals[i] - mean) * (residuals[i - 1] - mean);
            }
        }

        return denominator > 0 ? numerator / denominator : 0;
    }
}
