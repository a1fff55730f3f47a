using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Csv;

public class CsvHistoryFormatTests
{
    private static readonly CsvHistoryFormat Format = new();

    private static RecordCollector Fixture(string name) => LineFeeder.FeedFile(Format, TestPaths.Fixture("csv/" + name));

    [Fact]
    public void An_epoch_history_gives_every_column_per_epoch_in_the_train_phase()
    {
        var records = Fixture("seed001/training_history.csv");

        records.Metrics.Count.ShouldBe(6 * 8);
        records.Metrics.ShouldAllBe(m => m.Phase == Phase.Train && m.Kind == SampleKind.Point && m.Position.Step == null);
        records.Values("loss").ShouldBe([0.8, 0.7, 0.6, 0.5, 0.4, 0.3]);
        records.Metrics.Where(m => m.Name == "loss").Select(m => m.Position.Epoch).ShouldBe([1, 2, 3, 4, 5, 6]);
        records.Metrics.Select(m => m.Name).Distinct().ShouldBe(
            ["loss", "reward_mean", "reward_std", "accuracy_mean", "accuracy_std", "latency_mean", "latency_std", "budget_violation_rate"]);
        var first = records.Metrics.First();
        first.Line.ShouldBe(2);
        first.Offset.ShouldBe(File.ReadAllLines(TestPaths.Fixture("csv/seed001/training_history.csv"))[0].Length + 1);
    }

    [Fact]
    public void A_validation_history_file_name_puts_unprefixed_columns_in_eval()
    {
        var records = Fixture("seed001/validation_history.csv");

        records.Metrics.ShouldAllBe(m => m.Phase == Phase.Eval);
        records.Metrics.Where(m => m.Name == "loss").Select(m => m.Position.Epoch).ShouldBe([2, 4, 6]);
    }

    [Fact]
    public void Keras_val_columns_are_eval_and_the_lr_column_is_a_metric()
    {
        var records = Fixture("keras/training.log");

        records.Values("loss", Phase.Eval).ShouldBe([0.32, 0.25, 0.21, 0.215]);
        records.Values("loss", Phase.Train).ShouldBe([0.3, 0.22, 0.18, 0.15]);
        records.Values("accuracy", Phase.Eval).Count().ShouldBe(4);
        records.Values("lr").ShouldBe([0.001, 0.001, 0.00020000001, 4.0000003e-05]);
        records.Metrics.Where(m => m.Name == "lr").Select(m => m.Position.Epoch).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Lightning_sparse_rows_give_only_the_cells_they_fill()
    {
        var records = Fixture("lightning_sparse_metrics.csv");

        records.Values("loss", Phase.Train).ShouldBe([2.31, 1.95, 1.52, 1.37]);
        records.Values("loss", Phase.Eval).ShouldBe([1.80, 1.42]);
        records.Values("acc", Phase.Eval).ShouldBe([0.41, 0.55]);
        records.Metrics.Count.ShouldBe(8);
        var eval = records.Metrics.First(m => m.Phase == Phase.Eval);
        eval.Position.Step.ShouldBe(99);
        eval.Position.Epoch.ShouldBe(0);
        eval.Line.ShouldBe(4);
    }

    [Fact]
    public void Ultralytics_padded_cells_are_trimmed_and_metrics_columns_are_eval()
    {
        var records = Fixture("ultralytics_padded_results.csv");

        records.Values("box_loss", Phase.Train).ShouldBe([1.6878, 1.267, 1.1897]);
        records.Values("box_loss", Phase.Eval).ShouldBe([2.335, 2.2896, 1.9873]);
        records.Values("metrics/mAP50-95(B)", Phase.Eval).ShouldBe([0.05583, 0.12497, 0.22066]);
        records.Values("lr/pg0", Phase.Train).Last().ShouldBe(0.0097583);
        records.Metrics.Select(m => m.Position.Epoch).Distinct().ShouldBe([0, 1, 2]);
    }

    [Fact]
    public void A_headerless_file_numbers_its_columns_and_reads_value_with_average()
    {
        var records = Fixture("headerless_metrics_val.csv");

        records.Metrics.Count.ShouldBe(15);
        records.Metrics.ShouldAllBe(m => m.Phase == Phase.Eval);
        records.Values("col1").ShouldBe([0.7422, 0.75, 0.8144]);
        records.Values("col4").Take(2).ShouldAllBe(v => double.IsNaN(v));
        var last = records.Metrics.Where(m => m.Name == "col5").ToList();
        last.Select(m => m.Value).ShouldBe([0.5691, 0.3339, 0.3159]);
        last.Select(m => m.Average).ShouldBe([0.65, 0.6166, 0.4259]);
        records.Metrics.First().Line.ShouldBe(1);
    }

    [Fact]
    public void Batch_rows_carry_epoch_and_iteration()
    {
        var records = Fixture("seed002/batch_metrics_20240101_120000.csv");

        var losses = records.Metrics.Where(m => m.Name == "loss").ToList();
        losses.Count.ShouldBe(9);
        losses[4].Position.Epoch.ShouldBe(2);
        losses[4].Position.Iteration.ShouldBe(1);
        losses[4].Value.ShouldBe(0.41);
        records.Metrics.ShouldNotContain(m => m.Name == "batch" || m.Name == "epoch");
    }

    [Fact]
    public void Junk_rows_are_refused_text_cells_skipped_and_a_repeated_header_accepted()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "junk_rows.csv", "junk_rows.csv");
        var claimed = File.ReadAllLines(TestPaths.Fixture("csv/junk_rows.csv"))
            .Select((text, i) => parser.TryParse(LogLine.FromString(text, source, i + 1), sink))
            .ToArray();

