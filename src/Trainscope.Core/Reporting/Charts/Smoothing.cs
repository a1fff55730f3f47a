namespace Trainscope.Reporting.Charts;

/// <summary>TensorBoard's scalar smoothing: an exponential moving average debiased for its zero start.</summary>
public static class Smoothing
{
    /// <summary>
    /// Smooths with weight <paramref name="weight"/> in [0, 1): 0 returns the values, 0.6 is TensorBoard's default.
    /// Non-finite values pass through unchanged and do not enter the average, so a NaN stays visible as a marker.
    /// </summary>
    public static double[] DebiasedEma(ReadOnlySpan<double> values, double weight)
    {
        var result = new double[values.Length];
        if (weight <= 0 || !double.IsFinite(weight))
        {
            values.CopyTo(result);
            return result;
        }

        weight = Math.Min(weight, 0.999);
        var last = 0.0;
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                result[i] = v;
                continue;
            }

            last = last * weight + (1 - weight) * v;
            count++;
            // Dividing by 1 - w^n removes the bias toward the zero the average started from.
            result[i] = last / (1 - Math.Pow(weight, count));
        }

        return result;
    }
}
