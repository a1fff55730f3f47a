using Trainscope.Analysis.Doctor;

namespace Trainscope.Tests.Analysis.Doctor;

public class TrendFinderTests
{
    /// <summary>Every trailing stretch scored from scratch, shortest first, the last that passes kept.</summary>
    private static Trend? NaiveTrailing(IReadOnlyList<double> values, int minLength, double z, double minChange, int direction)
    {
        Trend? best = null;
        for (var length = minLength; length <= Math.Min(values.Count, 200); length++)
        {
            var start = values.Count - length;
            var score = direction * RobustStatsTests.NaiveMannKendallZ(values, start, length);
            var change = RobustStats.TheilSenSlope(values, start, length) * (length - 1);
            if (score > z && direction * change > minChange)
            {
                best = new Trend(start, length, score, change);
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var turn = found.Start;
        for (var i = found.Start + 1; i < values.Count; i++)
        {
            turn = direction * values[i] < direction * values[turn] ? i : turn;
        }

        var trimmed = values.Count - turn;
        return trimmed < minLength ? null : new Trend(turn, trimmed, direction * RobustStatsTests.NaiveMannKendallZ(values, turn, trimmed),
            RobustStats.TheilSenSlope(values, turn, trimmed) * (trimmed - 1));
    }

    [Fact]
    public void The_trailing_trend_is_the_one_every_stretch_scored_from_scratch_finds()
    {
        var random = new Random(23);
        var found = 0;
        for (var round = 0; round < 200; round++)
        {
            // Flat, then a rise or fall of random strength over a random tail, with noise and ties; some longer than 200.
            var count = random.Next(0, 320);
            var bend = random.Next(count + 1);
            var slope = (random.NextDouble() - 0.5) * 0.2;
            var values = Enumerable.Range(0, count)
                .Select(i => Math.Round(1 + (i < bend ? 0 : slope * (i - bend)) + (random.NextDouble() * 0.5), 2)).ToArray();
            var direction = random.Next(2) == 0 ? 1 : -1;
            var minLength = random.Next(1, 30);
            var expected = NaiveTrailing(values, minLength, 2.33, 0.05, direction);
            TrendFinder.Trailing(values, minLength, 2.33, 0.05, direction).ShouldBe(expected, $"round {round}");
            found += expected is null ? 0 : 1;
        }

        found.ShouldBeGreaterThan(20);
    }
}
