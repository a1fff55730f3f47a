namespace Trainscope.Web.Series;

/// <summary>What a chart draws for one series over an x range: at most about two points per pixel, plus NaN markers.</summary>
/// <param name="X">Ascending as the log wrote them; pairs share an x when a pixel's minimum and maximum are both kept.</param>
/// <param name="Y">Finite values only; non-finite values are reported in <paramref name="NonFiniteX"/> instead.</param>
/// <param name="NonFiniteX">Where NaN or infinite values were seen (one marker per pixel bucket at most).</param>
/// <param name="Total">Points in the whole series.</param>
/// <param name="Resolution">Points per kept bucket in the store (1 = every point was available).</param>
public sealed record SeriesWindow(double[] X, double[] Y, double[] NonFiniteX, long Total, int Resolution);

/// <summary>Cuts a series' kept buckets to an x range and reduces them to a pixel width with min/max per pixel bucket.</summary>
/// <remarks>
/// Min/max (rather than LTTB) because it can never drop a spike: each pixel shows the extremes of every value under it,
/// which is what someone hunting a loss spike needs. Both kinds of reduction give at most 2 × width points.
/// </remarks>
public static class SeriesDownsampler
{
    public const int MaxPoints = 8192;

    public static SeriesWindow Window(IReadOnlyList<SeriesBucket> buckets, SeriesAxis axis, double from, double to, int points, long total, int resolution)
    {
        points = Math.Clamp(points, 2, MaxPoints);
        var inRange = new List<SeriesBucket>();
        foreach (var b in buckets)
        {
            var x = b.X(axis);
            if (double.IsFinite(x) && x >= from && x <= to)
            {
                inRange.Add(b);
            }
        }

        var xs = new List<double>();
        var ys = new List<double>();
        var nonFinite = new List<double>();
        if (inRange.Count <= points)
        {
            foreach (var b in inRange)
            {
                Emit(b, b.X(axis), xs, ys, nonFinite);
            }
        }
        else
        {
            // Pixel buckets of equal bucket count; kept buckets are already spread evenly over the series' points.
            var per = (double)inRange.Count / points;
            for (var p = 0; p < points; p++)
            {
                var start = (int)(p * per);
                var end = Math.Min(inRange.Count, (int)((p + 1) * per));
                if (end <= start)
                {
                    continue;
                }

                var merged = inRange[start];
                for (var i = start + 1; i < end; i++)
                {
                    merged = SeriesBucket.Merge(merged, inRange[i]);
                }

                Emit(merged, inRange[start].X(axis), xs, ys, nonFinite, inRange[end - 1].X(axis));
            }
        }

        return new SeriesWindow([.. xs], [.. ys], [.. nonFinite], total, resolution);
    }

    private static void Emit(in SeriesBucket b, double x, List<double> xs, List<double> ys, List<double> nonFinite, double? lastX = null)
    {
        if (b.NonFinite > 0)
        {
            nonFinite.Add(x);
        }

        if (double.IsNaN(b.Min))
        {
            return;
        }

        if (b.Points == 1 || b.Min == b.Max)
        {
            xs.Add(x);
            ys.Add(b.Min);
            return;
        }

        // The extreme nearer the bucket's last value comes second, so the line continues from where the bucket ended.
        var endX = lastX ?? x;
        var risingToEnd = Math.Abs(b.LastValue - b.Max) <= Math.Abs(b.LastValue - b.Min);
        xs.Add(x);
        ys.Add(risingToEnd ? b.Min : b.Max);
        xs.Add(endX);
        ys.Add(risingToEnd ? b.Max : b.Min);
    }
}
