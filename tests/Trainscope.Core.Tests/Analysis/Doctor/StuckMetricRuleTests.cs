using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class StuckMetricRuleTests
{
    [Fact]
    public void An_accuracy_at_exactly_zero_for_25_epochs_is_stuck()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 25; epoch++)
        {
            run.Metric("acc_action_5", 0, epoch: epoch).Metric("loss", 2.0 / epoch, epoch: epoch);
        }

        var finding = run.Findings().Single(f => f.Rule == "stuck-metric");

        finding.Metric.ShouldBe("acc_action_5");
        finding.Message.ShouldContain("25 epochs");
        finding.Advice.ShouldContain("exactly 0");
    }

    [Fact]
    public void A_loss_that_is_always_exactly_zero_is_stuck()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 60; step++)
        {
            run.Metric("loss", 0, step);
        }

        run.Findings().Single(f => f.Rule == "stuck-metric").Message.ShouldContain("60 logged values");
    }

    [Fact]
    public void Accuracy_at_zero_early_then_rising_is_not_stuck()
    {
        // Seed 001: accuracy 0 in the first epochs is normal.
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 30; epoch++)
        {
            run.Metric("accuracy", epoch < 8 ? 0 : (epoch - 7) * 0.01, epoch: epoch);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "stuck-metric");
    }

    [Fact]
    public void A_perfect_accuracy_is_not_stuck()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 30; epoch++)
        {
            run.Metric("acc1", 100, epoch: epoch);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "stuck-metric");
    }

    [Fact]
    public void A_constant_learning_rate_is_not_a_stuck_metric()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 100; step++)
        {
            run.Metric("lr", 1e-4, step);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "stuck-metric");
    }
}
