namespace Trainscope.Web.Series;

/// <summary>One or more consecutive points of a series: x values of its first point, finite min/max, last value, non-finite count.</summary>
/// <remarks>Axes without a value (no epoch, no timestamp) are NaN. Min and max are NaN when no value was finite.</remarks>
public readonly record struct SeriesBucket(
    double Step,
    double Epoch,
    double Time,
    double Min,
    double Max,
    double LastValue,
    int Points,
    int NonFinite)
{
    public static SeriesBucket Of(double step, double epoch, double time, double value)
    {
        var finite = double.IsFinite(value);
        return new SeriesBucket(step, epoch, time, finite ? value : double.NaN, finite ? value : double.NaN, value, 1, finite ? 0 : 1);
    }

    public static SeriesBucket Merge(in SeriesBucket a, in SeriesBucket b) => new(
        a.Step,
        a.Epoch,
        a.Time,
        MinOf(a.Min, b.Min),
        MaxOf(a.Max, b.Max),
        b.LastValue,
        a.Points + b.Points,
        a.NonFinite + b.NonFinite);

    /// <summary>The bucket's x on an axis.</summary>
    public double X(SeriesAxis axis) => axis switch
    {
        SeriesAxis.Epoch => Epoch,
        SeriesAxis.Time => Time,
        _ => Step,
    };

    // NaN means "no finite value yet", so it never wins.
    private static double MinOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    private static double MaxOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}

/// <summary>The x axis a series is read along.</summary>
public enum SeriesAxis : byte
{
    Step,
    Epoch,

    /// <summary>Wall-clock time, seconds since the Unix epoch.</summary>
    Time,
}
