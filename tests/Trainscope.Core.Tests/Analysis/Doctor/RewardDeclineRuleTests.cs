using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class RewardDeclineRuleTests
{
    [Fact]
    public void Reward_epoch_means_falling_for_15_epochs_is_a_decline()
    {
        var random = new Random(12);
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 30; epoch++)
        {
            var level = epoch <= 15 ? -1 + (epoch * 0.06) : -0.1 - ((epoch - 15) * 0.06);
            run.Metric("reward_mean", level + (0.03 * TrainingCurves.Gaussian(random)), epoch: epoch);
        }

        var finding = run.Findings().Single(f => f.Rule == "reward-decline");

        finding.Message.ShouldContain("fell for");
        finding.FromStep!.Value.ShouldBeInRange(14, 17);
    }

    [Fact]
    public void A_negative_but_rising_reward_is_not_a_decline()
    {
        // Seed 001: a negative reward early is normal; the trend is what counts.
        var random = new Random(13);
        var run = new RunBuilder();
        for (var epoch = 1; epoch <= 30; epoch++)
        {
            run.Metric("reward_mean", -1 + (epoch * 0.02) + (0.2 * TrainingCurves.Gaussian(random)), epoch: epoch);
        }

        run.Findings().ShouldNotContain(f => f.Rule == "reward-decline");
    }
}
