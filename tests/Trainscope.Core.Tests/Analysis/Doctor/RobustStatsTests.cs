using Trainscope.Analysis.Doctor;

namespace Trainscope.Tests.Analysis.Doctor;

public class RobustStatsTests
{
    [Fact]
    public void The_median_of_an_even_count_is_the_middle_mean()
        => RobustStats.Median([4.0, 1, 3, 2]).ShouldBe(2.5);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1001)]
    [InlineData(50_000)]
    public void The_median_is_exactly_the_middle_of_the_sorted_values(int count)
    {
        var random = new Random(count);
        for (var round = 0; round < 20; round++)
        {
            // Ties, signed zeros and infinities as well as plain values; NaN takes the sorting path.
            var values = Enumerable.Range(0, count).Select(_ => random.Next(12) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => double.PositiveInfinity,
                3 => double.NegativeInfinity,
                4 => 1.5,
                5 when round % 4 == 3 => double.NaN,
                _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)),
            }).ToArray();
            var given = values.ToArray();
            var sorted = values.Order().ToArray();
            var expected = count % 2 == 1 ? sorted[count / 2] : (sorted[(count / 2) - 1] + sorted[count / 2]) / 2;

            // Exactly equal (NaN equals NaN here); which of two equal zeros is picked is not defined, sorting or not.
            var median = RobustStats.Median(values);
            median.Equals(expected).ShouldBeTrue($"round {round}: {median:R}, expected {expected:R}");
            values.Select(BitConverter.DoubleToInt64Bits).ShouldBe(given.Select(BitConverter.DoubleToInt64Bits)); // left as it was
        }
    }

    [Fact]
    public void One_outlier_moves_neither_median_nor_mad()
    {
        double[] values = [1, 2, 3, 4, 1000];

        RobustStats.Median(values).ShouldBe(3);
        RobustStats.Mad(values).ShouldBe(1);
    }

    [Fact]
    public void Theil_sen_ignores_a_single_outlier_on_a_line()
        => RobustStats.TheilSenSlope([0.0, 2, 4, 100, 8, 10], 0, 6).ShouldBe(2);

    [Fact]
    public void Mann_kendall_is_strongly_positive_for_a_rising_series_and_zero_for_a_constant_one()
    {
        var rising = Enumerable.Range(0, 15).Select(i => (double)i).ToArray();

        RobustStats.MannKendallZ(rising, 0, 15).ShouldBeGreaterThan(4);
        RobustStats.MannKendallZ(rising.Reverse().ToArray(), 0, 15).ShouldBeLessThan(-4);
        RobustStats.MannKendallZ(Enumerable.Repeat(1.0, 15).ToArray(), 0, 15).ShouldBe(0);
    }

    /// <summary>S by every pair and the variance by the textbook formula: the reference the fast count must match.</summary>
    internal static double NaiveMannKendallZ(IReadOnlyList<double> values, int start, int count)
    {
        if (count < 3)
        {
            return 0;
        }

        long s = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++)
            {
                s += Math.Sign(values[start + j] - values[start + i]);
            }
        }

        var ties = values.Skip(start).Take(count).GroupBy(v => v).Sum(g => RobustStats.TieTerm(g.Count()));
        return RobustStats.MannKendallZ(s, count, ties);
    }

    [Fact]
    public void Mann_kendall_counted_while_sorting_is_the_pairwise_count()
    {
        var random = new Random(17);
        for (var round = 0; round < 300; round++)
        {
            var count = random.Next(0, 120);
            // Few distinct values make ties; a drift makes trends of either sign.
            var levels = random.Next(1, 40);
            var drift = random.NextDouble() - 0.5;
            var values = Enumerable.Range(0, count).Select(i => Math.Round(random.Next(levels) + (drift * i), 1)).ToArray();
            var start = count == 0 ? 0 : random.Next(count);
            var length = count - start;
            RobustStats.MannKendallZ(values, start, length).ShouldBe(NaiveMannKendallZ(values, start, length), $"round {round}");
        }
    }

    [Fact]
    public void Mann_kendall_z_matches_the_tabled_value_with_ties()
    {
        // S = 9 over 5 values with one pair tied: variance (5·4·15 − 2·1·9)/18 = 15.67, z = (9 − 1)/√15.67.
        RobustStats.MannKendallZ([1.0, 2, 2, 3, 4], 0, 5).ShouldBe(8 / Math.Sqrt((300 - 18) / 18.0), 1e-12);
    }
}
