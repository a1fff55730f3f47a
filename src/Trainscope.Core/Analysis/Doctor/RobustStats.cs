namespace Trainscope.Analysis.Doctor;

/// <summary>Outlier-resistant statistics for judging training curves: median, MAD, Theil–Sen slope, Mann–Kendall trend.</summary>
public static class RobustStats
{
    /// <summary>Scales a MAD to a standard deviation for normally distributed noise.</summary>
    public const double MadToSigma = 1.4826;

    public static double Median(IReadOnlyList<double> values) => Median(values, 0, values.Count);

    public static double Median(IReadOnlyList<double> values, int start, int count)
    {
        if (count <= 0)
        {
            return double.NaN;
        }

        var copy = new double[count];
        for (var i = 0; i < count; i++)
        {
            copy[i] = values[start + i];
        }

        Array.Sort(copy);
        return count % 2 == 1 ? copy[count / 2] : (copy[(count / 2) - 1] + copy[count / 2]) / 2;
    }

    /// <summary>Median absolute deviation from the median (unscaled).</summary>
    public static double Mad(IReadOnlyList<double> values, int start, int count)
    {
        var median = Median(values, start, count);
        var deviations = new double[count];
        for (var i = 0; i < count; i++)
        {
            deviations[i] = Math.Abs(values[start + i] - median);
        }

        return Median(deviations);
    }

    public static double Mad(IReadOnlyList<double> values) => Mad(values, 0, values.Count);

    /// <summary>Theil–Sen slope per index: the median of all pairwise slopes (robust to a few outliers).</summary>
    public static double TheilSenSlope(IReadOnlyList<double> values, int start, int count)
    {
        if (count < 2)
        {
            return 0;
        }

        var slopes = new List<double>(count * (count - 1) / 2);
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                slopes.Add((values[start + j] - values[start + i]) / (j - i));
            }
        }

        return Median(slopes);
    }

    /// <summary>Mann–Kendall z-score: positive for a rising series; |z| above 2.33 is a trend at one-sided p &lt; 0.01.</summary>
    /// <remarks>Variance n(n−1)(2n+5)/18 with the usual tie correction and continuity correction (Kendall 1975).</remarks>
    public static double MannKendallZ(IReadOnlyList<double> values, int start, int count)
    {
        if (count < 3)
        {
            return 0;
        }

        long s = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                s += Math.Sign(values[start + j] - values[start + i]);
            }
        }

        double n = count;
        var variance = n * (n - 1) * ((2 * n) + 5) / 18;
        foreach (var tie in TieSizes(values, start, count))
        {
            variance -= tie * (tie - 1) * ((2.0 * tie) + 5) / 18;
        }

        if (variance <= 0 || s == 0)
        {
            return 0;
        }

        return (s > 0 ? s - 1 : s + 1) / Math.Sqrt(variance);
    }

    private static IEnumerable<int> TieSizes(IReadOnlyList<double> values, int start, int count)
    {
        var sorted = new double[count];
        for (var i = 0; i < count; i++)
        {
            sorted[i] = values[start + i];
        }

        Array.Sort(sorted);
        var run = 1;
        for (var i = 1; i <= count; i++)
        {
            if (i < count && sorted[i] == sorted[i - 1])
            {
                run++;
                continue;
            }

            if (run > 1)
            {
                yield return run;
            }

            run = 1;
        }
    }
}