        claimed.ShouldBe([true, true, false, false, true, true, false, true, true]);
        sink.Values("loss").ShouldBe([0.90, 0.70, 0.55]);
        sink.Values("acc").ShouldBe([0.50, 0.60, 0.70]);
        sink.Metrics.ShouldNotContain(m => m.Name == "note");
        sink.Metrics.Single(m => m.Name == "acc" && m.Value == 0.60).Line.ShouldBe(5);
    }

    [Fact]
    public void Empty_cells_are_absent_while_nan_and_inf_are_values()
    {
        var records = LineFeeder.Feed(Format, "step,loss,grad_norm\n1,nan,\n2,inf,3.5\n3,,-Infinity\n", "metrics.csv");

        var losses = records.Values("loss").ToList();
        losses.Count.ShouldBe(2);
        double.IsNaN(losses[0]).ShouldBeTrue();
        double.IsPositiveInfinity(losses[1]).ShouldBeTrue();
        records.Values("grad_norm").ShouldBe([3.5, double.NegativeInfinity]);
        records.Metrics.Where(m => m.Name == "grad_norm").Select(m => m.Position.Step).ShouldBe([2L, 3L]);
    }

    [Fact]
    public void Tab_separated_quoted_and_fractional_epoch_cells_are_read()
    {
        var records = LineFeeder.Feed(Format, "\"epoch\"\t\"train loss\"\tlr\n0.5\t\"1.25\"\t0.1\n1\t1.0\t0.1\n", "history.tsv");

        records.Values("loss", Phase.Train).ShouldBe([1.25, 1.0]);
        var first = records.Metrics.First();
        first.Position.Epoch.ShouldBe(0);
        first.Position.EpochFraction.ShouldBe(0.5);
        records.Metrics.Last().Position.EpochFraction.ShouldBeNull();
    }

    [Fact]
    public void A_timestamp_cell_and_a_wall_time_column_time_the_row()
    {
        var dated = LineFeeder.Feed(Format, "time,epoch,loss\n2026-01-05 10:33:33,1,0.5\n", "history.csv");
        dated.Metrics.Single().Timestamp.ShouldBe(new DateTime(2026, 1, 5, 10, 33, 33));

        var exported = LineFeeder.Feed(Format, "Wall time,Step,Value\n1700000000.5,10,0.25\n", "export.csv");
        var sample = exported.Metrics.Single();
        sample.Name.ShouldBe("Value");
        sample.Position.Step.ShouldBe(10);
        sample.Timestamp.ShouldBe(DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(1700000000.5).ToLocalTime(), DateTimeKind.Unspecified));
    }

    [Theory]
    [InlineData("Namespace(lr=0.1, epochs=10, batch_size=4)")]
    [InlineData("{\"train_lr\": 9.9e-05, \"train_loss\": 0.5, \"epoch\": 0}")]
    [InlineData("Epoch 1, loss 0.5, acc 0.9")]
    [InlineData("INFO, starting up")]
    [InlineData("loss 0.5")]
    public void An_ordinary_first_line_with_commas_turns_the_parser_off(string firstLine)
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "train.log", "train.log");

        parser.TryParse(LogLine.FromString(firstLine, source, 1), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("epoch,loss", source, 2), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("1,0.5", source, 3), sink).ShouldBeFalse();
        sink.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void A_header_far_into_a_file_is_not_taken()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "train.log", "train.log");

        parser.TryParse(LogLine.FromString("epoch,loss", source, 40), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("1,0.5", source, 41), sink).ShouldBeFalse();
        sink.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void A_tensorboard_download_names_its_value_column_after_the_tag_in_the_file_name()
    {
        var records = LineFeeder.Feed(Format, "Wall time,Step,Value\n1700000000.5,10,0.25\n1700000060.5,20,0.2\n", "run-version_0-tag-val_loss.csv");

        records.Metrics.Select(m => (m.Name, m.Phase, m.Position.Step)).ShouldBe([("loss", Phase.Eval, 10L), ("loss", Phase.Eval, 20L)]);
    }

    [Fact]
    public void Chinese_headers_name_the_epoch_and_the_phase()
    {
        var records = LineFeeder.Feed(Format, "轮次,训练损失,验证损失,学习率\n1,0.52,0.61,0.001\n2,0.41,0.55,0.001\n", "history.csv");

        records.Values("损失", Phase.Train).ShouldBe([0.52, 0.41]);
        records.Values("损失", Phase.Eval).ShouldBe([0.61, 0.55]);
        records.Metrics.Where(m => m.Name == "学习率").Select(m => m.Position.Epoch).ShouldBe([1, 2]);
    }

    [Fact]
    public void The_example_shown_by_the_formats_command_is_read()
    {
        var records = LineFeeder.Feed(Format, Format.Example, "history.csv");

        records.Metrics.Select(m => (m.Name, m.Phase, m.Position.Epoch)).ShouldBe(
            [("loss", Phase.Train, 0), ("loss", Phase.Eval, 0), ("lr", Phase.Train, 0)]);
    }

    [Fact]
    public void The_rank_of_the_source_file_is_kept()
        => LineFeeder.Feed(Format, "epoch,loss\n0,1.5\n", "history_rank2.csv", rank: 2).Metrics.Single().Rank.ShouldBe(2);

    [Fact]
    public void A_file_name_with_a_test_word_gives_the_test_phase()
        => LineFeeder.Feed(Format, "epoch,loss\n0,1.5\n", "test_history.csv").Metrics.Single().Phase.ShouldBe(Phase.Test);
}
