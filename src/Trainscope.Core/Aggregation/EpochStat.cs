using System.Runtime.CompilerServices;

namespace Trainscope.Aggregation;

/// <summary>One metric within one epoch: what we observed and what the job printed about it.</summary>
public sealed class EpochStat
{
    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double ObservedMin { get; private set; } = double.PositiveInfinity;
    public double ObservedMax { get; private set; } = double.NegativeInfinity;

    /// <summary>The epoch mean the job printed (`Averaged stats`, `平均损失`), if any.</summary>
    public double? PrintedMean { get; set; }

    public double? PrintedMin { get; set; }
    public double? PrintedMax { get; set; }

    /// <summary>The job's own mean when printed (exact over all batches), else the mean of what we saw.</summary>
    public double? Mean => PrintedMean ?? (Count > 0 ? Sum / Count : null);

    public double? Min => PrintedMin ?? (Count > 0 ? ObservedMin : null);

    public double? Max => PrintedMax ?? (Count > 0 ? ObservedMax : null);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Count++;
        Sum += value;
        // Finite by now, so plain compares do what Math.Min/Max would without their NaN handling.
        if (value < ObservedMin)
        {
            ObservedMin = value;
        }

        if (value > ObservedMax)
        {
            ObservedMax = value;
        }
    }

    /// <summary>Takes the count, sum and extremes of adding more values one by one (<see cref="EpochLanes"/>).</summary>
    internal void Set(long count, double sum, double min, double max)
        => (Count, Sum, ObservedMin, ObservedMax) = (count, sum, min, max);

    /// <summary>
    /// Takes what a part read on its own saw of this metric and epoch, when nothing was seen here before: the part summed
    /// from zero in order, as this stat would have.
    /// </summary>
    internal void Merge(EpochStat part)
    {
        Count += part.Count;
        Sum += part.Sum;
        ObservedMin = Math.Min(ObservedMin, part.ObservedMin);
        ObservedMax = Math.Max(ObservedMax, part.ObservedMax);
        TakePrinted(part);
    }

    /// <summary>What a part printed of the epoch wins, as it came later.</summary>
    internal void TakePrinted(EpochStat part)
    {
        PrintedMean = part.PrintedMean ?? PrintedMean;
        PrintedMin = part.PrintedMin ?? PrintedMin;
        PrintedMax = part.PrintedMax ?? PrintedMax;
    }
}
