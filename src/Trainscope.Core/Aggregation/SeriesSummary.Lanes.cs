using System.Runtime.Intrinsics;
using Trainscope.Records;

namespace Trainscope.Aggregation;

/// <summary>Merging four columns of a part's block at once, a vector lane per series.</summary>
public sealed partial class SeriesSummary
{
    internal const int Lanes = 4;

    /// <summary>
    /// Folds in columns <paramref name="column"/> to <paramref name="column"/> + 3 of a part's block into
    /// <paramref name="series"/> (four distinct series, one per column), each exactly as <see cref="Merge"/> would. Rows
    /// where every series has begun its sums and buckets its points, with finite values, are added a row of four at a
    /// time: each lane adds its own column's values in row order with the same operations, so sums, extremes and kept
    /// points are bit for bit those of adding them one by one. Other rows go one by one.
    /// </summary>
    internal static void MergeFour(ReadOnlySpan<SeriesSummary> series, PartBlock block, int column, ReadOnlySpan<MetricSample> heads, long lines)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            for (var i = 0; i < Lanes; i++)
            {
                series[i].Merge(block, column + i, heads, lines);
            }

            return;
        }

        Span<long> ordinals = stackalloc long[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            ordinals[i] = series[i].Count;
        }

        var rows = block.Rows;
        var r = 0;
        while (r < rows)
        {
            var run = rows - r;
            for (var i = 0; i < Lanes && run > 0; i++)
            {
                var one = series[i];
                run = one.FiniteCount > 0 && one._points.IsBucketing ? Math.Min(run, one._points.Room) : 0;
            }

            var end = run > 0 ? AddRun(series, block, column, r, r + run, heads, lines, ordinals) : r;
            if (end == r)
            {
                // A series not ready for runs, or a value not finite: this row goes one by one.
                for (var i = 0; i < Lanes; i++)
                {
                    series[i].Add(block.Value(r, column + i), new BlockValues(block, column + i, heads, lines, ordinals[i]), r);
                }

                end = r + 1;
            }

            r = end;
        }

        for (var i = 0; i < Lanes; i++)
        {
            var source = new BlockValues(block, column + i, heads, lines, ordinals[i]);
            series[i].Settle(source);
            series[i]._last = source.Point(rows - 1);
        }
    }

    /// <summary>Adds rows from <paramref name="start"/> up to <paramref name="end"/> a row at a time; stops at a row with a value not finite, and returns where it stopped.</summary>
    private static int AddRun(ReadOnlySpan<SeriesSummary> series, PartBlock block, int column, int start, int end, ReadOnlySpan<MetricSample> heads, long lines, ReadOnlySpan<long> ordinals)
    {
        var (s0, s1, s2, s3) = (series[0], series[1], series[2], series[3]);
        var shift = Vector256.Create(s0._shift, s1._shift, s2._shift, s3._shift);
        var sum = Vector256.Create(s0._sum, s1._sum, s2._sum, s3._sum);
        var squares = Vector256.Create(s0._sumOfSquares, s1._sumOfSquares, s2._sumOfSquares, s3._sumOfSquares);
        var min = Vector256.Create(s0._minValue, s1._minValue, s2._minValue, s3._minValue);
        var max = Vector256.Create(s0._maxValue, s1._maxValue, s2._maxValue, s3._maxValue);
        var minAt = Vector256.Create((long)s0._pending.Min, s1._pending.Min, s2._pending.Min, s3._pending.Min);
        var maxAt = Vector256.Create((long)s0._pending.Max, s1._pending.Max, s2._pending.Max, s3._pending.Max);
        Span<double> lows = stackalloc double[Lanes];
        Span<double> highs = stackalloc double[Lanes];
        Span<long> lowAt = stackalloc long[Lanes];
        Span<long> highAt = stackalloc long[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            series[i]._points.OpenBucket(out lows[i], out highs[i], out var a, out var b);
            (lowAt[i], highAt[i]) = (a, b);
        }

        var bucketMin = Vector256.Create<double>(lows);
        var bucketMax = Vector256.Create<double>(highs);
        var bucketMinAt = Vector256.Create<long>(lowAt);
        var bucketMaxAt = Vector256.Create<long>(highAt);
        var exponent = Vector256.Create(0x7FF0_0000_0000_0000L);
        var at = Vector256.Create((long)start);
        var values = block.Values;
        var stride = block.Width;
        var r = start;
        for (; r < end; r++)
        {
            var v = Vector256.Create(values.Slice(r * stride + column, Lanes));
            if (Vector256.EqualsAny(v.AsInt64() & exponent, exponent))
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

        for (var i = 0; i < Lanes; i++)
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
}
