using Trainscope.Formats;
using Trainscope.Formats.Generic;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Generic;

public class GenericFormatTests
{
    private static readonly GenericFormat Format = new();

    [Fact]
    public void A_family_of_epoch_loss_lines_gives_every_value_with_its_epoch_line_and_timestamp()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/custom_loop.log"));

        var losses = records.Metrics.Where(m => m.Name == "loss" && m.Kind == SampleKind.Point).ToList();
        losses.Select(m => m.Value).ShouldBe([2.5, 2.25, 2.0, 1.5, 1.25]);
        losses.Select(m => m.Line).ShouldBe([2L, 3, 4, 8, 9]);
        losses.Select(m => m.Position.Epoch).ShouldBe([1, 1, 1, 2, 2]);
        losses[0].Timestamp.ShouldBe(new DateTime(2025, 3, 2, 5, 16, 20, 962));
        losses.ShouldAllBe(m => m.Phase == Phase.Train);
    }

    [Fact]
    public void Average_train_loss_with_only_an_epoch_is_the_printed_epoch_mean()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/custom_loop.log"));

        var means = records.Metrics.Where(m => m.Kind == SampleKind.EpochMean).ToList();
        means.Select(m => (m.Name, m.Value, m.Position.Epoch)).ShouldBe([("loss", 2.2, (int?)1), ("loss", 1.375, 2)]);
    }

    [Fact]
    public void A_dev_line_names_the_phase_for_the_values_after_its_colon()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/custom_loop.log"));

        records.Values("dev_bleu-4", Phase.Eval).ShouldBe([30.25, 31.5]);
        records.Values("dev_bleu-1", Phase.Eval).ShouldBe([60.5, 62.0]);
        records.Metrics.Where(m => m.Name.StartsWith("dev_bleu", StringComparison.Ordinal)).ShouldAllBe(m => m.Phase == Phase.Eval);
    }

    [Fact]
    public void Units_thousands_separators_scientific_notation_nan_and_inf_are_values()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/mixed_units.log"));

        records.Values("peak_mem").ShouldBe([8.104, 8.104, 8.626]);
        records.Values("trained_tokens").ShouldBe([9699, 19515, 2118123520]);
        records.Values("learning_rate").ShouldAllBe(v => v == 7e-5);
        records.Values("ms/batch").ShouldBe([11.61, 30.2]);
        records.Values("ppl").First().ShouldBe(double.NegativeInfinity);
        records.Metrics.Where(m => m.Name == "loss" && m.Line == 5).Single().Value.ShouldBe(double.NaN);
        records.Metrics.Where(m => m.Name == "loss" && m.Line == 8).Single().Value.ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void One_line_with_a_position_and_a_loss_is_enough_and_its_phase_word_is_split_off()
    {
        var records = LineFeeder.Feed(Format, "Iter 1: Val loss 2.086, Val took 17.177s");

        var loss = records.Metrics.Single(m => m.Name == "loss");
        loss.Phase.ShouldBe(Phase.Eval);
        loss.Value.ShouldBe(2.086);
        loss.Position.Step.ShouldBe(1);
        records.Values("took", Phase.Eval).ShouldBe([17.177]);
    }

    [Fact]
    public void A_lone_line_without_a_loss_is_held_until_its_family_repeats()
    {
        var source = new SourceInfo(0, "t.log", "t.log");
        var parser = Format.CreateParser();
        var sink = new RecordCollector();

        parser.TryParse(LogLine.FromString("Validation Accuracy: 0.50", source, 1), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("Validation Accuracy: 0.90", source, 2), sink).ShouldBeFalse();
        sink.Metrics.ShouldBeEmpty();
        parser.TryParse(LogLine.FromString("Validation Accuracy: 0.92", source, 3), sink).ShouldBeTrue();

        sink.Metrics.Select(m => (m.Name, m.Phase, m.Value, m.Line)).ShouldBe([
            ("accuracy", Phase.Eval, 0.50, 1L), ("accuracy", Phase.Eval, 0.90, 2L), ("accuracy", Phase.Eval, 0.92, 3L)]);
    }

    [Fact]
    public void Epoch_brackets_iteration_fractions_and_running_averages_are_read()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/mixed_units.log"));

        var loss = records.Metrics.First(m => m.Name == "loss" && m.Line == 6);
        loss.Value.ShouldBe(0.564);
        loss.Average.ShouldBe(0.5566);
        loss.Position.Epoch.ShouldBe(1);
        loss.Position.Iteration.ShouldBe(367);
        loss.Position.IterationsPerEpoch.ShouldBe(4899);
        loss.Position.Step.ShouldBe(4899 + 367);
        records.Metrics.First(m => m.Name == "dice").Average.ShouldBe(0.3144);
        records.Values("lr").Take(2).ShouldBe([0.001, 0.001]);

        var batch = records.Metrics.First(m => m.Name == "ms/batch");
        batch.Position.Epoch.ShouldBe(2);
        batch.Position.Iteration.ShouldBe(200);
        batch.Position.IterationsPerEpoch.ShouldBe(2983);
    }

    [Fact]
    public void Chinese_phase_words_full_width_punctuation_and_round_numbers_are_understood()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/chinese_epochs.log"));

        records.Values("loss", Phase.Train).ShouldBe([0.7377, 0.8877]);
        records.Values("loss", Phase.Eval).ShouldBe([2.0885, 1.2286]);
        // Each family is held until its second line, so the eval values arrive after the second train value.
        records.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train).Select(m => m.Position.Epoch).ShouldBe([1, 2]);
        records.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Eval).Select(m => (m.Position.Epoch, m.Line)).ShouldBe([((int?)1, 3L), (2, 6)]);
        records.Values("耗时").ShouldBe([14.52, 13.90]);
        records.Values("占用").ShouldBe([40.1, 41.0]);
        records.Values("α").ShouldBe([0.165, 0.322]);
        records.Metrics.First(m => m.Name == "α").Position.Epochs.ShouldBe(30);
        records.Values("metrics/map50(b)").ShouldBe([0.4979, 0.6069]);
        records.Values("box_loss", Phase.Eval).ShouldBe([1.9590, 1.8054]);
        records.Metrics.Where(m => m.Name == "fitness").Select(m => m.Position.Epoch).ShouldBe([1, 2]);
    }

    [Fact]
    public void Batch_loss_is_loss_unless_the_line_also_has_a_plain_loss()
    {
        var text = string.Join('\n', Enumerable.Range(1, 3).Select(i => $"step {i} batch loss: 0.{i} loss: 1.{i}"));

        var records = LineFeeder.Feed(Format, text);

        records.Values("batch_loss").ShouldBe([0.1, 0.2, 0.3]);
        records.Values("loss").ShouldBe([1.1, 1.2, 1.3]);
    }

    [Fact]
    public void Dllogger_lines_lose_their_prefix_and_keyword()
    {
        var text = """
            DLL 2020-06-04 01:04:20.355678 - PARAMETER loss_scale : 2.9103830456733704e-11 
            DLL 2020-06-04 01:04:46.877511 - PARAMETER loss_scale : 1.4551915228366852e-11 
            DLL 2020-06-04 01:05:13.367301 - PARAMETER loss_scale : 7.275957614183426e-12 
            DLL 2020-06-04 01:09:11.569757 - Training Epoch: 0 Training Iteration: 2933  average_loss : nan  step_loss : 1.0703125
            """;

        var records = LineFeeder.Feed(Format, text);

        records.Values("loss_scale").ShouldBe([2.9103830456733704e-11, 1.4551915228366852e-11, 7.275957614183426e-12]);
        records.Metrics.First().Timestamp.ShouldBe(new DateTime(2020, 6, 4, 1, 4, 20).AddTicks(3556780));
        var step = records.Metrics.Single(m => m.Name == "step_loss");
        step.Value.ShouldBe(1.0703125);
        step.Position.Epoch.ShouldBe(0);
        step.Position.Step.ShouldBe(2933);
        double.IsNaN(records.Metrics.Single(m => m.Name == "average_loss").Value).ShouldBeTrue();
    }

    [Fact]
    public void An_integer_before_a_colon_and_the_value_is_the_step()
    {
        var records = LineFeeder.Feed(Format, "Epoch: 11\nValidation loss 6312:  0.149928  \nEpoch 11 time 30.503 lr 0.001");

        var loss = records.Metrics.Single(m => m.Name == "loss");
        loss.Value.ShouldBe(0.149928);
        loss.Phase.ShouldBe(Phase.Eval);
        loss.Position.Step.ShouldBe(6312);
        loss.Position.Epoch.ShouldBe(11);
    }

    [Fact]
    public void Indented_lines_below_a_position_line_take_its_step_and_thousands_separators_are_read()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/indented_blocks.log"));

        var loss = records.Metrics.Where(m => m.Name == "crossentropyloss").ToList();
        loss.Select(m => m.Value).ShouldBe([2.998, 2.919, 2.901]);
        loss.Select(m => m.Position.Step).ShouldBe([1L, 2, 3]);
        loss[0].Position.Steps.ShouldBe(15000);
        loss[0].Position.Epoch.ShouldBe(0);
        records.Values("system/peak_gpu_memory").ShouldBe([111477, 111478, 111478]);
        records.Values("optim/total_grad_norm").Count().ShouldBe(3);
    }

    [Fact]
    public void Indented_key_values_below_a_line_that_does_not_end_in_a_position_are_config()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("generic/indented_blocks.log"));

        records.Values("depth").ShouldBeEmpty();
    }

    [Fact]
    public void The_format_is_registered_last()
    {
        FormatRegistry.LineFormats[^1].ShouldBeOfType<GenericFormat>();
        FormatRegistry.Find("generic").ShouldBeOfType<GenericFormat>();
    }
}
