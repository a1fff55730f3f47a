namespace Trainscope.Analysis.Doctor;

/// <summary>A sustained monotone stretch at the end of a curve: where it starts and how strong it is.</summary>
public readonly record struct Trend(int Start, int Length, double Z, double Change);

/// <summary>Finds the longest trailing stretch of a curve with a significant Mann–Kendall trend in one direction.</summary>
public static class TrendFinder
{
    /// <summary>A stretch longer than this says nothing more about the end of training (and both statistics grow with it).</summary>
    private const int MaxLength = 200;

    /// <summary>
    /// The longest stretch ending at the last value, at least <paramref name="minLength"/> long, whose Mann–Kendall z has
    /// the sign of <paramref name="direction"/> and exceeds <paramref name="z"/>, and whose Theil–Sen change over the stretch
    /// exceeds <paramref name="minChange"/> in that direction.
    /// </summary>
    public static Trend? Trailing(IReadOnlyList<double> values, int minLength, double z, double minChange, int direction)
    {
        Trend? best = null;
        var longest = Math.Min(values.Count, MaxLength);
        var scores = TrailingScores(values, longest, direction);
        // The longest stretch that passes both tests wins: try them from the longest down, Theil–Sen (the costly one)
        // only where the trend is significant.
        for (var length = longest; length >= minLength; length--)
        {
            if (scores[length] <= z)
            {
                continue;
            }

            var start = values.Count - length;
            var change = RobustStats.TheilSenSlope(values, start, length) * (length - 1);
            if (direction * change > minChange)
            {
                best = new Trend(start, length, scores[length], change);
                break;
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

    /// <summary>
    /// The signed Mann–Kendall z of every trailing stretch up to <paramref name="longest"/> values (index = length). Each
    /// stretch is the one before it and one value more on the left, so its S and ties are updated, not counted again.
    /// </summary>
    private static double[] TrailingScores(IReadOnlyList<double> values, int longest, int direction)
    {
        var scores = new double[Math.Max(longest + 1, 1)];
        var counts = new Dictionary<double, int>();
        long s = 0;
        long tieTerms = 0;
        for (var length = 1; length <= longest; length++)
        {
            var start = values.Count - length;
            var x = values[start];
            for (var j = start + 1; j < values.Count; j++)
            {
                var later = values[j];
                s += (later > x ? 1 : 0) - (later < x ? 1 : 0);
            }

            counts.TryGetValue(x, out var equal);
            counts[x] = equal + 1;
            tieTerms += RobustStats.TieTerm(equal + 1) - RobustStats.TieTerm(equal);
            scores[length] = length < 3 ? 0 : direction * RobustStats.MannKendallZ(s, length, tieTerms);
        }

        return scores;
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
