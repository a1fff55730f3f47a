using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>`analyze --json` on the real DETR MetricLogger stdout files reports the facts PROVENANCE.md lists for them.</summary>
public class MetricLoggerStdoutCorpusTests
{
    private static JsonElement Analyze(string path)
    {
        var result = CliRunner.Run("analyze", "--json", path);
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs")[0];
    }

    private static JsonElement Metric(JsonElement run, string name, string phase = "train")
        => run.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase);

    private static JsonElement[] Epochs(JsonElement run, string phase)
        => run.GetProperty("epochs").EnumerateArray().Where(e => e.GetProperty("phase").GetString() == phase).ToArray();

    private static double EpochMean(JsonElement run, int epoch, string phase, string name)
        => Epochs(run, phase).Single(e => e.GetProperty("epoch").GetInt32() == epoch).GetProperty("metrics").GetProperty(name).GetProperty("mean").GetDouble();

    private static JsonElement[] Events(JsonElement run, string kind)
        => run.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == kind).ToArray();

    [Fact]
    public void Detr_8gpu_stdout_gives_140_progress_lines_epochs_0_to_9_and_20_averaged_stats()
    {
        var run = Analyze(CliRunner.Corpus("metriclogger/detr_default_mha_8gpu_stdout.txt"));

        run.GetProperty("sources")[0].GetProperty("format").GetString().ShouldBe("metric-logger");
        Metric(run, "loss").GetProperty("count").GetInt64().ShouldBe(140);
        Metric(run, "loss").GetProperty("first").GetDouble().ShouldBe(68.5848);
        Metric(run, "class_error").GetProperty("first").GetDouble().ShouldBe(98.96);
        Metric(run, "lr").GetProperty("first").GetDouble().ShouldBe(0.0001);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(9);

        // 10 train + 10 test `Averaged stats` lines: their global averages are the epoch means.
        Epochs(run, "train").Length.ShouldBe(10);
        Epochs(run, "eval").Length.ShouldBe(10);
        EpochMean(run, 9, "train", "loss").ShouldBe(25.9192);
        EpochMean(run, 9, "eval", "loss").ShouldBe(50.7117);
        EpochMean(run, 9, "eval", "class_error").ShouldBe(92.26);
    }

    [Fact]
    public void Detr_8gpu_stdout_peaks_at_4851_mb_completes_on_line_418_and_ignores_distributed_init()
    {
        var run = Analyze(CliRunner.Corpus("metriclogger/detr_default_mha_8gpu_stdout.txt"));

        Metric(run, "max mem").GetProperty("max").GetDouble().ShouldBe(4851);
        var completed = Events(run, "completed").ShouldHaveSingleItem();
        completed.GetProperty("line").GetInt64().ShouldBe(418);
        completed.GetProperty("value").GetDouble().ShouldBe(13 * 60);
        run.GetProperty("progress").GetProperty("eta_seconds").GetDouble().ShouldBe(0);

        // The 8 `| distributed init (rank N)` lines make no metric and no rank: every train metric comes from the progress lines.
        var metrics = run.GetProperty("metrics").EnumerateArray().ToArray();
        metrics.ShouldNotContain(m => m.GetProperty("name").GetString()!.Contains("init") || m.GetProperty("name").GetString()!.Contains("rank"));
        metrics.Where(m => m.GetProperty("phase").GetString() == "train" && m.GetProperty("name").GetString() != "epoch_seconds")
            .ShouldAllBe(m => m.GetProperty("count").GetInt64() == 140);
        run.GetProperty("ranks").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Detr_4gpu_stdout_gives_20_progress_lines_90_test_lines_and_training_time_on_line_319()
    {
        var run = Analyze(CliRunner.Corpus("metriclogger/detr_extended_4gpu_stdout.txt"));

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt64().ShouldBe(20);
        loss.GetProperty("first").GetDouble().ShouldBe(72.2745);
        Metric(run, "class_error").GetProperty("first").GetDouble().ShouldBe(96.14);
        Metric(run, "loss", "eval").GetProperty("count").GetInt64().ShouldBe(90);
        Metric(run, "max mem").GetProperty("max").GetDouble().ShouldBe(30344);
        Epochs(run, "train").Length.ShouldBe(10);
        Epochs(run, "eval").Length.ShouldBe(10);
        EpochMean(run, 9, "train", "loss").ShouldBe(51.3863);
        var completed = Events(run, "completed").ShouldHaveSingleItem();
        completed.GetProperty("line").GetInt64().ShouldBe(319);
        completed.GetProperty("value").GetDouble().ShouldBe(27 * 60 + 31);
    }

    [Fact]
    public void Detr_truncated_stdout_stops_in_the_epoch_75_evaluation_without_completing()
    {
        var run = Analyze(CliRunner.Corpus("metriclogger/detr_test_dcmha_8gpu_stdout.txt"));

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt64().ShouldBe(1064);
        loss.GetProperty("first").GetDouble().ShouldBe(69.9484);
        Metric(run, "max mem").GetProperty("max").GetDouble().ShouldBe(3072);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(75);

        // 76 train `Averaged stats` (epochs 0–75) and 75 test ones: epoch 75's evaluation has two Test lines and no total.
        var train = Epochs(run, "train");
        train.Length.ShouldBe(76);
        EpochMean(run, 75, "train", "loss").ShouldBe(29.0541);
        var eval = Epochs(run, "eval");
        eval.Count(e => e.GetProperty("seconds").ValueKind == JsonValueKind.Number).ShouldBe(75);
        eval.Single(e => e.GetProperty("epoch").GetInt32() == 75).GetProperty("metrics").GetProperty("loss").GetProperty("count").GetInt64().ShouldBe(2);
        Events(run, "completed").ShouldBeEmpty();
    }

    [Fact]
    public void The_prefixed_vla_sample_reads_rank_time_epoch_means_and_completion()
    {
        var run = Analyze(CliRunner.Sample("vla-metriclogger"));

        var closs = Metric(run, "closs");
        closs.GetProperty("count").GetInt64().ShouldBe(40);
        closs.GetProperty("first").GetDouble().ShouldBe(9.5613);
        EpochMean(run, 0, "train", "closs").ShouldBe(8.3250);
        EpochMean(run, 3, "train", "grad_norm").ShouldBe(8.0929);
        run.GetProperty("progress").GetProperty("first_time").GetString()!.ShouldStartWith("2026-01-05T10:00:28");
        run.GetProperty("ranks").EnumerateArray().ShouldContain(r => r.GetProperty("rank").GetInt32() == 0);
        Events(run, "completed").ShouldHaveSingleItem().GetProperty("value").GetDouble().ShouldBe(19 * 60 + 10);
    }
}
