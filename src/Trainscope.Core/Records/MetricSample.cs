namespace Trainscope.Records;

/// <summary>One value of one metric, with where it came from and where in training it sits.</summary>
/// <remarks>A mutable struct passed by <c>in</c>: formats fill one per value on the hot path without allocating.</remarks>
public struct MetricSample
{
    public SourceInfo Source;
    public int? Rank;
    public long Line;
    public long Offset;
    public DateTime? Timestamp;
    public Phase Phase;
    public Position Position;

    /// <summary>Normalised metric name, without a phase prefix (`test_loss` → `loss` in <see cref="Phase.Test"/>).</summary>
    public string Name;

    public double Value;

    /// <summary>The running (smoothed) average printed beside the value (`loss: 0.51 (0.49)`).</summary>
    public double? Average;

    public SampleKind Kind;
}
