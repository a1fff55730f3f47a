using Trainscope.Formats.Frameworks;
using Trainscope.Formats.Progress;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class LightningFormatTests
{
    private static readonly LightningFormat Format = new();

    [Fact]
    public void A_checkpoint_line_gives_a_checkpoint_event_and_the_eval_value()
    {
        var records = FrameworkFeed.Read(Format, "lightning/fit.log");

        var checkpoints = records.Events.Where(e => e.Kind == EventKind.Checkpoint).ToList();
        checkpoints.Count.ShouldBe(2);
        checkpoints[0].Value.ShouldBe(0.123);
        checkpoints[0].Position.Epoch.ShouldBe(0);
        checkpoints[0].Position.Step.ShouldBe(32);
        checkpoints[0].Attributes!["path"].ShouldBe("/ckpt/epoch=0-step=32.ckpt");
        checkpoints[0].Attributes!["monitor"].ShouldBe("val_loss");
        var val = records.Metrics.Where(m => m.Phase == Phase.Eval).ToList();
        val.Select(m => (m.Name, m.Value, m.Position.Step)).ShouldBe([("loss", 0.123, 32L), ("acc", 0.91, 96L)]);
    }

    [Fact]
    public void Not_in_top_k_is_claimed_without_records_and_fit_stopped_is_completion()
    {
        var records = FrameworkFeed.Read(Format, "lightning/fit.log");

        records.Events.ShouldNotContain(e => e.Line == 5);
        records.Metrics.ShouldNotContain(m => m.Line == 5);
        records.Events.Single(e => e.Kind == EventKind.Completed).Line.ShouldBe(7);
        FrameworkFeed.One(Format, "Epoch 1, global step 64: 'val_loss' was not in top 1").Claimed.ShouldBeTrue();
    }

    [Fact]
    public void Bars_are_left_to_the_tqdm_format_which_reads_epoch_and_validation()
    {
        FrameworkFeed.One(Format, "Epoch 0:  50%|█████     | 16/32 [00:02<00:02,  7.01it/s, loss=2.6, v_num=95nc]").Claimed.ShouldBeFalse();
        FrameworkFeed.One(Format, "Epoch 3: the model looks fine").Claimed.ShouldBeFalse();

        var bars = FrameworkFeed.Read(new TqdmFormat(), "lightning/fit.log");
        var loss = bars.Metrics.Single(m => m.Name == "loss");
        loss.Position.Epoch.ShouldBe(0);
        loss.Position.Iteration.ShouldBe(16);
        bars.Metrics.ShouldContain(m => m.Phase == Phase.Eval && m.Name == "it_per_sec");
    }

    [Fact]
    public void Sniff_knows_checkpoint_lines_and_bars()
    {
        Format.Sniff(FrameworkFeed.Sample("Epoch 0, global step 32: 'val_loss' reached 0.1 (best 0.1), saving model to 'a' as top 1\n")).ShouldBeGreaterThan(0.8);
        Format.Sniff(FrameworkFeed.Sample("Epoch 0:  50%|█ | 16/32 [00:02<00:02,  7.01it/s, loss=2.6, v_num=95nc]\n")).ShouldBeGreaterThan(0);
        Format.Sniff(FrameworkFeed.Sample("hello\n")).ShouldBe(0);
    }
}
