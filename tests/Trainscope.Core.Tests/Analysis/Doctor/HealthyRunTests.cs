using Trainscope.Analysis;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class HealthyRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_noisy_decaying_loss_with_a_cosine_schedule_gives_only_info_and_healthy(int seed)
    {
        var findings = TrainingCurves.HealthyRun(seed).Findings();

        findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Rule}: {f.Message}").ShouldBeEmpty();
        findings.ShouldContain(f => f.Rule == "healthy");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void A_long_epoch_table_with_noisy_rows_gives_only_info(int seed)
    {
        // A CSV history: one row per epoch, 60 epochs, loss decaying with noise, reward rising with noise (seed 001 §正常抖动).
        var random = new Random(seed);
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 60; epoch++)
        {
            run.Metric("loss", (0.3 + Math.Exp(-epoch / 15.0)) * (1 + (0.05 * TrainingCurves.Gaussian(random))), epoch: epoch);
            run.Metric("reward_mean", -1 + (1.3 * (1 - Math.Exp(-epoch / 20.0))) + (0.1 * TrainingCurves.Gaussian(random)), epoch: epoch);
            run.Metric("violation_rate", Math.Max(0, (0.45 * Math.Exp(-epoch / 15.0)) + (0.03 * TrainingCurves.Gaussian(random))), epoch: epoch);
            run.Metric("lr", 1e-3 * Math.Pow(0.97, epoch), epoch: epoch);
            if (epoch % 2 == 0)
            {
                run.Metric("loss", (0.35 + Math.Exp(-epoch / 15.0)) * (1 + (0.03 * TrainingCurves.Gaussian(random))), epoch: epoch, phase: Phase.Eval);
            }
        }

        var findings = run.Findings();

        findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Rule}: {f.Message}").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void A_grpo_loss_that_jumps_between_minus_two_and_two_is_ordinary_noise(int seed)
    {
        // Seed 001: GRPO losses are often negative and swing widely per batch; only the epoch means count.
        var random = new Random(seed);
        var run = new RunBuilder();
        for (var step = 0; step < 3000; step++)
        {
            var epoch = step / 100;
            run.Line(step, epoch,
                ("loss", Math.Clamp(0.8 * TrainingCurves.Gaussian(random), -2, 2)),
                ("reward", -0.5 + (epoch * 0.03) + (0.4 * TrainingCurves.Gaussian(random))));
        }

        var findings = run.Findings();

        findings.Where(f => f.Severity >= Severity.Warning).Select(f => $"{f.Rule}: {f.Message}").ShouldBeEmpty();
    }

    [Fact]
    public void Healthy_is_not_said_when_a_warning_fired()
    {
        var run = TrainingCurves.HealthyRun(1);
        for (var step = 2000; step < 2100; step++)
        {
            run.Metric("grad_norm", 500, step);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "healthy");
    }
}
