using System.Runtime.CompilerServices;

namespace Trainscope.Aggregation;

/// <summary>
/// A minimum and a maximum found while adding from an <see cref="IPointSource"/>, kept as indexes into it: a merge finds
/// many passing extremes and only the last of each needs to become a point, when the source is about to go.
/// </summary>
internal struct PendingExtremes
{
    public PendingExtremes()
    {
    }

    /// <summary>The index of the minimum (maximum) not yet made a point, else -1.</summary>
    public int Min = -1;

    public int Max = -1;

    /// <summary>Makes the pending extremes points of <paramref name="source"/> (one point when both are one value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Settle<TSource>(in TSource source, ref SeriesPoint min, ref SeriesPoint max)
        where TSource : IPointSource, allows ref struct
    {
        if (Min >= 0)
        {
            min = source.Point(Min);
        }

        if (Max >= 0)
        {
            max = Max == Min ? min : source.Point(Max);
        }

        (Min, Max) = (-1, -1);
    }
}
