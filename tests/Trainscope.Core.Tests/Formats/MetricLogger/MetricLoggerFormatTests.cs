using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.MetricLogger;

public class MetricLoggerFormatTests
{
    private static readonly MetricLoggerFormat Format = new();

    private static RecordCollector Prefixed => LineFeeder.FeedFile(Format, TestPaths.Fixture("metriclogger/prefixed_multiline_averaged.log"));

    private static RecordCollector Detr => LineFeeder.FeedFile(Format, TestPaths.Fixture("metriclogger/detr_test_blocks.log"));

    [Fact]
    public void A_prefixed_progress_line_gives_values_averages_rank_time_and_position()
    {
        var first = Prefixed.Metrics.Where(m => m.Line == 5).ToList();

        first.Select(m => m.Name).ShouldBe(["lr", "acc_action_5", "closs", "grad_norm", "time", "data", "samples/sec", "max mem"]);
        var closs = first.Single(m => m.Name == "closs");
        closs.Value.ShouldBe(8.5075);
        closs.Average.ShouldBe(8.5075);
        closs.Rank.ShouldBe(0);
        closs.Timestamp.ShouldBe(new DateTime(2026, 1, 5, 10, 33, 33, 342));
        closs.Phase.ShouldBe(Phase.Train);
        closs.Kind.ShouldBe(SampleKind.Point);
        closs.Position.Epoch.ShouldBe(12);
        closs.Position.Iteration.ShouldBe(740);
        closs.Position.IterationsPerEpoch.ShouldBe(2592);
        closs.Position.Step.ShouldBe(12 * 2592 + 740);
        first.Single(m => m.Name == "lr").Average.ShouldBeNull();
        first.Single(m => m.Name == "samples/sec").Value.ShouldBe(0.68);
        first.Single(m => m.Name == "max mem").Value.ShouldBe(15722);
    }

    [Fact]
    public void Repeated_lines_read_their_own_values_through_the_cached_layout()
    {
        var records = Prefixed;

        records.Metrics.Where(m => m.Name == "closs" && m.Kind == SampleKind.Point).Select(m => m.Value).ShouldBe([8.5075, 8.4011, 8.3, 8.2, 8.1]);
        records.Metrics.Where(m => m.Name == "grad_norm" && m.Kind == SampleKind.Point).Select(m => m.Average).ShouldBe([36.8418, 33.4209, 31.6473, 25.5, 25.0]);
        records.Metrics.Where(m => m.Name == "max mem").Select(m => m.Value).ShouldBe([15722, 15730, 15722, 15800, 15800]);
    }

    [Fact]
    public void A_multi_line_averaged_block_gives_epoch_means_with_the_header_rank_and_time()
    {
        var means = Prefixed.Metrics.Where(m => m.Kind == SampleKind.EpochMean).ToList();

        means.Select(m => m.Name).ShouldBe(["lr", "acc_action_5", "closs", "grad_norm"]);
        means.ShouldAllBe(m => m.Position.Epoch == 12 && m.Phase == Phase.Train && m.Rank == 0);
        means.ShouldAllBe(m => m.Timestamp == new DateTime(2026, 1, 5, 10, 40, 0, 1));
        var closs = means.Single(m => m.Name == "closs");
        closs.Value.ShouldBe(8.5050);
        closs.Average.ShouldBe(8.4029);
        closs.Line.ShouldBe(12);
    }

    [Fact]
    public void Total_time_gives_epoch_seconds_including_days()
    {
        var seconds = Prefixed.Metrics.Single(m => m.Name == "epoch_seconds");

        seconds.Value.ShouldBe(86400 + 10 * 60 + 27);
        seconds.Position.Epoch.ShouldBe(12);
        seconds.Phase.ShouldBe(Phase.Train);
    }

    [Fact]
    public void Eta_is_one_event_per_epoch_from_its_first_line_and_never_a_metric()
    {
        var records = Prefixed;

        var etas = records.Events.Where(e => e.Kind == EventKind.Eta && e.Name == "epoch-eta").ToList();
        etas.Select(e => e.Value).ShouldBe([2 * 3600 + 53 * 60 + 16.0, 3 * 3600 + 1 * 60 + 2.0]);
        etas.Select(e => e.Position.Epoch).ShouldBe([12, 13]);
        etas[0].Line.ShouldBe(5);
        records.Metrics.ShouldNotContain(m => m.Name == "eta");
    }

    [Fact]
    public void Training_time_is_a_completed_event_with_seconds_and_leaves_nothing_to_wait_for()
    {
        var completed = Prefixed.Events.Single(e => e.Kind == EventKind.Completed);

        completed.Value.ShouldBe(3600 + 26 * 60 + 27);
        completed.Name.ShouldBe("training-completed");
        completed.Line.ShouldBe(16);
        completed.Rank.ShouldBe(0);
        Prefixed.Events.Last().ShouldSatisfyAllConditions(e => e.Kind.ShouldBe(EventKind.Eta), e => e.Value.ShouldBe(0), e => e.Line.ShouldBe(16));
    }

