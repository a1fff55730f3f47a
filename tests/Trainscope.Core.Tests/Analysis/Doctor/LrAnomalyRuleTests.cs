using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class LrAnomalyRuleTests
{
    private static RunBuilder Lr(Func<int, double> at, int steps = 50)
    {
        var run = new RunBuilder();
        for (var step = 0; step < steps; step++)
        {
            run.Metric("learning_rate", at(step), step);
        }

        return run;
    }

    [Fact]
    public void A_learning_rate_of_zero_throughout_is_an_anomaly()
        => Lr(_ => 0).Findings().Single(f => f.Rule == "lr-anomaly").Message.ShouldContain("is 0 in all 50");

    [Fact]
    public void A_nan_learning_rate_is_an_anomaly()
        => Lr(s => s == 30 ? double.NaN : 1e-4).Findings().Single(f => f.Rule == "lr-anomaly").FromStep.ShouldBe(0);

    [Fact]
    public void A_constant_lr_when_a_warm_up_is_configured_is_an_anomaly()
    {
        var run = Lr(_ => 1e-4).Event(EventKind.RunInfo, "warmup_steps", "warmup_steps = 500", value: 500);

        run.Findings().Single(f => f.Rule == "lr-anomaly").Advice.ShouldContain("scheduler.step()");
    }

    [Fact]
    public void A_constant_lr_with_no_schedule_is_fine()
        => Lr(_ => 1e-4).Findings().ShouldNotContain(f => f.Rule == "lr-anomaly");

    [Fact]
    public void Warm_up_from_zero_and_decay_to_zero_is_fine()
        => Lr(s => TrainingCurves.CosineLr(s, 50)).Findings().ShouldNotContain(f => f.Rule == "lr-anomaly");
}
