using Trainscope.Formats.Frameworks;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.Frameworks;

public class KerasFormatTests
{
    private static readonly KerasFormat Format = new();

    [Fact]
    public void Only_the_last_redraw_of_a_verbose1_bar_is_the_epoch_value()
    {
        var records = FrameworkFeed.Read(Format, "keras/verbose1_two_runs.log");

        var loss = records.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train).ToList();
        loss[0].Value.ShouldBe(0.29);
        loss[0].Position.Epoch.ShouldBe(1);
        loss[0].Position.Epochs.ShouldBe(2);
        loss[1].Value.ShouldBe(0.14);
        records.Values("loss", Phase.Train).ShouldNotContain(2.31);
        records.Values("loss", Phase.Train).ShouldNotContain(1.2);
        records.Values("accuracy", Phase.Eval).Take(2).ShouldBe([0.9, 0.95]);
        records.Metrics.First(m => m.Name == "epoch_seconds").Value.ShouldBe(5);
    }

    [Fact]
    public void An_evaluate_bar_after_the_last_epoch_is_a_final_test_result()
    {
        var records = FrameworkFeed.Read(Format, "keras/verbose1_two_runs.log");

        var test = records.Metrics.Where(m => m.Phase == Phase.Test).ToList();
        test.Select(m => m.Name).ShouldBe(["loss", "accuracy"]);
        test.ShouldAllBe(m => m.Kind == SampleKind.Final && m.Line == 5);
        test[1].Value.ShouldBe(0.952);
    }

    [Fact]
    public void A_second_fit_continues_the_epoch_count_and_is_marked()
    {
        var records = FrameworkFeed.Read(Format, "keras/verbose1_two_runs.log");

        var restart = records.Events.Single(e => e.Name == "run-restart");
        restart.Kind.ShouldBe(EventKind.Marker);
        restart.Line.ShouldBe(6);
        restart.Value.ShouldBe(2);
        var second = records.Metrics.Single(m => m.Name == "loss" && m.Value == 3.1494);
        second.Position.Epoch.ShouldBe(3);
        second.Position.Epochs.ShouldBe(5);
        records.Metrics.Single(m => m.Name == "accuracy" && m.Line == 7).Value.ShouldBe(0);
        records.Metrics.Single(m => m.Name == "epoch_seconds" && m.Line == 7).Value.ShouldBe(5);
    }

    [Fact]
    public void A_bar_cut_short_by_the_end_of_the_log_is_kept_with_its_fraction()
    {
        var records = FrameworkFeed.Read(Format, "keras/verbose1_two_runs.log");

        var last = records.Metrics.Last(m => m.Name == "loss");
        last.Value.ShouldBe(0.9);
        last.Line.ShouldBe(9);
        last.Position.Epoch.ShouldBe(4);
        last.Position.EpochFraction!.Value.ShouldBe(3 + 64.0 / 1875, 1e-9);
        records.Metrics.ShouldNotContain(m => m.Name == "epoch_seconds" && m.Line == 9);
    }

    [Fact]
    public void Keras1_lines_with_crlf_give_time_train_and_val_metrics()
    {
        var records = FrameworkFeed.Read(Format, "keras/keras1_verbose2.log");

        records.Values("loss", Phase.Train).ShouldBe([2.4808, 1.7988, 1.4631]);
        records.Values("acc", Phase.Eval).ShouldBe([0.4365, 0.477, 0.4755]);
        records.Values("epoch_seconds").ShouldBe([67, 64, 65]);
        double.IsNaN(records.Values("loss", Phase.Eval).Last()).ShouldBeTrue();
        records.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Keras3_glyph_bars_are_read_like_the_bracket_bars()
    {
        var records = LineFeederText("Epoch 1/1\n  32/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 2ms/step - accuracy: 0.6000 - loss: 1.2000\n"
            + "1875/1875 ━━━━━━━━━━━━━━━━━━━━ 5s 2ms/step - accuracy: 0.9100 - loss: 0.2900 - val_accuracy: 0.9000 - val_loss: 0.3100\n");

        records.Values("loss", Phase.Train).ShouldBe([0.29]);
        records.Values("loss", Phase.Eval).ShouldBe([0.31]);
        records.Values("epoch_seconds").ShouldBe([5]);
    }

    [Theory]
    [InlineData("2023-01-01 12:00:00 - INFO - loss: 0.5")]
    [InlineData("12 - loss: 0.5")]
    [InlineData("Epoch 3 loss 0.5")]
    [InlineData("67s - the run was fine")]
    [InlineData("1875/1875 - 5s - loss: 0.29")]
    public void Lines_that_are_not_keras_output_or_come_before_any_epoch_are_not_claimed(string text)
    {
        var (claimed, records) = FrameworkFeed.One(Format, text);

        claimed.ShouldBeFalse();
        records.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Sniff_wants_a_header_followed_by_a_metric_line()
    {
        Format.Sniff(FrameworkFeed.Sample("Epoch 1/15\n67s - loss: 2.4808 - acc: 0.2275\n")).ShouldBeGreaterThan(0.8);
        Format.Sniff(FrameworkFeed.Sample("Epoch: [0]  [  0/128]  eta: 0:12:43\n")).ShouldBe(0);
    }

    private static RecordCollector LineFeederText(string text) => Trainscope.Tests.Support.LineFeeder.Feed(Format, text);
}
