using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Analysis.Doctor;

/// <summary>Builds trend curves: epoch means when there are epochs, else evaluations, else medians of batch windows.</summary>
public static class Curves
{
    private const int MinEpochs = 3;
    private const int MaxWindows = 30;
    private const int MinPointsPerWindow = 5;

    /// <summary>The curve of a series, or null when it has too few values to carry a trend.</summary>
    public static MetricCurve? Of(RunSummary run, SeriesSummary series) => Of(run, series, series.Points());

    /// <summary>The curve of some of a series' points (one launch of an appended log).</summary>
    public static MetricCurve? Of(RunSummary run, SeriesSummary series, IReadOnlyList<SeriesPoint> kept)
    {
        // Usually every kept point is finite and the points are an array of their own: they are used as they are.
        var points = kept is SeriesPoint[] array && Array.TrueForAll(array, p => double.IsFinite(p.Value))
            ? array
            : kept.Where(p => double.IsFinite(p.Value)).ToArray();
        var byEpoch = EpochCurve(run, series, points);
        if (byEpoch.Count >= MinEpochs)
        {
            return new MetricCurve(series, CurveKind.Epochs, byEpoch);
        }

        // Evaluations average a whole eval set and epoch rows a whole epoch: each is already a smoothed value.
        if (series.Key.Phase != Phase.Train || series.Axis == AxisKind.Epoch)
        {
            // Eval batches of a few epochs (MetricLogger `Test: [10/50]`) are not evaluations: wait for more epochs.
            if (points.Count(p => p.Epoch is not null) > 0 && points.Select(p => p.Epoch).Distinct().Count() * 2 < points.Length)
            {
                return null;
            }

            return points.Length >= MinEpochs
                ? new MetricCurve(series, CurveKind.Evaluations, points.Select(p => new CurvePoint(p.Step, p.Epoch, p.Value, p)).ToArray())
                : null;
        }

        var windows = Math.Min(MaxWindows, points.Length / MinPointsPerWindow);
        return windows >= MinEpochs ? new MetricCurve(series, CurveKind.Windows, Windowed(points, windows)) : null;
    }

    private static List<CurvePoint> EpochCurve(RunSummary run, SeriesSummary series, SeriesPoint[] points)
    {
        var lastInEpoch = new Dictionary<int, SeriesPoint>();
        foreach (var p in points)
        {
            if (p.Epoch is int e)
            {
                lastInEpoch[e] = p;
            }
        }

        // Only the epochs the kept points span: an earlier launch's epochs belong to another run.
        var first = points.Length == series.Count ? int.MinValue : points.Where(p => p.Epoch is not null).Select(p => p.Epoch!.Value).DefaultIfEmpty(int.MinValue).Min();
        var curve = new List<CurvePoint>();
        foreach (var epoch in run.Epochs)
        {
            if (epoch.Epoch < first || epoch.Phase != series.Key.Phase || !epoch.Metrics.TryGetValue(series.Name, out var stat)
                || stat.Mean is not double mean || !double.IsFinite(mean))
            {
                continue;
            }

            SeriesPoint? source = lastInEpoch.TryGetValue(epoch.Epoch, out var p) ? p : null;
            curve.Add(new CurvePoint(source?.Step ?? epoch.Epoch, epoch.Epoch, mean, source));
        }

        return curve;
    }

    private static CurvePoint[] Windowed(SeriesPoint[] points, int windows)
    {
        var result = new CurvePoint[windows];
        var values = new double[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            values[i] = points[i].Value;
        }

        for (var w = 0; w < windows; w++)
        {
            var start = (int)((long)w * points.Length / windows);
            var end = (int)((long)(w + 1) * points.Length / windows);
            var last = points[end - 1];
            result[w] = new CurvePoint(last.Step, last.Epoch, RobustStats.Median(values, start, end - start), last);
        }

        return result;
    }
}
