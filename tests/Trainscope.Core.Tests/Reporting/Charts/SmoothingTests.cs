using Trainscope.Reporting.Charts;

namespace Trainscope.Tests.Reporting.Charts;

public class SmoothingTests
{
    [Fact]
    public void Zero_weight_returns_the_values_unchanged()
        => Smoothing.DebiasedEma([1.0, 5.0, 2.0], 0).ShouldBe([1.0, 5.0, 2.0]);

    [Fact]
    public void The_first_value_is_not_pulled_toward_zero()
        => Smoothing.DebiasedEma([10.0, 10.0, 10.0], 0.9).ShouldAllBe(v => Math.Abs(v - 10) < 1e-9);

    [Fact]
    public void Each_value_is_the_debiased_moving_average_of_those_before_it()
    {
        // By hand with w = 0.5: ema1 = 0.5·2 = 1 → 1/(1-0.5) = 2; ema2 = 0.5·1 + 0.5·4 = 2.5 → 2.5/(1-0.25) = 3.333…
        var smoothed = Smoothing.DebiasedEma([2.0, 4.0], 0.5);
        smoothed[0].ShouldBe(2, 1e-12);
        smoothed[1].ShouldBe(10.0 / 3, 1e-12);
    }

    [Fact]
    public void A_nan_stays_a_nan_and_does_not_poison_later_values()
    {
        var smoothed = Smoothing.DebiasedEma([1.0, double.NaN, 1.0], 0.6);
        double.IsNaN(smoothed[1]).ShouldBeTrue();
        smoothed[2].ShouldBe(1, 1e-12);
    }
}
