using Trainscope.Analysis;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class NonFiniteRuleTests
{
    [Fact]
    public void A_nan_loss_is_an_error_at_its_first_step_with_the_count()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 30; step++)
        {
            run.Metric("loss", step < 20 ? 2.0 - (step * 0.01) : double.NaN, step);
        }

        var finding = run.Findings().Single(f => f.Rule == "non-finite");

        finding.Severity.ShouldBe(Severity.Error);
        finding.FromStep.ShouldBe(20);
        finding.Message.ShouldContain("10 of 30");
        finding.Evidence.Select(e => e.Line).ShouldContain(21);
    }

    [Fact]
    public void A_nan_timer_during_warm_up_is_not_a_finding()
    {
        var run = TrainingCurves.HealthyRun(1);
        run.Metric("step_avg", double.NaN, 0).Metric("step_avg", 0.3, 1);

        run.Findings().ShouldNotContain(f => f.Rule == "non-finite");
    }

    [Fact]
    public void Rare_infinite_grad_norms_with_finite_losses_are_fp16_loss_scaling_and_a_warning()
    {
        var run = TrainingCurves.HealthyRun(2);
        run.Metric("grad_norm", double.PositiveInfinity, 2000);

        var finding = run.Findings().Single(f => f.Rule == "non-finite");

        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldContain("inf");
    }

    [Fact]
    public void Many_infinite_grad_norms_are_an_error()
    {
        var run = new RunBuilder();
        for (var step = 0; step < 20; step++)
        {
            run.Metric("loss", 1, step).Metric("grad_norm", step % 2 == 0 ? double.PositiveInfinity : 1, step);
        }

        run.Findings().Single(f => f.Rule == "non-finite").Severity.ShouldBe(Severity.Error);
    }
}

public class LossScaleCollapseTests
{
    private static Trainscope.Aggregation.RunSummary Overflows(params double[] scales)
    {
        var run = new RunBuilder().Metric("loss", 2, 1);
        foreach (var scale in scales)
        {
            run.Event(Trainscope.Records.EventKind.Warning, "loss-scale-overflow", $"OVERFLOW! Rank 0 Skipping step. reducing to {scale}", value: scale);
        }

        return run.Build();
    }

    [Fact]
    public void A_loss_scale_halving_five_times_in_a_row_is_a_non_finite_warning()
    {
        var finding = Trainscope.Analysis.RunAnalysis.Analyze(Overflows(32, 16, 8, 4, 2)).Findings.Single(f => f.Rule == "non-finite");

        finding.Severity.ShouldBe(Severity.Warning);
        finding.Message.ShouldContain("5 times in a row to 2");
        finding.Evidence.Count.ShouldBe(2);
    }

    [Fact]
    public void A_loss_scale_at_one_is_an_error()
        => Trainscope.Analysis.RunAnalysis.Analyze(Overflows(16, 8, 4, 2, 1)).Findings.Single(f => f.Rule == "non-finite").Severity.ShouldBe(Severity.Error);

    [Fact]
    public void Occasional_overflows_that_recover_are_normal_loss_scaling()
        => Trainscope.Analysis.RunAnalysis.Analyze(Overflows(32768, 32768, 65536, 32768, 32768, 65536, 32768))
            .Findings.ShouldNotContain(f => f.Rule == "non-finite");
}
