using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class DivergenceRuleTests
{
    [Fact]
    public void Epoch_means_rising_for_twelve_epochs_is_a_divergence_error()
    {
        var random = new Random(3);
        var run = new RunBuilder();
        for (var epoch = 0; epoch < 30; epoch++)
        {
            var level = epoch < 18 ? 2.0 - (epoch * 0.05) : 1.1 + ((epoch - 17) * 0.08);
            for (var i = 0; i < 20; i++)
            {
                run.Metric("loss", level * Math.Exp(0.2 * TrainingCurves.Gaussian(random)), (epoch * 20) + i, epoch);
            }
        }

        var finding = run.Findings().Single(f => f.Rule == "divergence");

        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldContain("rose for");
        finding.FromStep!.Value.ShouldBeInRange(15 * 20, 19 * 20);
    }

    [Fact]
    public void Printed_epoch_means_decide_over_batches()
    {
        var run = new RunBuilder();
        for (var epoch = 0; epoch < 15; epoch++)
        {
            run.Metric("loss", 1.0, epoch * 10, epoch);
            run.EpochMean("loss", epoch, 1.0 + (epoch * 0.1));
        }

        run.Findings().ShouldContain(f => f.Rule == "divergence");
    }

    [Fact]
    public void An_exploding_loss_is_a_divergence()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 300; step++)
        {
            run.Metric("loss", step < 250 ? 1.0 : Math.Pow(1.1, step - 250), step);
        }

        run.Findings().Single(f => f.Rule == "divergence").Message.ShouldContain("exploded");
    }

    [Fact]
    public void A_loss_that_falls_then_flattens_is_not_a_divergence()
    {
        var random = new Random(4);
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 40; epoch++)
        {
            run.Metric("loss", (0.5 + Math.Exp(-epoch / 5.0)) * (1 + (0.03 * TrainingCurves.Gaussian(random))), epoch: epoch);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "divergence");
    }

    [Fact]
    public void A_rising_eval_loss_alone_is_not_a_training_divergence()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 20; epoch++)
        {
            run.Metric("loss", 1.0 / epoch, epoch: epoch).Metric("loss", 0.5 + (epoch * 0.05), epoch: epoch, phase: Phase.Eval);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "divergence");
    }
}
