using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class OlmoFormatTests
{
    private static readonly OlmoFormat Format = new();

    [Fact]
    public void Block_lines_take_step_epoch_rank_and_time_from_their_header()
    {
        var records = FrameworkFeed.Read(Format, "olmo/train.log");

        var first = records.Metrics.Where(m => m.Position.Step == 1).ToList();
        first.Select(m => m.Name).ShouldBe(["optim/total_grad_norm", "CrossEntropyLoss", "throughput/total_tokens", "System/Peak GPU Memory (MB)"]);
        first.ShouldAllBe(m => m.Rank == 0 && m.Position.Steps == 15000 && m.Position.Epoch == 0 && m.Phase == Phase.Train);
        first[0].Timestamp.ShouldBe(new DateTime(2025, 12, 12, 11, 5, 2, 9));
        first[0].Line.ShouldBe(3);
        first[1].Line.ShouldBe(4);
    }

    [Fact]
    public void Thousands_separators_and_nan_are_values()
    {
        var records = FrameworkFeed.Read(Format, "olmo/train.log");

        records.Values("throughput/total_tokens").ShouldBe([2_097_152]);
        records.Values("System/Peak GPU Memory (MB)").ShouldBe([111_477]);
        double.IsNaN(records.Values("CrossEntropyLoss").ElementAt(1)).ShouldBeTrue();
    }

    [Fact]
    public void Eval_names_are_eval_and_a_foreign_indented_line_ends_the_block()
    {
        var records = FrameworkFeed.Read(Format, "olmo/train.log");

        var eval = records.Metrics.Single(m => m.Phase == Phase.Eval);
        eval.Name.ShouldBe("downstream/piqa_acc");
        eval.Rank.ShouldBe(2);
        records.Metrics.ShouldNotContain(m => m.Name == "Perplexity");
    }

    [Fact]
    public void A_header_without_the_logging_prefix_still_opens_a_block()
    {
        var records = FrameworkFeed.Read(Format, "olmo/train.log");

        var last = records.Metrics.Last();
        last.Value.ShouldBe(2.9);
        last.Position.Step.ShouldBe(3);
        last.Position.Epoch.ShouldBe(1);
        last.Rank.ShouldBeNull();
    }

    [Fact]
    public void Indented_lines_outside_a_block_and_other_lines_are_not_claimed()
    {
        FrameworkFeed.One(Format, "    train/CrossEntropyLoss=2.998").Claimed.ShouldBeFalse();
        FrameworkFeed.One(Format, "2025-12-12 11:04:40.100\thost-03:0\tolmo.train:100\tINFO\tStarting training").Claimed.ShouldBeFalse();
        Format.Sniff(FrameworkFeed.Sample("2025-12-12 11:05:02.009\th:0\tolmo.train:979\tINFO\t[step=1/15000,epoch=0]\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(FrameworkFeed.Sample("step 1 loss 3\n")).ShouldBe(0);
    }
}
