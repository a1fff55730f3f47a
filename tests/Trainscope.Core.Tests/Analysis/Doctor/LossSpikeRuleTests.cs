using Trainscope.Analysis;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class LossSpikeRuleTests
{
    private static RunBuilder NoisyFlatLoss(int steps, Func<int, double?> overrideAt)
    {
        var random = new Random(7);
        var run = new RunBuilder();
        for (var step = 0; step < steps; step++)
        {
            run.Metric("loss", overrideAt(step) ?? 1.0 * Math.Exp(0.1 * TrainingCurves.Gaussian(random)), step);
        }

        return run;
    }

    [Fact]
    public void A_loss_that_jumps_tenfold_and_comes_back_is_a_recovered_spike()
    {
        var finding = NoisyFlatLoss(200, s => s == 120 ? 10 : null).Findings().Single(f => f.Rule == "loss-spike");

        finding.Severity.ShouldBe(Severity.Info);
        finding.FromStep.ShouldBe(120);
        finding.Message.ShouldContain("recovered");
        finding.Message.ShouldContain("10");
    }

    [Fact]
    public void A_loss_that_jumps_and_stays_high_is_an_unrecovered_spike_and_a_warning()
    {
        var finding = NoisyFlatLoss(200, s => s >= 150 ? 8 + (s % 3) : null).Findings().Single(f => f.Rule == "loss-spike");

        finding.Severity.ShouldBe(Severity.Warning);
        finding.FromStep.ShouldBe(150);
        finding.Message.ShouldContain("did not recover");
    }

    [Fact]
    public void Heavy_but_ordinary_batch_noise_is_not_a_spike()
        => NoisyFlatLoss(2000, _ => null).Findings().ShouldNotContain(f => f.Rule == "loss-spike");
}
