using Trainscope.Reporting.Charts;

namespace Trainscope.Tests.Reporting.Charts;

public class AxisTicksTests
{
    [Fact]
    public void Linear_ticks_are_round_numbers_inside_the_range()
        => AxisTicks.Linear(0.13, 2.07).ShouldBe([0.5, 1.0, 1.5, 2.0]);

    [Fact]
    public void Log_ticks_are_powers_of_ten()
        => AxisTicks.Log(0.003, 250).ShouldBe([0.01, 0.1, 1, 10, 100], tolerance: 1e-12);

    [Fact]
    public void An_empty_range_gives_one_tick()
        => AxisTicks.Linear(3, 3).ShouldBe([3.0]);

    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(15000, "15k")]
    [InlineData(2_500_000, "2.5M")]
    [InlineData(0.00003, "3e-5")]
    public void Labels_are_short(double value, string label) => AxisTicks.Label(value).ShouldBe(label);
}
