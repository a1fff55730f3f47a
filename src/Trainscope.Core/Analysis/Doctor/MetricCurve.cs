using Trainscope.Aggregation;

namespace Trainscope.Analysis.Doctor;

/// <summary>One value of a curve: an epoch mean, an evaluation, or the median of a window of batches.</summary>
/// <param name="Source">A logged point of the series inside this value, for evidence.</param>
public readonly record struct CurvePoint(long Step, int? Epoch, double Value, SeriesPoint? Source);

/// <summary>A series reduced to values that carry a trend and not batch noise; what trend rules judge.</summary>
public sealed class MetricCurve
{
    public MetricCurve(SeriesSummary series, CurveKind kind, IReadOnlyList<CurvePoint> points)
    {
        Series = series;
        Kind = kind;
        Points = points;
        Values = points.Select(p => p.Value).ToArray();
    }

    public SeriesSummary Series { get; }
    public CurveKind Kind { get; }
    public IReadOnlyList<CurvePoint> Points { get; }
    public IReadOnlyList<double> Values { get; }
    public int Count => Points.Count;

    /// <summary>"epoch", "evaluation" or "window", for messages.</summary>
    public string Unit => Kind switch
    {
        CurveKind.Epochs => "epoch",
        CurveKind.Evaluations => "evaluation",
        _ => "window",
    };

    /// <summary>Where a point sits, for messages: `epoch 12`, `step 4000`.</summary>
    public string Where(CurvePoint point) => point.Epoch is int e && Kind == CurveKind.Epochs ? $"epoch {e}" : $"step {point.Step}";
}

/// <summary>How a curve was made from its series.</summary>
public enum CurveKind : byte
{
    /// <summary>One value per epoch: the job's printed epoch mean, or the mean of what was logged in the epoch.</summary>
    Epochs,

    /// <summary>Each logged value as is: evaluations, or per-epoch rows.</summary>
    Evaluations,

    /// <summary>Medians of consecutive windows of batches.</summary>
    Windows,
}
