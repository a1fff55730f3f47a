using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Merging four columns of a part's block at once, a vector lane per series.</summary>
public sealed partial class SeriesSummary
{
    internal const int Lanes = 4;

    /// <summary>
    /// Folds in rows <paramref name="start"/> up to <paramref name="end"/> of columns <paramref name="column"/> on of a
    /// part's block into <paramref name="series"/> (one to four distinct series, one per column), each exactly as adding
    /// them one by one would; <paramref name="ordinals"/> are the series' counts before the block. Rows where every
    /// series has begun its sums and buckets its points, with finite values, are added a row at a time, a vector lane
    /// per series: each lane adds its own column's values in row order with the same operations, so sums, extremes and
    /// kept points are bit for bit those of adding them one by one. Other rows go one by one. Fewer than four series
    /// leave lanes that read the row's next cells and are never written back, so a Trainer dict's three values merge
    /// this way too. Once the block's last rows are in, <see cref="EndLanes"/> settles the series.
    /// </summary>
    internal static void MergeLanes(ReadOnlySpan<SeriesSummary> series, PartBlock block, int column, ReadOnlySpan<PartHead> heads, long lines,
        ReadOnlySpan<long> ordinals, int start, int end)
    {
        var used = series.Length;
        if (!Vector256.IsHardwareAccelerated || used is 0 or > Lanes)
        {
            for (var i = 0; i < used; i++)
            {
                var source = new BlockValues(block, column + i, heads, lines, ordinals[i]);
                for (var r = start; r < end; r++)
                {
                    series[i].Add(block.Value(r, column + i), source, r);
                }
            }

            return;
        }

        // A row's four cells are read at once: rows whose four would run past the block's values go one by one.
        var room = block.Values.Length - column - Lanes;
        var vectorRows = used == Lanes ? end : room < 0 ? 0 : Math.Min(end, (room / block.Width) + 1);
        var r0 = start;
        while (r0 < end)
        {
            var run = Math.Max(0, vectorRows - r0);
            for (var i = 0; i < used && run > 0; i++)
            {
                var one = series[i];
                run = one.FiniteCount > 0 && one._points.IsBucketing ? Math.Min(run, one._points.Room) : 0;
            }

            var stop = run > 0 ? AddRun(series, block, column, r0, r0 + run, heads, lines, ordinals) : r0;
            if (stop == r0)
            {
                // A series not ready for runs, or a value not finite: this row goes one by one.
                for (var i = 0; i < used; i++)
                {
                    series[i].Add(block.Value(r0, column + i), new BlockValues(block, column + i, heads, lines, ordinals[i]), r0);
                }

                stop = r0 + 1;
            }

            r0 = stop;
        }
    }

    /// <summary>Settles the series a block's columns merged into: what they keep of the block becomes points.</summary>
    internal static void EndLanes(ReadOnlySpan<SeriesSummary> series, PartBlock block, int column, ReadOnlySpan<PartHead> heads, long lines, ReadOnlySpan<long> ordinals)
    {
        for (var i = 0; i < series.Length; i++)
        {
            var source = new BlockValues(block, column + i, heads, lines, ordinals[i]);
            series[i].Settle(source);
            series[i]._last = source.Point(block.Rows - 1);
        }
    }

