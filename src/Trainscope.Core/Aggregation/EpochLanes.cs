using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainscope.Aggregation;

/// <summary>
/// The epoch statistics of a block's columns while its rows stay in one epoch, one lane per column: a row's values are
/// added a vector of columns at a time. Each lane starts from its stat's count, sum and extremes and adds its column's
/// values in row order, so the sums are bit for bit those of adding the values one by one.
/// </summary>
internal sealed class EpochLanes
{
    private static readonly int LaneCount = Vector<double>.Count;
    private EpochStat?[] _stats = new EpochStat?[16];
    private long[] _counts = new long[16];
    private double[] _sums = new double[16];
    private double[] _mins = new double[16];
    private double[] _maxes = new double[16];
    private int _width;

    /// <summary>Whether a row's values are being added (some column has a stat).</summary>
    public bool IsOpen { get; private set; }

    private static int Padded(int width) => (width + LaneCount - 1) / LaneCount * LaneCount;

    /// <summary>Starts adding to <paramref name="stats"/>, one per column; a null one (a value no stat takes) is skipped.</summary>
    public void Begin(ReadOnlySpan<EpochStat?> stats)
    {
        var padded = Padded(stats.Length);
        if (_counts.Length < padded)
        {
            _stats = new EpochStat?[padded];
            _counts = new long[padded];
            _sums = new double[padded];
            _mins = new double[padded];
            _maxes = new double[padded];
        }

        _width = stats.Length;
        for (var c = 0; c < padded; c++)
        {
            var stat = c < stats.Length ? stats[c] : null;
            _stats[c] = stat;
            (_counts[c], _sums[c]) = stat is null ? (0, 0) : (stat.Count, stat.Sum);
            (_mins[c], _maxes[c]) = stat is null
                ? (double.PositiveInfinity, double.NegativeInfinity)
                : (stat.ObservedMin, stat.ObservedMax);
        }

        IsOpen = true;
    }

    /// <summary>Adds one row, a value per column: finite values only, as <see cref="EpochStat.Add"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ReadOnlySpan<double> row)
    {
        var whole = row.Length / LaneCount * LaneCount;
        var exponent = new Vector<long>(0x7FF0_0000_0000_0000);
        var values = MemoryMarshal.Cast<double, Vector<double>>(row[..whole]);
        var counts = MemoryMarshal.Cast<long, Vector<long>>(_counts.AsSpan(0, whole));
        var sums = MemoryMarshal.Cast<double, Vector<double>>(_sums.AsSpan(0, whole));
        var mins = MemoryMarshal.Cast<double, Vector<double>>(_mins.AsSpan(0, whole));
        var maxes = MemoryMarshal.Cast<double, Vector<double>>(_maxes.AsSpan(0, whole));
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            // Finite unless every exponent bit is set (infinities and NaN).
            var finite = ~Vector.Equals(Vector.AsVectorInt64(v) & exponent, exponent);
            counts[i] -= finite;
            // Adding +0 leaves a sum as it was: a sum begun at +0 is never -0.
            sums[i] += Vector.ConditionalSelect(finite, v, Vector<double>.Zero);
            mins[i] = Vector.ConditionalSelect(finite & Vector.LessThan(v, mins[i]), v, mins[i]);
            maxes[i] = Vector.ConditionalSelect(finite & Vector.GreaterThan(v, maxes[i]), v, maxes[i]);
        }

        // The columns past the last whole vector, one by one with the same operations.
        for (var c = whole; c < row.Length; c++)
        {
            var v = row[c];
            if (!double.IsFinite(v))
            {
                continue;
            }

            _counts[c]++;
            _sums[c] += v;
            _mins[c] = v < _mins[c] ? v : _mins[c];
            _maxes[c] = v > _maxes[c] ? v : _maxes[c];
        }
    }

    /// <summary>Puts the lanes back into their stats.</summary>
    public void End()
    {
        if (!IsOpen)
        {
            return;
        }

        for (var c = 0; c < _width; c++)
        {
            _stats[c]?.Set(_counts[c], _sums[c], _mins[c], _maxes[c]);
            _stats[c] = null;
        }

        IsOpen = false;
    }
}
