namespace Trainscope.Aggregation;

/// <summary>
/// Counts time gaps in log-spaced buckets (a quarter octave wide, 1 ms to about 12 days), so a median interval can be
/// read from a log of any length with fixed memory; the answer is within about 9 % of the exact median.
/// </summary>
public sealed class IntervalHistogram
{
    private const double SmallestSeconds = 0.001;
    private const int BucketsPerOctave = 4;
    private const int BucketCount = 120;
    private readonly long[] _counts = new long[BucketCount];

    /// <summary>Gaps counted (positive gaps only).</summary>
    public long Count { get; private set; }

    public void Add(double seconds)
    {
        // A zero gap means two lines in the same clock tick; it says nothing about the pace the rank keeps.
        if (!(seconds > 0) || !double.IsFinite(seconds))
        {
            return;
        }

        var index = (int)Math.Floor(Math.Log2(Math.Max(seconds, SmallestSeconds) / SmallestSeconds) * BucketsPerOctave);
        _counts[Math.Clamp(index, 0, BucketCount - 1)]++;
        Count++;
    }

    /// <summary>The median gap in seconds (the geometric middle of its bucket), or null before any gap.</summary>
    public double? Median()
    {
        if (Count == 0)
        {
            return null;
        }

        var half = (Count + 1) / 2;
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= half)
            {
                return SmallestSeconds * Math.Pow(2, (i + 0.5) / BucketsPerOctave);
            }
        }

        return null;
    }
}
