using Trainscope.Analysis;

namespace Trainscope.Tests.Analysis;

public class MetricRolesTests
{
    [Theory]
    [InlineData("closs")]
    [InlineData("loss_ct")]
    [InlineData("z_loss")]
    [InlineData("l1_loss_action_5")]
    [InlineData("train/loss")]
    [InlineData("Batch Loss")]
    [InlineData("loss")]
    [InlineData("eval_loss")]
    [InlineData("lm loss")]
    [InlineData("total_loss")]
    [InlineData("train/CrossEntropyLoss")]
    [InlineData("train/box_loss")]
    public void Losses_are_losses(string name) => MetricRoles.Of(name).ShouldBe(MetricRole.Loss);

    [Theory]
    [InlineData("acc1")]
    [InlineData("acc_action_5")]
    [InlineData("metrics/mAP50-95(B)")]
    [InlineData("accuracy_mean")]
    [InlineData("eval_f1")]
    public void Scores_are_scores(string name) => MetricRoles.Of(name).ShouldBe(MetricRole.Score);

    [Theory]
    [InlineData("reward_mean", MetricRole.Reward)]
    [InlineData("violation_rate", MetricRole.Violation)]
    [InlineData("budget_violation_rate", MetricRole.Violation)]
    [InlineData("grad_norm", MetricRole.GradNorm)]
    [InlineData("grad norm", MetricRole.GradNorm)]
    [InlineData("max mem", MetricRole.Memory)]
    [InlineData("max_mem", MetricRole.Memory)]
    [InlineData("memory", MetricRole.Memory)]
    [InlineData("Peak mem", MetricRole.Memory)]
    [InlineData("System/Peak GPU Memory (MB)", MetricRole.Memory)]
    [InlineData("data_time", MetricRole.DataTime)]
    [InlineData("data", MetricRole.DataTime)]
    [InlineData("time", MetricRole.IterationTime)]
    [InlineData("iter_time", MetricRole.IterationTime)]
    [InlineData("samples/sec", MetricRole.Throughput)]
    [InlineData("it/s", MetricRole.Throughput)]
    [InlineData("Tokens/sec", MetricRole.Throughput)]
    [InlineData("lr", MetricRole.LearningRate)]
    [InlineData("learning_rate", MetricRole.LearningRate)]
    [InlineData("lr/pg0", MetricRole.LearningRate)]
    [InlineData("ppl", MetricRole.ErrorRate)]
    [InlineData("class_error", MetricRole.ErrorRate)]
    [InlineData("wer", MetricRole.ErrorRate)]
    public void Other_roles_are_recognised(string name, MetricRole role) => MetricRoles.Of(name).ShouldBe(role);

    [Theory]
    [InlineData("epoch")]
    [InlineData("batch_size")]
    [InlineData("alpha")]
    public void Names_with_no_known_word_are_other(string name) => MetricRoles.Of(name).ShouldBe(MetricRole.Other);

    [Theory]
    [InlineData(MetricRole.Loss, true)]
    [InlineData(MetricRole.ErrorRate, true)]
    [InlineData(MetricRole.Violation, true)]
    [InlineData(MetricRole.Score, false)]
    [InlineData(MetricRole.Reward, false)]
    [InlineData(MetricRole.Throughput, false)]
    public void Lower_is_better_for_losses_and_errors_not_for_scores(MetricRole role, bool lower)
        => MetricRoles.LowerIsBetter(role).ShouldBe(lower);
}
