using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>One kept observation of a series, with where it came from (for evidence).</summary>
/// <remarks>
/// Series copy points on every value (last, extremes, the bounded copy), so the optional parts are stored without
/// <see cref="Nullable{T}"/>'s padding: 64 bytes a point instead of 80.
/// </remarks>
public readonly struct SeriesPoint : IEquatable<SeriesPoint>
{
    private readonly double _average;
    private readonly DateTime _time;
    private readonly int _epoch;
    private readonly Parts _parts;

    /// <param name="step">Global step; when the log gave none, the sample's ordinal within its series.</param>
    public SeriesPoint(long step, double value, double? average, int? epoch, DateTime? time, SourceInfo source, long line, long offset)
    {
        Step = step;
        Value = value;
        Source = source;
        Line = line;
        Offset = offset;
        _average = average.GetValueOrDefault();
        _time = time.GetValueOrDefault();
        _epoch = epoch.GetValueOrDefault();
        _parts = (average.HasValue ? Parts.Average : 0) | (time.HasValue ? Parts.Time : 0) | (epoch.HasValue ? Parts.Epoch : 0);
    }

    [Flags]
    private enum Parts : byte
    {
        Average = 1,
        Time = 2,
        Epoch = 4,
    }

    /// <summary>Global step; when the log gave none, the sample's ordinal within its series.</summary>
    public long Step { get; }

    public double Value { get; }

    public double? Average => (_parts & Parts.Average) != 0 ? _average : null;

    public int? Epoch => (_parts & Parts.Epoch) != 0 ? _epoch : null;

    public DateTime? Time => (_parts & Parts.Time) != 0 ? _time : null;

    public SourceInfo Source { get; }

    public long Line { get; }

    public long Offset { get; }

    public static bool operator ==(SeriesPoint left, SeriesPoint right) => left.Equals(right);

    public static bool operator !=(SeriesPoint left, SeriesPoint right) => !left.Equals(right);

    public bool Equals(SeriesPoint other)
        => Step == other.Step && Value.Equals(other.Value) && _average.Equals(other._average) && _time == other._time
            && _epoch == other._epoch && _parts == other._parts && ReferenceEquals(Source, other.Source) && Line == other.Line
            && Offset == other.Offset;

    public override bool Equals(object? obj) => obj is SeriesPoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Step, Value, Line, Offset);

    public override string ToString() => $"{Source}:{Line} step {Step} = {Value}";
}
