using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>
/// Consecutive lines of one layout in a part read on its own: a row per line, a column per value position (one series
/// each), and per row the index of the line's head in the part. A part's values are a sequence of blocks in line order,
/// so a series' values come out in order block by block, and a row's values sit side by side for the epoch sums, which
/// add four columns at a time (<see cref="EpochLanes"/>).
/// </summary>
internal sealed class PartBlock
{
    private double[] _values = new double[256];
    private double[] _averages = [];
    private bool[] _hasAverage = [];
    private int[] _heads = new int[16];
    private SeriesSummary[] _series = new SeriesSummary[16];

    /// <summary>The part's series of each column.</summary>
    public ReadOnlySpan<SeriesSummary> Series => _series.AsSpan(0, Width);

    public int Width { get; private set; }

    public int Rows { get; private set; }

    private int _rank;

    /// <summary>Starts the block for lines of one rank whose values are of <paramref name="series"/>, one per column.</summary>
    public void Begin(int? rank, ReadOnlySpan<SeriesSummary> series)
    {
        (_rank, Width, Rows) = (rank ?? int.MinValue, series.Length, 0);
        if (_series.Length < Width)
        {
            _series = new SeriesSummary[Math.Max(Width, _series.Length * 2)];
        }

        series.CopyTo(_series);
    }

    /// <summary>Whether a line of <paramref name="rank"/> and <paramref name="width"/> values, of the block's series, goes on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Continues(int? rank, int width) => Width == width && _rank == (rank ?? int.MinValue);

    /// <summary>Adds a row for the line of head <paramref name="head"/>; its values are set through the span returned.</summary>
    public Span<double> AddRow(int head)
    {
        var start = Rows * Width;
        if (start + Width > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(start + Width, _values.Length * 2));
        }

        if (Rows == _heads.Length)
        {
            Array.Resize(ref _heads, Rows * 2);
        }

        _heads[Rows++] = head;
        return _values.AsSpan(start, Width);
    }

    /// <summary>The printed averages of the last row and whether each column has one (all false to begin with).</summary>
    public void AveragesOfLastRow(out Span<double> averages, out Span<bool> hasAverage)
    {
        var start = (Rows - 1) * Width;
        if (_hasAverage.Length < start + Width)
        {
            // Rows before had none: the new arrays start cleared, and grow with the values.
            var size = Math.Max(_values.Length, start + Width);
            Array.Resize(ref _averages, size);
            Array.Resize(ref _hasAverage, size);
        }

        averages = _averages.AsSpan(start, Width);
        hasAverage = _hasAverage.AsSpan(start, Width);
    }

    /// <summary>Takes back the last row (a line found not to belong to the block while it was copied).</summary>
    public void RemoveLastRow()
    {
        Rows--;
        var start = Rows * Width;
        if (start < _hasAverage.Length)
        {
            _hasAverage.AsSpan(start, Math.Min(Width, _hasAverage.Length - start)).Clear();
        }
    }

    /// <summary>The rows one after another, <see cref="Width"/> apart.</summary>
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Rows * Width);

    /// <summary>
    /// Asks for rows <paramref name="start"/> up to <paramref name="end"/> to be brought into this core's cache. The
    /// merge reads them four columns at a time, a few bytes of each row, on another core than the one that wrote them:
    /// touched in order they arrive together instead of a cache line at a time as each four columns reach it.
    /// </summary>
    public unsafe void Prefetch(int start, int end)
    {
        if (!Sse.IsSupported || end <= start)
        {
            return;
        }

        const int line = 64;
        var bytes = (end - start) * Width * sizeof(double);
        fixed (double* first = &_values[start * Width])
        {
            var at = (byte*)first;
            for (var offset = 0; offset < bytes; offset += line)
            {
                Sse.Prefetch1(at + offset);
            }

            Sse.Prefetch1(at + bytes - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int row, int column) => _values[row * Width + column];

    public int Head(int row) => _heads[row];

    /// <summary>The point of the value at <paramref name="row"/>, <paramref name="column"/>: <paramref name="step"/> as its series numbers it.</summary>
    public SeriesPoint Point(int row, int column, long step, ReadOnlySpan<PartHead> heads, long lines)
    {
        var at = row * Width + column;
        ref readonly var head = ref heads[_heads[row]];
        double? average = at < _hasAverage.Length && _hasAverage[at] ? _averages[at] : null;
        return new SeriesPoint(step, _values[at], average, head.Epoch, head.Timestamp, head.Source, head.Line + lines, head.Offset);
    }

    /// <summary>Empties the block for another layout; its arrays are kept.</summary>
    public void Clear()
    {
        _hasAverage.AsSpan(0, Math.Min(_hasAverage.Length, Rows * Width)).Clear();
        _series.AsSpan(0, Width).Clear();
        (Width, Rows) = (0, 0);
    }
}
