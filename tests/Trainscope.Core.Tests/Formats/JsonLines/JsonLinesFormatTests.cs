using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.JsonLines;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.JsonLines;

public class JsonLinesFormatTests
{
    private static readonly JsonLinesFormat Format = new();

    private static RecordCollector Feed(string fixture) => LineFeeder.FeedFile(Format, TestPaths.Fixture("json-lines/" + fixture));

    [Fact]
    public void Records_without_a_position_key_take_their_ordinal_as_the_epoch()
    {
        var sink = Feed("detr_log.txt");

        var loss = sink.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train).ToList();
        loss.Select(m => m.Value).ShouldBe([25.75, 18.5, 12.0]);
        loss.Select(m => m.Position.Epoch).ShouldBe([0, 1, 2]);
        sink.Values("loss", Phase.Test).ShouldBe([20.5, 17.25, 14.0]);
        sink.Metrics.ShouldAllBe(m => m.Kind == SampleKind.Point && m.Position.Step == null);
    }

    [Fact]
    public void Numeric_arrays_become_one_metric_per_element()
    {
        var sink = Feed("detr_log.txt");

        sink.Values("coco_eval_bbox[0]", Phase.Test).ShouldBe([0.125, 0.25, 0.375]);
        sink.Values("coco_eval_bbox[3]", Phase.Test).ShouldBe([-1.0, -1.0, -1.0]);
        sink.Metrics.ShouldNotContain(m => m.Name == "coco_eval_bbox" || m.Name == "coco_eval_bbox[4]");
    }

    [Fact]
    public void A_parameter_count_is_one_run_info_event_not_a_metric()
    {
        var sink = Feed("detr_log.txt");

        var info = sink.Events.ShouldHaveSingleItem();
        info.Kind.ShouldBe(EventKind.RunInfo);
        info.Name.ShouldBe("n_parameters");
        info.Value.ShouldBe(41302368);
        info.Line.ShouldBe(1);
        sink.Metrics.ShouldNotContain(m => m.Name.Contains("parameters"));
    }

    [Fact]
    public void An_epoch_key_is_the_epoch_and_an_epoch_going_back_is_a_restart_marker()
    {
        var sink = Feed("deit_two_runs.txt");

        var loss = sink.Metrics.Where(m => m.Name == "loss").ToList();
        loss.Select(m => m.Position.Epoch).ShouldBe([0, 1, 0, 1, 2]);
        loss.Select(m => m.Value).ShouldBe([6.9, 6.5, 7.0, 6.25, 5.75]);
        sink.Values("acc1", Phase.Test).Last().ShouldBe(4.0);
        var restart = sink.Events.Single(e => e.Kind == EventKind.Marker);
        restart.Name.ShouldBe("restart");
        restart.Line.ShouldBe(3);
        restart.Value.ShouldBe(0);
    }

    [Fact]
    public void Detectron2_non_standard_tokens_are_non_finite_values()
    {
        var sink = Feed("detectron2_metrics.json");

        sink.Values("loss_ce").ShouldBe([1.25, double.NaN, 1.5]);
        sink.Values("total_loss").ShouldBe([76.5, double.PositiveInfinity, 109.5]);
        sink.Values("segm/APs", Phase.Eval).Single().ShouldBe(double.NegativeInfinity);
        sink.Values("bbox/APs", Phase.Eval).Single().ShouldBe(double.NaN);
        sink.Metrics.ShouldNotContain(m => m.Name == "note");
    }

    [Fact]
    public void Evaluator_records_with_slash_names_are_eval_and_iteration_is_the_step()
    {
        var sink = Feed("detectron2_metrics.json");

        var ap = sink.Metrics.Single(m => m.Name == "segm/AP");
        ap.Phase.ShouldBe(Phase.Eval);
        ap.Value.ShouldBe(39.75);
        ap.Position.Step.ShouldBe(39);
        sink.Metrics.Where(m => m.Name == "total_loss").Select(m => m.Position.Step).ShouldBe([19L, 39L, 19L]);
        sink.Metrics.Where(m => m.Name == "total_loss").ShouldAllBe(m => m.Phase == Phase.Train);
    }

    [Fact]
    public void A_relaunch_appended_to_metrics_json_is_marked_where_the_iteration_goes_back()
    {
        var sink = Feed("detectron2_metrics.json");

        var restart = sink.Events.Single(e => e.Kind == EventKind.Marker);
        restart.Name.ShouldBe("restart");
        restart.Line.ShouldBe(4);
        restart.Position.Step.ShouldBe(19);
    }

    [Fact]
    public void Eta_seconds_are_not_metrics_and_only_the_first_and_last_estimates_become_events()
    {
        var sink = Feed("detectron2_metrics.json");

        sink.Metrics.ShouldNotContain(m => m.Name.StartsWith("eta"));
        var etas = sink.Events.Where(e => e.Kind == EventKind.Eta).ToList();
        etas.Select(e => e.Value).ShouldBe([851.5, 880.25]);
        etas.Select(e => e.Line).ShouldBe([1L, 5L]);
    }

    [Fact]
    public void Many_estimates_become_a_bounded_number_of_events()
    {
        var lines = Enumerable.Range(1, 1000).Select(i => $"{{\"iteration\": {i}, \"total_loss\": 1.5, \"eta_seconds\": {1000 - i}}}");
        var sink = LineFeeder.Feed(Format, string.Join('\n', lines));

        var etas = sink.Events.Where(e => e.Kind == EventKind.Eta).ToList();
        etas.Count.ShouldBeLessThanOrEqualTo((1000 / Trainscope.Formats.Text.EtaEvents.Every) + 2);
        etas[^1].Value.ShouldBe(0);
        sink.Metrics.Count.ShouldBe(1000);
    }

    [Fact]
    public void LLaMA_Factory_steps_totals_and_durations_are_read()
    {
        var sink = Feed("llamafactory_trainer_log.jsonl");

        var loss = sink.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train).ToList();
        loss.Select(m => (m.Position.Step, m.Value)).ShouldBe([(10L, 2.219), (20L, 2.1827), (30L, 1.5999)]);
        loss.ShouldAllBe(m => m.Position.Steps == 30);
        loss.Select(m => m.Position.EpochFraction).ShouldBe([0.33, 0.67, 1.0]);
        loss.Select(m => m.Position.Epoch).ShouldBe([0, 0, 1]);
        var eval = sink.Metrics.Single(m => m.Phase == Phase.Eval && m.Name == "loss");
        (eval.Position.Step, eval.Value).ShouldBe((20L, 1.641));
        sink.Values("elapsed_time").ShouldBe([32.0, 63.0, 80.0, 3723.0]);
        sink.Metrics.ShouldNotContain(m => m.Name == "percentage" || m.Name == "remaining_time" || m.Name == "current_steps");
        sink.Events.Where(e => e.Kind == EventKind.Eta).Select(e => e.Value).ShouldBe([64.0, 0.0]);
    }

    [Fact]
    public void Mmengine_iter_beside_step_is_global_and_timing_records_do_not_restart()
    {
        var sink = Feed("mmengine_scalars.json");

        var loss = sink.Metrics.Where(m => m.Name == "loss").ToList();
        loss.Select(m => (m.Position.Epoch, m.Position.Step, m.Position.Iteration)).ShouldBe([(1, 13L, (long?)null), (2, 26L, null)]);
        var map = sink.Metrics.Single(m => m.Name == "coco/bbox_mAP");
        map.Phase.ShouldBe(Phase.Eval);
        sink.Metrics.Single(m => m.Name == "coco/bbox_mAP_m").Value.ShouldBe(-1.0);
        sink.Metrics.Where(m => m.Name == "time").Select(m => m.Phase).ShouldBe([Phase.Train, Phase.Train, Phase.Train, Phase.Eval]);
        sink.Events.ShouldNotContain(e => e.Kind == EventKind.Marker);
    }

    [Fact]
    public void Mmcv_mode_names_the_phase_and_iter_counts_inside_the_epoch()
    {
        var sink = Feed("mmcv_epoch_log.json");

        var loss = sink.Metrics.Where(m => m.Name == "loss").ToList();
        loss.Select(m => (m.Position.Epoch, m.Position.Iteration, m.Position.Step)).ShouldBe([(1, 50L, (long?)null), (1, 100L, null)]);
        sink.Metrics.Single(m => m.Name == "bbox_mAP").Phase.ShouldBe(Phase.Eval);
        sink.Metrics.ShouldNotContain(m => m.Name == "env_info" || m.Name == "config" || m.Name == "mode" || m.Name == "seed");
        var seed = sink.Events.ShouldHaveSingleItem();
        (seed.Kind, seed.Name, seed.Value).ShouldBe((EventKind.RunInfo, "seed", (double?)42));
    }

    [Fact]
    public void Seed_epoch_means_log_keep_their_epoch_and_train_phase()
    {
        var sink = Feed("log_train.txt");

        sink.Metrics.Where(m => m.Name == "closs").Select(m => (m.Position.Epoch, m.Value)).ShouldBe([(11, 8.505), (12, 8.25)]);
        sink.Metrics.ShouldAllBe(m => m.Phase == Phase.Train);
        sink.Values("grad_norm").ShouldBe([12.5, 10.0]);
    }

    [Fact]
    public void Lines_that_are_not_json_objects_are_left_to_other_formats()
    {
        var lines = File.ReadAllLines(TestPaths.Fixture("json-lines/mixed_with_text.log"));
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "mixed.log", "mixed.log");

        var claimed = lines.Select((l, i) => parser.TryParse(LogLine.FromString(l, source, i + 1), sink)).ToArray();

        claimed.ShouldBe([false, true, false, false, true, false, true, false]);
        sink.Values("loss").ShouldBe([3.5, 3.0]);
        sink.Metrics.ShouldNotContain(m => m.Name.StartsWith("extra") || m.Name.StartsWith("flags") || m.Name == "ok" || m.Name == "none");
    }

    [Fact]
    public void A_timestamp_string_dates_the_record_and_other_text_is_ignored()
    {
        var sink = LineFeeder.Feed(Format, "{\"time\": \"2024-11-26 22:09:01\", \"step\": 5, \"loss\": 1.5, \"run\": \"a\"}");

        var loss = sink.Metrics.ShouldHaveSingleItem();
        loss.Timestamp.ShouldBe(new DateTime(2024, 11, 26, 22, 9, 1));
        loss.Position.Step.ShouldBe(5);
    }

    [Fact]
    public void A_byte_order_mark_before_the_first_record_is_skipped()
    {
        var sink = LineFeeder.Feed(Format, "\uFEFF{\"epoch\": 0, \"train_loss\": 1.5}\n{\"epoch\": 1, \"train_loss\": 1.25}");

        sink.Values("loss").ShouldBe([1.5, 1.25]);
        Format.Sniff(Sample("\uFEFF{\"epoch\": 0, \"train_loss\": 1.5}\n")).ShouldBeGreaterThanOrEqualTo(0.9);
    }

    [Fact]
    public void The_registry_holds_the_three_formats()
    {
        FormatRegistry.Find("json-lines").ShouldBeOfType<JsonLinesFormat>();
        FormatRegistry.Find("python-dict").ShouldBeOfType<Trainscope.Formats.PythonDict.PythonDictFormat>();
        FormatRegistry.Find("trainer-state").ShouldBeOfType<Trainscope.Formats.HuggingFace.TrainerStateFormat>();
    }

    [Fact]
    public void Names_are_interned_so_repeated_lines_share_one_string()
    {
        var sink = Feed("deit_two_runs.txt");

        var names = sink.Metrics.Where(m => m.Name == "loss").Select(m => m.Name).ToList();
        names.ShouldAllBe(n => ReferenceEquals(n, names[0]));
    }

    [Fact]
    public void Sniff_is_sure_of_json_lines_and_not_of_text_or_python_dicts()
    {
        Format.Sniff(Sample(File.ReadAllText(TestPaths.Fixture("json-lines/detr_log.txt")))).ShouldBeGreaterThanOrEqualTo(0.9);
        Format.Sniff(Sample(File.ReadAllText(TestPaths.Fixture("json-lines/mmengine_scalars.json")))).ShouldBeGreaterThanOrEqualTo(0.9);
        Format.Sniff(Sample("epoch 1 loss 0.5\nepoch 2 loss 0.4\n")).ShouldBe(0);
        Format.Sniff(Sample("{'loss': 1.0, 'epoch': 0.1}\n{'loss': 0.9, 'epoch': 0.2}\n")).ShouldBe(0);
        Format.Sniff(Sample("{\n  \"lr\": 0.1\n}\n")).ShouldBe(0);
    }

    private static FileSample Sample(string text) => new("sample.txt", Encoding.UTF8.GetBytes(text), headIsWholeFile: true);
}
