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

    // The rows added but not yet summed: consecutive rows of one block, from its row _firstRow.
    private PartBlock? _block;
    private int _firstRow;
    private int _pendingRows;

    /// <summary>Rows summed at once: a run of a wide block's rows still in the first-level cache.</summary>
    private const int RunRows = 64;

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

        (_block, _pendingRows) = (null, 0); // End summed the rows of the stats before
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

    /// <summary>
    /// Adds the last row of <paramref name="block"/>, a value per column: finite values only, as
    /// <see cref="EpochStat.Add"/> does. Rows are added in runs of the block's consecutive rows: each lane then keeps
    /// its sums in a register down the run instead of storing them after every row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(PartBlock block)
    {
        var row = block.Rows - 1;
        if (!ReferenceEquals(block, _block) || row != _firstRow + _pendingRows)
        {
            Flush();
            (_block, _firstRow) = (block, row);
        }

        if (++_pendingRows == RunRows)
        {
            Flush();
            _firstRow = row + 1;
        }
    }

    /// <summary>Adds the pending rows, a vector of columns down the run at a time; the columns past the last whole vector one by one.</summary>
    private void Flush()
    {
        var rows = _pendingRows;
        if (rows == 0 || _block is not { } block)
        {
            return;
        }

        _pendingRows = 0;
        var width = block.Width;
        var values = block.Values.Slice(_firstRow * width, rows * width);
        var whole = width / LaneCount * LaneCount;
        var exponent = new Vector<long>(0x7FF0_0000_0000_0000);
        ref var first = ref MemoryMarshal.GetReference(values);
        for (var c = 0; c < whole; c += LaneCount)
        {
            var count = new Vector<long>(_counts.AsSpan(c));
            var sum = new Vector<double>(_sums.AsSpan(c));
            var min = new Vector<double>(_mins.AsSpan(c));
            var max = new Vector<double>(_maxes.AsSpan(c));
            for (var r = 0; r < rows; r++)
            {
                var v = Vector.LoadUnsafe(ref first, (nuint)(r * width + c));
                // Finite unless every exponent bit is set (infinities and NaN).
                var finite = ~Vector.Equals(Vector.AsVectorInt64(v) & exponent, exponent);
                count -= finite;
                // Adding +0 leaves a sum as it was: a sum begun at +0 is never -0.
                sum += Vector.ConditionalSelect(finite, v, Vector<double>.Zero);
                min = Vector.ConditionalSelect(finite & Vector.LessThan(v, min), v, min);
                max = Vector.ConditionalSelect(finite & Vector.GreaterThan(v, max), v, max);
            }

            count.CopyTo(_counts.AsSpan(c));
            sum.CopyTo(_sums.AsSpan(c));
            min.CopyTo(_mins.AsSpan(c));
            max.CopyTo(_maxes.AsSpan(c));
        }

        for (var c = whole; c < width; c++)
        {
            for (var r = 0; r < rows; r++)
            {
                var v = values[r * width + c];
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
    }

    /// <summary>Puts the lanes back into their stats.</summary>
    public void End()
    {
        if (!IsOpen)
        {
            return;
        }

        Flush();
        _block = null;
        for (var c = 0; c < _width; c++)
        {
            _stats[c]?.Set(_counts[c], _sums[c], _mins[c], _maxes[c]);
            _stats[c] = null;
        }

        IsOpen = false;
    }
}