    [Fact]
    public void Test_lines_are_eval_samples_of_the_last_train_epoch_without_a_training_step()
    {
        var eval = Detr.Metrics.Where(m => m.Phase == Phase.Eval && m.Kind == SampleKind.Point && m.Name == "loss").ToList();

        eval.Select(m => m.Value).ShouldBe([53.8736, 54.9872, 48.3260]);
        eval.Select(m => m.Position.Epoch).ShouldBe([0, 0, 1]);
        eval[1].Position.Iteration.ShouldBe(3);
        eval[1].Position.IterationsPerEpoch.ShouldBe(4);
        eval.ShouldAllBe(m => m.Position.Step == null);
    }

    [Fact]
    public void Inline_averaged_stats_are_epoch_means_in_the_phase_of_the_block_they_close()
    {
        var means = Detr.Metrics.Where(m => m.Kind == SampleKind.EpochMean && m.Name == "loss").ToList();

        means.Select(m => (m.Position.Epoch, m.Phase, m.Average)).ShouldBe(
            [(0, Phase.Train, 43.3952), (0, Phase.Eval, 56.3321), (1, Phase.Train, 32.5575), (1, Phase.Eval, 51.9826)]);
        Detr.Metrics.Where(m => m.Kind == SampleKind.EpochMean && m.Name == "lr").Select(m => m.Phase).ShouldBe([Phase.Train, Phase.Train]);
        Detr.Metrics.Single(m => m.Kind == SampleKind.EpochMean && m.Name == "class_error" && m.Position.Epoch == 1 && m.Phase == Phase.Eval).Value.ShouldBe(92.26);
    }

    [Fact]
    public void Eval_total_time_is_eval_epoch_seconds()
    {
        var seconds = Detr.Metrics.Where(m => m.Name == "epoch_seconds").ToList();

        seconds.Select(m => (m.Position.Epoch, m.Phase, m.Value)).ShouldBe(
            [(0, Phase.Train, 77.0), (0, Phase.Eval, 2.0), (1, Phase.Train, 73.0), (1, Phase.Eval, 2.0)]);
    }

    [Fact]
    public void Coco_tables_and_other_lines_are_not_claimed()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "x.log", "x.log");
        string[] lines =
        [
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.003",
            "| distributed init (rank 3): env://, gpu 3",
            "Accumulating evaluation results...",
            "Epoch 3 loss 0.5",
            "Epoch [1/200] - 进度 0.0% (0/171) - Batch Loss: 0.523415",
            "Test: the model",
            "Averaged stats",
        ];

        foreach (var text in lines)
        {
            parser.TryParse(LogLine.FromString(text, source), sink).ShouldBeFalse(text);
        }

        sink.Metrics.ShouldBeEmpty();
        sink.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Junk_between_metric_lines_leaves_the_metric_lines_intact()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("metriclogger/mixed_junk.log"));

        var loss = records.Metrics.Where(m => m.Name == "loss").ToList();
        loss.Select(m => m.Line).ShouldBe([6L, 8, 9, 10]);
        loss[0].Value.ShouldBe(3.5);
        double.IsNaN(loss[2].Value).ShouldBeTrue();
        double.IsNaN(loss[2].Average!.Value).ShouldBeTrue();
        double.IsPositiveInfinity(loss[3].Value).ShouldBeTrue();
        records.Metrics.Where(m => m.Name == "time").Select(m => m.Line).ShouldBe([6L, 8, 9]);
        records.Metrics.Where(m => m.Name == "max mem").Select(m => m.Value).ShouldBe([900.0, 900, 1900, 900]);
        records.Metrics.ShouldNotContain(m => m.Name.Contains("weird"));
        records.Events.ShouldNotContain(e => e.Kind == EventKind.Completed);
    }

    [Fact]
    public void Sniff_recognises_progress_lines_and_averaged_stats_and_ignores_other_logs()
    {
        Format.Sniff(Sample("[rank0:INFO|misc.py:146] 2026-01-05 10:33:33,342 >> Epoch: [12]  [740/2592]  eta: 2:53:16  lr: 0.000005\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(Sample("Test:  [0/4]  eta: 0:00:06  class_error: 100.00  loss: 53.8736 (53.8736)\n")).ShouldBeGreaterThan(0.9);
        Format.Sniff(Sample("Averaged stats: lr: 0.000100  loss: 34.8483 (43.3952)\n")).ShouldBe(0.9);
        Format.Sniff(Sample("Epoch [1/200] - 进度 0.0% (0/171) - Batch Loss: 0.523415 - LR: 0.00100000\n")).ShouldBe(0);
        Format.Sniff(Sample("{'loss': 2.1095, 'grad_norm': 0.5, 'epoch': 0.02}\n")).ShouldBe(0);
    }

    private static FileSample Sample(string text) => new("a.log", System.Text.Encoding.UTF8.GetBytes(text), true);
}
