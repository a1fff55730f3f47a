using MathNet.Numerics.Statistics;

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
        var hasNaN = false;
        for (var i = 0; i < count; i++)
        {
            copy[i] = values[start + i];
            hasNaN |= double.IsNaN(copy[i]);
        }

        if (!hasNaN)
        {
            // A selection, not a sort: a curve of 50,000 epochs is measured several times by the rules. Math.NET
            // takes the mean of the two middle values of an even count, as the sorted definition below does.
            return ArrayStatistics.MedianInplace(copy);
        }

        // NaN sorts first and so counts as the lowest value; a selection's comparisons would not say where it goes.
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

        var sorted = new double[count];
        for (var i = 0; i < count; i++)
        {
            sorted[i] = values[start + i];
        }

        // S = Σ_{i<j} sign(x_j − x_i) = pairs − 2·(pairs out of order) − (tied pairs), the out-of-order pairs counted while
        // merge-sorting: n log n instead of every pair.
        var inversions = SortCountingInversions(sorted, new double[count]);
        long tiedPairs = 0;
        long tieTerms = 0;
        var run = 1;
        for (var i = 1; i <= count; i++)
        {
            if (i < count && sorted[i] == sorted[i - 1])
            {
                run++;
                continue;
            }

            tiedPairs += (long)run * (run - 1) / 2;
            tieTerms += TieTerm(run);
            run = 1;
        }

        var pairs = (long)count * (count - 1) / 2;
        return MannKendallZ(pairs - (2 * inversions) - tiedPairs, count, tieTerms);
    }

    /// <summary>
    /// The z of a Mann–Kendall S over <paramref name="count"/> values whose ties add up to <paramref name="tieTerms"/>
    /// (<see cref="TieTerm"/> of each group of equal values): the variance is exact in integers before its one division.
    /// </summary>
    public static double MannKendallZ(long s, int count, long tieTerms)
    {
        var variance = (double)(TieTerm(count) - tieTerms) / 18;
        if (variance <= 0 || s == 0)
        {
            return 0;
        }

        return (s > 0 ? s - 1 : s + 1) / Math.Sqrt(variance);
    }

    /// <summary>t(t−1)(2t+5): a group of t equal values' share of the Mann–Kendall variance, times 18 (n values: the whole).</summary>
    public static long TieTerm(long t) => t * (t - 1) * ((2 * t) + 5);

    /// <summary>Sorts ascending (bottom-up merge sort) and returns the number of pairs i &lt; j with x_i &gt; x_j.</summary>
    private static long SortCountingInversions(double[] values, double[] scratch)
    {
        long inversions = 0;
        var from = values;
        var to = scratch;
        for (var width = 1; width < values.Length; width *= 2)
        {
            for (var left = 0; left < values.Length; left += 2 * width)
            {
                var middle = Math.Min(left + width, values.Length);
                var end = Math.Min(left + (2 * width), values.Length);
                int i = left, j = middle, k = left;
                while (i < middle && j < end)
                {
                    if (from[j] < from[i])
                    {
                        // from[j] comes before every value left in the left run, all of which are larger.
                        inversions += middle - i;
                        to[k++] = from[j++];
                    }
                    else
                    {
                        to[k++] = from[i++];
                    }
                }

                while (i < middle)
                {
                    to[k++] = from[i++];
                }

                while (j < end)
                {
                    to[k++] = from[j++];
                }
            }

            (from, to) = (to, from);
        }

        if (!ReferenceEquals(from, values))
        {
            from.CopyTo(values, 0);
        }

        return inversions;
    }
}
