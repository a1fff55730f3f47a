using System.Globalization;
using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>The real event files of the corpus, read through `analyze --json` and checked against PROVENANCE.md §6 and §7.</summary>
public class TensorBoardCorpusTests
{
    private const string Retfound = "tfevents/retfound_finetune_IDRiD.events.out.tfevents.1727894649.aadb7b286212.6379.0";
    private const string RetfoundSmall = "tfevents/retfound_small.events.out.tfevents.1716410862.DESKTOP-0S29EV5.7244.0";
    private const string HeaderOnly = "tfevents/retfound_headeronly.events.out.tfevents.1716409326.DESKTOP-0S29EV5.13092.0";
    private const string Mtid = "tfevents/mtid_coin.events.out.tfevents.1726125732.aa-ESC8000-G4";
    private const string Ultralytics = "tfevents/ultralytics_yolov8.events.out.tfevents.1675348815.43529bab29be.37247.0";
    private const string Mask2Former = "tfevents/detectron2_mask2former.events.out.tfevents.1756567492.fuyx.3135203.0";
    private const string HyperClipDir = "multi-rank/detectron2_hyperclip_4gpu_aborted";
    private const string HyperClip = HyperClipDir + "/events.out.tfevents.1752820354.DVLab-8.2567800.0";

    [Theory]
    [InlineData(Retfound, 5751, 5)]
    [InlineData(RetfoundSmall, 9, 2)]
    [InlineData(HeaderOnly, 1, 0)]
    [InlineData(Mtid, 3051, 17)]
    [InlineData(Ultralytics, 4309, 10)]
    [InlineData(Mask2Former, 7413, 49)]
    [InlineData(HyperClip, 13, 6)]
    public void Every_record_is_read_with_no_bad_crc_and_every_tag_becomes_a_metric(string file, long records, int tags)
    {
        var run = Analyze(file);
        var source = run.GetProperty("sources").EnumerateArray().Single();

        source.GetProperty("format").GetString().ShouldBe("tensorboard");
        source.GetProperty("lines").GetInt64().ShouldBe(records);
        source.GetProperty("skipped").GetInt64().ShouldBe(0);
        source.GetProperty("problems").GetArrayLength().ShouldBe(0);
        run.GetProperty("metrics").GetArrayLength().ShouldBe(tags);
    }

    [Fact]
    public void Retfound_starts_with_the_brain_event_2_header_and_logs_loss_on_the_epoch_1000x_axis()
    {
        var run = Analyze(Retfound);
        run.GetProperty("info").GetProperty("file_version").GetString().ShouldBe("brain.Event:2");

        var loss = Metric(run, "loss", "train");
        loss.Count.ShouldBe(2800);
        (loss.FirstStep, loss.LastStep).ShouldBe((0, 49982));
        loss.First.ShouldBe(0.6930662989616394);
        (loss.Max, loss.MaxStep).ShouldBe((1.3920469284057617, 34910));
        Metric(run, "lr", "train").Count.ShouldBe(2800);
        Rows(Retfound).Where(r => r.Name == "loss").Take(5).Select(r => r.Step).ShouldBe([0L, 17, 35, 53, 71]);
    }

    [Fact]
    public void Retfound_validation_tags_are_eval_metrics_over_fifty_epochs()
    {
        var run = Analyze(Retfound);
        foreach (var name in new[] { "perf/acc1", "perf/auc", "perf/loss" })
        {
            var metric = Metric(run, name, "eval");
            metric.Count.ShouldBe(50);
            (metric.FirstStep, metric.LastStep).ShouldBe((0, 49));
        }

        var auc = Metric(run, "perf/auc", "eval");
        (auc.Max, auc.MaxStep).ShouldBe((0.8299999833106995, 30));
        var valLoss = Metric(run, "perf/loss", "eval");
        (valLoss.Min, valLoss.MinStep).ShouldBe((0.42224758863449097, 36));
        (valLoss.Last, valLoss.LastStep).ShouldBe((0.4257197380065918, 49));
    }

