using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class GradExplosionRuleTests
{
    [Fact]
    public void A_grad_norm_above_100_is_an_explosion()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 100; step++)
        {
            run.Metric("grad_norm", step == 70 ? 350 : 1.5, step);
        }

        var finding = run.Findings().Single(f => f.Rule == "grad-explosion");

        finding.FromStep.ShouldBe(70);
        finding.Message.ShouldContain("350");
    }

    [Fact]
    public void A_grad_norm_far_above_its_running_median_is_an_explosion_even_below_100()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 100; step++)
        {
            run.Metric("grad norm", step == 80 ? 40 : 0.5, step);
        }

        run.Findings().Single(f => f.Rule == "grad-explosion").ToStep.ShouldBe(80);
    }

    [Fact]
    public void Large_grad_norms_early_in_training_that_settle_are_not_an_explosion()
    {
        var random = new Random(9);
        var run = new RunBuilder();
        for (var step = 0; step < 500; step++)
        {
            run.Metric("grad_norm", (step < 30 ? 20 : 1) * Math.Exp(0.4 * TrainingCurves.Gaussian(random)), step);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "grad-explosion");
    }
}
