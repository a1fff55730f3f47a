using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class MegatronFormatTests
{
    private static readonly MegatronFormat Format = new();

    [Fact]
    public void Iteration_lines_give_every_field_at_the_iteration()
    {
        var records = FrameworkFeed.Read(Format, "megatron/pretrain.log");

        var loss = records.Metrics.First(m => m.Name == "lm loss");
        loss.Value.ShouldBe(10.05022);
        loss.Position.Step.ShouldBe(20);
        loss.Position.Steps.ShouldBe(1_000_000);
        records.Values("sop loss").ShouldBe([0.8174902]);
        records.Values("grad norm").First().ShouldBe(217.199);
        records.Values("loss scale").ShouldBe([8388608.0, 32768.0, 1.0]);
        records.Values("learning rate").First().ShouldBe(0);
        records.Values("elapsed time per iteration (ms)").ShouldBe([356.2, 140.6]);
    }

    [Fact]
    public void A_line_without_a_loss_keeps_the_skip_counters_and_gets_a_marker()
    {
        var records = FrameworkFeed.Read(Format, "megatron/pretrain.log");

        records.Values("number of skipped iterations").ShouldBe([10, 0, 0]);
        records.Values("number of nan iterations").ShouldBe([0, 0, 10]);
        var markers = records.Events.Where(e => e.Name == "no-loss-reported").ToList();
        markers.Select(e => e.Position.Step).ShouldBe([10L, 40L]);
        markers.ShouldAllBe(e => e.Kind == EventKind.Marker);
    }

    [Fact]
    public void Nan_loss_and_rank_prefix_are_read()
    {
        var records = FrameworkFeed.Read(Format, "megatron/pretrain.log");

        var nan = records.Metrics.Single(m => m.Name == "lm loss" && m.Position.Step == 30);
        double.IsNaN(nan.Value).ShouldBeTrue();
        nan.Rank.ShouldBe(0);
        double.IsPositiveInfinity(records.Values("grad norm").Last()).ShouldBeTrue();
    }

    [Fact]
    public void Timer_breakdown_and_validation_loss_are_read()
    {
        var records = FrameworkFeed.Read(Format, "megatron/pretrain.log");

        var forward = records.Metrics.Single(m => m.Name == "forward-compute_ms");
        forward.Value.ShouldBe(193.77);
        forward.Position.Step.ShouldBe(10);
        records.Metrics.Single(m => m.Name == "model-and-optimizer-setup_ms").Position.Step.ShouldBeNull();
        var val = records.Metrics.Where(m => m.Phase == Phase.Eval).ToList();
        val.Select(m => m.Name).ShouldBe(["lm loss", "lm loss PPL"]);
        val[0].Value.ShouldBe(9.873);
        val[0].Position.Step.ShouldBe(40);
        var test = records.Metrics.Where(m => m.Phase == Phase.Test).ToList();
        test.Select(m => (m.Name, m.Value)).ShouldBe([("lm loss", 9.5), ("lm loss PPL", 13360.0)]);
        test.ShouldAllBe(m => m.Position.Step == 40);
    }

    [Theory]
    [InlineData("iteration of the loop: 3")]
    [InlineData("[before the start of training step] datetime: 2022-10-31 08:35:51")]
    [InlineData("training ...")]
    public void Other_lines_are_not_claimed(string text) => FrameworkFeed.One(Format, text).Claimed.ShouldBeFalse();

    [Fact]
    public void Sniff_wants_an_iteration_line()
    {
        Format.Sniff(FrameworkFeed.Sample(" iteration       10/ 1000000 | consumed samples:  40 | learning rate: 0.0 |\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(FrameworkFeed.Sample("iteration 10 done\n")).ShouldBe(0);
    }
}
