using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class ThroughputDropRuleTests
{
    private static RunBuilder Speed(string name, Func<int, double> at)
    {
        var random = new Random(11);
        var run = new RunBuilder();
        for (var step = 0; step < 200; step++)
        {
            run.Metric(name, at(step) * Math.Exp(0.05 * TrainingCurves.Gaussian(random)), step);
        }

        return run;
    }

    [Fact]
    public void Samples_per_second_halving_at_the_end_is_a_drop()
    {
        var finding = Speed("samples/sec", s => s < 140 ? 100 : 50).Findings().Single(f => f.Rule == "throughput-drop");

        finding.Message.ShouldMatch(@"slowed down by (4[89]|5[0-2])%");
        finding.FromStep.ShouldBe(160);
    }

    [Fact]
    public void Iteration_time_doubling_is_a_drop()
        => Speed("time", s => s < 140 ? 0.3 : 0.6).Findings().ShouldContain(f => f.Rule == "throughput-drop");

    [Fact]
    public void A_slow_warm_up_then_steady_speed_is_not_a_drop()
        => Speed("it/s", s => s < 10 ? 1 : 5).Findings().ShouldNotContain(f => f.Rule == "throughput-drop");
}
