using Trainscope.Formats;
using Trainscope.Formats.EpochProgress;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.EpochProgress;

public class EpochProgressFormatTests
{
    private static readonly EpochProgressFormat Format = new();

    [Fact]
    public void Batch_lines_give_loss_and_lr_with_epoch_and_iteration()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("epoch-progress/train_ddp_zh.log"));

        var losses = records.Metrics.Where(m => m.Name == "loss" && m.Kind == SampleKind.Point).ToList();
        losses.Select(m => m.Value).ShouldBe([0.523415, 0.498234, 0.476123, 0.461567, 0.072156]);
        losses[1].Position.Epoch.ShouldBe(1);
        losses[1].Position.Epochs.ShouldBe(200);
        losses[1].Position.Iteration.ShouldBe(1);
        losses[1].Position.IterationsPerEpoch.ShouldBe(171);
        losses[1].Position.Step.ShouldBe(172);
        losses[1].Line.ShouldBe(2);
        losses[4].Position.Step.ShouldBe(15 * 171 + 10);
        records.Values("lr").Where(v => v == 0.001).Count().ShouldBe(6);
    }

    [Fact]
    public void Summary_block_gives_epoch_mean_min_max_time_and_eta()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("epoch-progress/train_ddp_zh.log"));

        var summary = records.Metrics.Where(m => m.Line is >= 6 and <= 12).ToList();
        summary.Single(m => m.Kind == SampleKind.EpochMean && m.Name == "loss").Value.ShouldBe(0.072316);
        summary.Single(m => m.Kind == SampleKind.EpochMin).Value.ShouldBe(0.065432);
        summary.Single(m => m.Kind == SampleKind.EpochMax).Value.ShouldBe(0.083571);
        summary.Single(m => m.Name == "lr").Kind.ShouldBe(SampleKind.EpochMean);
        summary.Single(m => m.Name == "epoch_seconds").Value.ShouldBe(14.52);
        summary.ShouldAllBe(m => m.Position.Epoch == 1 && m.Position.Epochs == 200);
        var eta = records.Events.Single();
        eta.Kind.ShouldBe(EventKind.Eta);
        eta.Value.ShouldBe(0.75 * 3600);
        eta.Line.ShouldBe(12);
    }

    [Fact]
    public void English_labels_full_width_colons_and_logging_prefix_are_read()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("epoch-progress/train_ddp_en.log"));

        var batch = records.Metrics.First();
        batch.Name.ShouldBe("loss");
        batch.Value.ShouldBe(0.25);
        batch.Timestamp.ShouldBe(new DateTime(2025, 3, 2, 5, 16, 20, 348));
        batch.Position.Iteration.ShouldBe(5);
        records.Metrics.Single(m => m.Kind == SampleKind.EpochMean && m.Name == "loss").Value.ShouldBe(0.24);
        records.Metrics.Single(m => m.Name == "epoch_seconds").Value.ShouldBe(150);
        records.Events.Single(e => e.Kind == EventKind.Eta).Value.ShouldBe(5400);
        records.Metrics.Count.ShouldBe(7);
    }

    [Fact]
    public void Summary_labels_outside_a_block_are_not_claimed()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "x.log", "x.log");

        parser.TryParse(LogLine.FromString("平均损失: 0.07", source), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("Epoch 3 loss 0.5", source), sink).ShouldBeFalse();
        sink.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Sniff_recognises_the_batch_line_and_ignores_other_logs()
    {
        Format.Sniff(Sample("Epoch [1/200] - 进度 0.0% (0/171) - Batch Loss: 0.523415 - LR: 0.00100000\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(Sample("Epoch: [0]  [  0/128]  eta: 0:12:43  lr: 0.000100\n")).ShouldBe(0);
    }

    private static FileSample Sample(string text) => new("a.log", System.Text.Encoding.UTF8.GetBytes(text), true);
}
