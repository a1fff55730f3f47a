namespace Trainscope.Analysis.Doctor;

/// <summary>A sustained monotone stretch at the end of a curve: where it starts and how strong it is.</summary>
public readonly record struct Trend(int Start, int Length, double Z, double Change);

/// <summary>Finds the longest trailing stretch of a curve with a significant Mann–Kendall trend in one direction.</summary>
public static class TrendFinder
{
    private const int MaxLength = 200;

    /// <summary>
    /// The longest stretch ending at the last value, at least <paramref name="minLength"/> long, whose Mann–Kendall z has
    /// the sign of <paramref name="direction"/> and exceeds <paramref name="z"/>, and whose Theil–Sen change over the stretch
    /// exceeds <paramref name="minChange"/> in that direction.
    /// </summary>
    public static Trend? Trailing(IReadOnlyList<double> values, int minLength, double z, double minChange, int direction)
    {
        Trend? best = null;
        // Both statistics are quadratic: a stretch longer than MaxLength values says nothing more about the end of training.
        for (var length = minLength; length <= Math.Min(values.Count, MaxLength); length++)
        {
            var start = values.Count - length;
            var score = direction * RobustStats.MannKendallZ(values, start, length);
            if (score <= z)
            {
                continue;
            }

            var change = RobustStats.TheilSenSlope(values, start, length) * (length - 1);
            if (direction * change > minChange)
            {
                best = new Trend(start, length, score, change);
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        // A long stretch can take in the end of the fall before a rise: the rise starts at the turning point.
        var turn = found.Start;
        for (var i = found.Start + 1; i < values.Count; i++)
        {
            turn = direction * values[i] < direction * values[turn] ? i : turn;
        }

        var trimmed = values.Count - turn;
        return trimmed < minLength ? null : new Trend(turn, trimmed, direction * RobustStats.MannKendallZ(values, turn, trimmed),
            RobustStats.TheilSenSlope(values, turn, trimmed) * (trimmed - 1));
    }

    /// <summary>A scale for relative thresholds: the median magnitude, never zero.</summary>
    public static double Level(IReadOnlyList<double> values, int start, int count)
    {
        var magnitudes = new double[count];
        for (var i = 0; i < count; i++)
        {
            magnitudes[i] = Math.Abs(values[start + i]);
        }

        return Math.Max(RobustStats.Median(magnitudes), 1e-12);
    }
}