    [Fact]
    public void Retfound_small_has_four_values_of_loss_and_lr()
    {
        var run = Analyze(RetfoundSmall);
        var loss = Metric(run, "loss", "train");
        var lr = Metric(run, "lr", "train");

        (loss.Count, lr.Count).ShouldBe((4, 4));
        (loss.First, loss.FirstStep).ShouldBe((0.6931501626968384, 0));
        (loss.Last, loss.LastStep).ShouldBe((0.6929669380187988, 250));
        (lr.Last, lr.LastStep).ShouldBe((4.882812731921149e-07, 250));
    }

    [Fact]
    public void The_header_only_file_is_an_empty_run_not_a_failure()
    {
        var run = Analyze(HeaderOnly);

        run.GetProperty("metrics").GetArrayLength().ShouldBe(0);
        run.GetProperty("info").GetProperty("file_version").GetString().ShouldBe("brain.Event:2");
        DateTime.Parse(run.GetProperty("progress").GetProperty("first_time").GetString()!, CultureInfo.InvariantCulture)
            .ShouldBe(new DateTime(2024, 5, 22, 20, 22, 6, 164));
    }

    [Fact]
    public void Mtid_val_loss_rises_while_train_loss_falls()
    {
        var run = Analyze(Mtid);
        var train = Metric(run, "EpochLoss", "train");
        var val = Metric(run, "EpochLoss", "eval");

        train.Count.ShouldBe(289);
        (train.FirstStep, train.LastStep).ShouldBe((1, 289));
        (train.First, train.Last).ShouldBe((5828.5537109375, 1764.726318359375));
        val.Count.ShouldBe(288);
        (val.Min, val.MinStep).ShouldBe((2678.09765625, 119));
        (val.Last, val.LastStep).ShouldBe((2742.29150390625, 288));
    }

    [Fact]
    public void Mtid_accuracy_peaks_at_step_153_and_train_accuracies_come_every_ten_steps()
    {
        var run = Analyze(Mtid);
        var acc = Metric(run, "EpochAcc_1", "eval");

        (acc.Max, acc.MaxStep).ShouldBe((47.7347526550293, 153));
        foreach (var name in new[] { "EpochAcc_1", "EpochAcc_5" })
        {
            var trainAcc = Metric(run, name, "train");
            trainAcc.Count.ShouldBe(28);
            (trainAcc.FirstStep, trainAcc.LastStep).ShouldBe((10, 280));
        }
    }

    [Fact]
    public void Ultralytics_per_batch_losses_share_25_epoch_steps()
    {
        var run = Analyze(Ultralytics);
        var rows = Rows(Ultralytics);
        foreach (var name in new[] { "box_loss", "cls_loss", "dfl_loss" })
        {
            Metric(run, name, "train").Count.ShouldBe(1375);
            var steps = rows.Where(r => r.Name == name && r.Phase == "train").Select(r => r.Step).ToArray();
            steps.Distinct().Count().ShouldBe(25);
            steps.Count(s => s == 1).ShouldBe(55);
        }

        var box = Metric(run, "box_loss", "train");
        (box.First, box.FirstStep).ShouldBe((2.1379001140594482, 1));
    }

    [Fact]
    public void Ultralytics_map_has_27_values_with_step_25_three_times()
    {
        var run = Analyze(Ultralytics);
        Metric(run, "metrics/mAP50-95(B)", "train").Count.ShouldBe(27);

        var last = Rows(Ultralytics).Where(r => r.Name == "metrics/mAP50-95(B)" && r.Step == 25).Select(r => Math.Round(r.Value, 5)).ToArray();
        last.ShouldBe([0.45929, 0.46293, 0.46293]);
    }

