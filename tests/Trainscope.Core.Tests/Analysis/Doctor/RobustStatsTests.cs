using Trainscope.Analysis.Doctor;

namespace Trainscope.Tests.Analysis.Doctor;

public class RobustStatsTests
{
    [Fact]
    public void The_median_of_an_even_count_is_the_middle_mean()
        => RobustStats.Median([4.0, 1, 3, 2]).ShouldBe(2.5);

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
}
