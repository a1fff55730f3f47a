using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class OverfittingRuleTests
{
    [Fact]
    public void Eval_loss_rising_while_train_falls_is_overfitting_naming_the_best_epoch_and_checkpoint()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 12; epoch++)
        {
            run.Metric("loss", 2.0 / epoch, epoch: epoch);
            run.Metric("loss", epoch <= 6 ? 1.5 - (epoch * 0.1) : 0.9 + ((epoch - 6) * 0.08), epoch: epoch, phase: Phase.Eval);
            run.Event(EventKind.Checkpoint, "checkpoint", $"Saving model checkpoint to out/checkpoint-{epoch}", step: epoch);
        }

        var finding = run.Findings().Single(f => f.Rule == "overfitting");

        finding.Phase.ShouldBe(Phase.Eval);
        finding.FromStep.ShouldBe(6);
        finding.Message.ShouldContain("epoch 6");
        finding.Message.ShouldContain("6 evaluations");
        finding.Advice.ShouldContain("checkpoint-6");
    }

    [Fact]
    public void Eval_loss_falling_with_train_is_not_overfitting()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 12; epoch++)
        {
            run.Metric("loss", 2.0 / epoch, epoch: epoch).Metric("loss", 2.2 / epoch, epoch: epoch, phase: Phase.Eval);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "overfitting");
    }

    [Fact]
    public void Eval_and_train_rising_together_is_not_overfitting()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 12; epoch++)
        {
            run.Metric("loss", 1 + (epoch * 0.1), epoch: epoch).Metric("loss", 1.2 + (epoch * 0.1), epoch: epoch, phase: Phase.Eval);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "overfitting");
    }
}