    /// <summary>Adds rows from <paramref name="start"/> up to <paramref name="end"/> a row at a time; stops at a row with a value not finite, and returns where it stopped.</summary>
    [SkipLocalsInit] // every lane of the stack spans is written before it is read; zeroing them cost more than a short run
    private static int AddRun(ReadOnlySpan<SeriesSummary> series, PartBlock block, int column, int start, int end, ReadOnlySpan<PartHead> heads, long lines, ReadOnlySpan<long> ordinals)
    {
        // Lanes past the series read other cells; they start empty and are never written back.
        var used = series.Length;
        Span<double> shifts = stackalloc double[Lanes];
        Span<double> sums = stackalloc double[Lanes];
        Span<double> squareSums = stackalloc double[Lanes];
        Span<double> mins = stackalloc double[Lanes];
        Span<double> maxes = stackalloc double[Lanes];
        Span<long> minAts = stackalloc long[Lanes];
        Span<long> maxAts = stackalloc long[Lanes];
        Span<double> lows = stackalloc double[Lanes];
        Span<double> highs = stackalloc double[Lanes];
        Span<long> lowAt = stackalloc long[Lanes];
        Span<long> highAt = stackalloc long[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            if (i < used)
            {
                var one = series[i];
                (shifts[i], sums[i], squareSums[i]) = (one._shift, one._sum, one._sumOfSquares);
                (mins[i], maxes[i], minAts[i], maxAts[i]) = (one._minValue, one._maxValue, one._pending.Min, one._pending.Max);
                one._points.OpenBucket(out lows[i], out highs[i], out var a, out var b);
                (lowAt[i], highAt[i]) = (a, b);
            }
            else
            {
                (shifts[i], sums[i], squareSums[i], minAts[i], maxAts[i], lowAt[i], highAt[i]) = (0, 0, 0, 0, 0, 0, 0);
                (mins[i], maxes[i], lows[i], highs[i]) = (double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity, double.NegativeInfinity);
            }
        }

        var shift = Vector256.Create<double>(shifts);
        var sum = Vector256.Create<double>(sums);
        var squares = Vector256.Create<double>(squareSums);
        var min = Vector256.Create<double>(mins);
        var max = Vector256.Create<double>(maxes);
        var minAt = Vector256.Create<long>(minAts);
        var maxAt = Vector256.Create<long>(maxAts);
        var bucketMin = Vector256.Create<double>(lows);
        var bucketMax = Vector256.Create<double>(highs);
        var bucketMinAt = Vector256.Create<long>(lowAt);
        var bucketMaxAt = Vector256.Create<long>(highAt);
        // A cell is not finite when all its exponent bits are set; the unused lanes' bits are cleared first, so their
        // cells never compare equal and stop a run.
        var exponent = Vector256.Create(0x7FF0_0000_0000_0000L);
        var usedExponent = exponent & LaneMask(used);
        var at = Vector256.Create((long)start);
        var values = block.Values;
        var stride = block.Width;
        var r = start;
        for (; r < end; r++)
        {
            var v = Vector256.Create(values.Slice(r * stride + column, Lanes));
            if (Vector256.EqualsAny(v.AsInt64() & usedExponent, exponent))
            {
                break;
            }

            var d = v - shift;
            sum += d;
            squares += d * d;
            // A value below the minimum is not above the maximum: the two tests are those of Add's if and else.
            var below = Vector256.LessThan(v, min);
            min = Vector256.ConditionalSelect(below, v, min);
            minAt = Vector256.ConditionalSelect(below.AsInt64(), at, minAt);
            var above = Vector256.GreaterThan(v, max);
            max = Vector256.ConditionalSelect(above, v, max);
            maxAt = Vector256.ConditionalSelect(above.AsInt64(), at, maxAt);
            below = Vector256.LessThan(v, bucketMin);
            bucketMin = Vector256.ConditionalSelect(below, v, bucketMin);
            bucketMinAt = Vector256.ConditionalSelect(below.AsInt64(), at, bucketMinAt);
            above = Vector256.GreaterThan(v, bucketMax);
            bucketMax = Vector256.ConditionalSelect(above, v, bucketMax);
            bucketMaxAt = Vector256.ConditionalSelect(above.AsInt64(), at, bucketMaxAt);
            at += Vector256<long>.One;
        }

        var added = r - start;
        if (added == 0)
        {
            return start;
        }

        for (var i = 0; i < used; i++)
        {
            var one = series[i];
            one.Count += added;
            one.FiniteCount += added;
            (one._sum, one._sumOfSquares) = (sum[i], squares[i]);
            (one._minValue, one._maxValue) = (min[i], max[i]);
            (one._pending.Min, one._pending.Max) = ((int)minAt[i], (int)maxAt[i]);
            one._points.AddedToBucket(
                added, bucketMin[i], bucketMax[i], (int)bucketMinAt[i], (int)bucketMaxAt[i],
                new BlockValues(block, column + i, heads, lines, ordinals[i]));
        }

        return r;
    }

    /// <summary>All bits set in the first <paramref name="used"/> lanes, none in the others.</summary>
    private static Vector256<long> LaneMask(int used)
        => Vector256.GreaterThan(Vector256.Create((long)used), Vector256.Create(0L, 1, 2, 3));
}