    [Fact]
    public void Mask2former_total_loss_starts_at_its_maximum_and_ends_near_thirteen()
    {
        var run = Analyze(Mask2Former);
        var total = Metric(run, "total_loss", "train");
        var ce = Metric(run, "loss_ce", "train");

        total.Count.ShouldBe(200);
        (total.FirstStep, total.LastStep).ShouldBe((19, 3999));
        total.First.ShouldBe(109.52720642089844);
        (total.Max, total.MaxStep).ShouldBe((109.52720642089844, 19));
        total.Last.ShouldBe(12.898937225341797);
        (ce.First, ce.Last).ShouldBe((1.6449154615402222, 0.14530779421329498));
    }

    [Fact]
    public void Hyperclip_total_loss_is_a_float32_rounding_of_metrics_json()
    {
        var total = Metric(Analyze(HyperClip), "total_loss", "train");

        (total.Last, total.LastStep).ShouldBe((0.10060383379459381, 30));
        ((float)0.10060383286327124).ShouldBe((float)total.Last);
    }

    [Fact]
    public void In_the_hyperclip_run_directory_the_event_file_is_read_as_a_tensorboard_companion()
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(HyperClipDir));
        result.ExitCode.ShouldBe(0, result.Error);
        var run = result.Json.GetProperty("runs").EnumerateArray().Single();

        var events = run.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("path").GetString()!.Contains("events.out.tfevents", StringComparison.Ordinal));
        events.GetProperty("format").GetString().ShouldBe("tensorboard");
        events.GetProperty("lines").GetInt64().ShouldBe(13);
    }

    [Fact]
    public void A_git_lfs_pointer_in_place_of_an_event_file_is_named_as_such()
    {
        // Many published runs hold pointers, not event files (PROVENANCE §6, "also seen"); our own fixture is one.
        var result = CliRunner.Run("analyze", Fixture("lfs-pointer"));

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("Git LFS pointer");
    }

    [Fact]
    public void A_corrupt_record_shows_in_the_source_with_its_byte_offset()
    {
        var result = CliRunner.Run("analyze", "--json", Fixture("bad-data-crc"));
        result.ExitCode.ShouldBe(0, result.Error);
        var source = result.Json.GetProperty("runs")[0].GetProperty("sources")[0];

        source.GetProperty("skipped_by_reason").GetProperty("corrupt").GetInt64().ShouldBe(1);
        source.GetProperty("problems")[0].GetString()!.ShouldContain("at byte 168: data CRC mismatch");
        source.GetProperty("lines").GetInt64().ShouldBe(22);
    }

    private static string Fixture(string variant)
        => Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "tensorboard", $"{variant}.events.out.tfevents.1700000000.fixture");

    private static JsonElement Analyze(string file)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(file));
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs").EnumerateArray().Single();
    }

    private static MetricFacts Metric(JsonElement run, string name, string phase)
    {
        var m = run.GetProperty("metrics").EnumerateArray()
            .Single(x => x.GetProperty("name").GetString() == name && x.GetProperty("phase").GetString() == phase);
        return new MetricFacts(
            m.GetProperty("count").GetInt64(),
            m.GetProperty("first").GetDouble(),
            m.GetProperty("last").GetDouble(),
            m.GetProperty("min").GetDouble(),
            m.GetProperty("max").GetDouble(),
            m.GetProperty("first_step").GetInt64(),
            m.GetProperty("last_step").GetInt64(),
            m.GetProperty("min_step").GetInt64(),
            m.GetProperty("max_step").GetInt64());
    }

    /// <summary>Every kept point, through `export --to csv` (the series are short enough to be kept whole).</summary>
    private static Row[] Rows(string file)
    {
        var result = CliRunner.Run("export", CliRunner.Corpus(file), "--to", "csv", "-o", "-");
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new Row(f[1], f[3], long.Parse(f[4], CultureInfo.InvariantCulture), double.Parse(f[7], CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private sealed record MetricFacts(long Count, double First, double Last, double Min, double Max, long FirstStep, long LastStep, long MinStep, long MaxStep);

    private sealed record Row(string Phase, string Name, long Step, double Value);
}
