using Trainscope.Analysis;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class PlateauRuleTests
{
    private static RunBuilder FlatAfter(int flatFrom, Func<int, double> lr)
    {
        var random = new Random(5);
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 40; epoch++)
        {
            var level = epoch < flatFrom ? 2.0 - (epoch * 0.05) : 2.0 - (flatFrom * 0.05);
            run.Metric("loss", level * (1 + (0.01 * TrainingCurves.Gaussian(random))), epoch: epoch, epochs: 40);
            run.Metric("lr", lr(epoch), epoch: epoch, epochs: 40);
        }

        return run;
    }

    [Fact]
    public void A_flat_loss_with_the_lr_still_at_its_peak_is_a_warning()
    {
        var finding = FlatAfter(15, _ => 1e-3).Findings().Single(f => f.Rule == "plateau");

        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldContain("10 epochs");
        finding.Message.ShouldContain("lr");
    }

    [Fact]
    public void A_flat_loss_after_the_lr_decayed_is_converged_and_info()
    {
        var finding = FlatAfter(15, e => 1e-3 * Math.Pow(0.8, e)).Findings().Single(f => f.Rule == "plateau");

        finding.Severity.ShouldBe(Severity.Info);
        finding.Message.ShouldContain("converged");
    }

    [Fact]
    public void A_loss_still_falling_is_no_plateau()
        => FlatAfter(41, _ => 1e-3).Findings().ShouldNotContain(f => f.Rule == "plateau");
}
