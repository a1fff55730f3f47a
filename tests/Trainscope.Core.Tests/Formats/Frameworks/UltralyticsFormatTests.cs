using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class UltralyticsFormatTests
{
    private static readonly UltralyticsFormat Format = new();

    [Fact]
    public void The_last_redraw_of_each_line_is_named_by_the_header()
    {
        var records = FrameworkFeed.Read(Format, "ultralytics/train_det.log");

        var first = records.Metrics.Where(m => m.Phase == Phase.Train && m.Position.Epoch == 1).ToList();
        first.Select(m => m.Name).ShouldBe(["gpu_mem_gb", "box_loss", "cls_loss", "dfl_loss", "Instances", "Size", "it_per_sec"]);
        first.Select(m => m.Value).ShouldBe([8, 3.1, 10.49, 0.02833, 108, 704, 2.6]);
        first.ShouldAllBe(m => m.Position.Epochs == 2 && m.Position.Iteration == 4 && m.Position.IterationsPerEpoch == 4 && m.Position.Step == 4);
    }

    [Fact]
    public void A_run_cut_short_keeps_its_last_redraw_even_with_a_warning_glued_on()
    {
        var records = FrameworkFeed.Read(Format, "ultralytics/train_det.log");

        var last = records.Metrics.Where(m => m.Phase == Phase.Train && m.Position.Epoch == 2).ToList();
        last.Single(m => m.Name == "box_loss").Value.ShouldBe(2.8);
        last.Single(m => m.Name == "gpu_mem_gb").Value.ShouldBe(8.1);
        last.ShouldAllBe(m => m.Position.Iteration == 2 && m.Position.Step == 6);
        records.Values("box_loss").Count().ShouldBe(2);
    }

    [Fact]
    public void The_all_row_gives_validation_metrics_grouped_by_box()
    {
        var records = FrameworkFeed.Read(Format, "ultralytics/train_det.log");

        var val = records.Metrics.Where(m => m.Phase == Phase.Eval).ToList();
        val.Select(m => m.Name).ShouldBe(["Images", "Instances", "box/P", "box/R", "box/mAP50", "box/mAP50-95"]);
        val.Single(m => m.Name == "box/mAP50").Value.ShouldBe(0.334);
        val.ShouldAllBe(m => m.Position.Epoch == 1 && m.Position.Step == 4);
    }

    [Theory]
    [InlineData("      1/100      6.15G      3.331: 0% ── 0/6848")]
    [InlineData("all 17 91 0.5")]
    [InlineData("2023/01/02 loss: 3")]
    public void Rows_without_their_header_are_not_claimed(string text)
        => FrameworkFeed.One(Format, text).Claimed.ShouldBeFalse();

    [Fact]
    public void Sniff_wants_the_training_header()
    {
        Format.Sniff(FrameworkFeed.Sample("      Epoch    GPU_mem   box_loss   cls_loss   dfl_loss  Instances       Size\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(FrameworkFeed.Sample("Epoch 1/15\n")).ShouldBe(0);
    }
}
