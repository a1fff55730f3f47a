using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.PythonDict;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.PythonDict;

public class PythonDictFormatTests
{
    private static readonly PythonDictFormat Format = new();

    private static RecordCollector Stdout() => LineFeeder.FeedFile(Format, TestPaths.Fixture("python-dict/hf_stdout.log"));

    [Fact]
    public void Train_dicts_give_train_metrics_at_a_fractional_epoch()
    {
        var loss = Stdout().Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train && m.Kind == SampleKind.Point).ToList();

        loss.Select(m => m.Value).ShouldBe([3.4521, 3.25, 2.2818, 0.0, 1.75]);
        loss.Select(m => m.Position.EpochFraction).ShouldBe([0.005, 0.1, 0.29, 0.3, 0.75]);
        loss.ShouldAllBe(m => m.Position.Epoch == null && m.Position.Step == null);
        Stdout().Values("learning_rate").First().ShouldBe(1e-04);
    }

    [Fact]
    public void A_dict_after_a_tqdm_bar_a_logging_prefix_or_a_pasted_line_number_is_read()
    {
        var metrics = Stdout().Metrics;

        metrics.Single(m => m.Name == "num_tokens").Line.ShouldBe(4);
        var prefixed = metrics.Single(m => m.Name == "loss" && m.Line == 5);
        prefixed.Value.ShouldBe(2.2818);
        prefixed.Timestamp.ShouldBe(new DateTime(2024, 11, 26, 22, 9, 1));
        metrics.Single(m => m.Name == "loss" && m.Line == 6).Value.ShouldBe(0.0);
    }

    [Fact]
    public void Nan_and_inf_are_non_finite_values()
    {
        var metrics = Stdout().Metrics;

        double.IsNaN(metrics.Single(m => m.Name == "grad_norm" && m.Line == 4).Value).ShouldBeTrue();
        metrics.Single(m => m.Name == "grad_norm" && m.Line == 6).Value.ShouldBe(double.PositiveInfinity);
        metrics.Single(m => m.Name == "g1_loss").Value.ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public void Eval_dicts_are_eval_phase_and_named_eval_sets_keep_their_name()
    {
        var eval = Stdout().Metrics.Where(m => m.Phase == Phase.Eval).ToList();

        eval.Single(m => m.Name == "loss").Value.ShouldBe(1.98);
        eval.Single(m => m.Name == "runtime").Value.ShouldBe(3.2);
        eval.Single(m => m.Name == "g0_loss").Value.ShouldBe(2.5);
        eval.Single(m => m.Name == "g0_accuracy").Value.ShouldBe(0.71);
        eval.ShouldAllBe(m => m.Position.EpochFraction == 0.5);
    }

    [Fact]
    public void The_train_runtime_summary_is_final()
    {
        var final = Stdout().Metrics.Where(m => m.Kind == SampleKind.Final).ToList();

        final.Select(m => m.Name).ShouldBe(["runtime", "samples_per_second", "steps_per_second", "loss"]);
        final.ShouldAllBe(m => m.Phase == Phase.Train && m.Line == 10);
        final.Single(m => m.Name == "loss").Value.ShouldBe(1.3628681462714476);
        var completed = Stdout().Events.Single(e => e.Kind == EventKind.Completed);
        (completed.Line, completed.Value).ShouldBe((10L, (double?)39860.6586));
    }

    [Fact]
    public void Double_quotes_tensors_booleans_none_and_strings_are_tolerated()
    {
        var line9 = Stdout().Metrics.Where(m => m.Line == 9).ToList();

        line9.Select(m => (m.Name, m.Value)).ShouldBe([("loss", 1.75), ("grad_norm", 0.25)]);
    }

    [Fact]
    public void Prose_quoting_a_dict_and_a_cut_dict_are_not_claimed()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "x.log", "x.log");
        var lines = File.ReadAllLines(TestPaths.Fixture("python-dict/hf_stdout.log"));

        var claimed = lines.Select((l, i) => parser.TryParse(LogLine.FromString(l, source, i + 1), sink)).ToArray();

        claimed.ShouldBe([false, false, true, true, true, true, true, true, true, true, false, false]);
        sink.Metrics.ShouldNotContain(m => m.Name == "pad_token_id");
    }

    [Fact]
    public void A_second_run_appended_to_the_same_stdout_is_marked_where_the_epoch_goes_back()
    {
        var sink = LineFeeder.Feed(Format, "{'loss': 2.0, 'epoch': 0.5}\n{'eval_loss': 1.9, 'epoch': 0.5}\n{'loss': 1.8, 'epoch': 1.0}\n{'loss': 2.1, 'epoch': 0.5}");

        var restart = sink.Events.ShouldHaveSingleItem();
        (restart.Kind, restart.Name, restart.Line, restart.Value).ShouldBe((EventKind.Marker, "restart", 4L, (double?)0.5));
        Stdout().Events.ShouldNotContain(e => e.Kind == EventKind.Marker);
    }

    [Fact]
    public void Predict_results_are_the_test_phase()
    {
        var sink = LineFeeder.Feed(Format, "{'predict_loss': 0.65, 'predict_rouge-1': 47.1, 'epoch': 1.0}");

        sink.Metrics.Select(m => (m.Name, m.Phase)).ShouldBe([("loss", Phase.Test), ("rouge-1", Phase.Test)]);
    }

    [Fact]
    public void Sniff_finds_trainer_dicts_and_ignores_other_text()
    {
        Format.Sniff(Sample(File.ReadAllText(TestPaths.Fixture("python-dict/hf_stdout.log")))).ShouldBeGreaterThan(0.7);
        Format.Sniff(Sample("Epoch [1/10] loss 0.5\n{\"loss\": 0.5}\n")).ShouldBe(0);
    }

    private static FileSample Sample(string text) => new("train.log", Encoding.UTF8.GetBytes(text), headIsWholeFile: true);
}
