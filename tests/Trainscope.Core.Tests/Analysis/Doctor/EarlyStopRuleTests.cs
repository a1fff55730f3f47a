using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class EarlyStopRuleTests
{
    [Fact]
    public void No_new_best_eval_loss_for_six_evaluations_suggests_stopping_at_the_best()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            run.Metric("loss", 1.0 / epoch, epoch: epoch);
            run.Metric("loss", epoch <= 4 ? 1.0 - (epoch * 0.1) : 0.62 + (0.01 * (epoch % 2)), epoch: epoch, phase: Phase.Eval);
        }

        var finding = run.Findings().Single(f => f.Rule == "early-stop");

        finding.Severity.ShouldBe(Severity.Info);
        finding.Message.ShouldContain("6 evaluations");
        finding.Message.ShouldContain("epoch 4");
    }

    [Fact]
    public void A_seed_stop_condition_makes_early_stop_a_warning()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 25; epoch++)
        {
            run.Metric("acc", 0, epoch: epoch);
        }

        var finding = run.Findings().Single(f => f.Rule == "early-stop");

        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldContain("stuck-metric (acc)");
    }

    [Fact]
    public void An_improving_eval_loss_gives_no_early_stop()
    {
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 10; epoch++)
        {
            run.Metric("loss", 1.0 / epoch, epoch: epoch, phase: Phase.Eval);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "early-stop");
    }
}
