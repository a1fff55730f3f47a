using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>The facts `../shared/corpus/PROVENANCE.md` states for the CSV histories, checked through `analyze --json`.</summary>
public class CsvCorpusTests
{
    private static JsonElement Analyze(string relative)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(relative));
        result.ExitCode.ShouldBe(0, result.Error);
        var run = result.Json.GetProperty("runs").EnumerateArray().ShouldHaveSingleItem();
        var source = run.GetProperty("sources").EnumerateArray().ShouldHaveSingleItem();
        source.GetProperty("format").GetString().ShouldBe("csv-history");
        source.GetProperty("unparsed").GetInt64().ShouldBe(0);
        return run;
    }

    private static JsonElement Metric(JsonElement run, string name, string phase = "train")
        => run.GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase);

    private static double Number(JsonElement metric, string property) => metric.GetProperty(property).GetDouble();

    private static long Whole(JsonElement metric, string property) => metric.GetProperty(property).GetInt64();

    private static JsonElement[] Epochs(JsonElement run, string phase = "train")
        => run.GetProperty("epochs").EnumerateArray().Where(e => e.GetProperty("phase").GetString() == phase).ToArray();

    [Fact]
    public void Ultralytics_8_3_results_stop_early_after_the_best_map_at_epoch_2()
    {
        var run = Analyze("csv-history/ultralytics_results_with_time.csv");

        var metrics = run.GetProperty("metrics").EnumerateArray().ToArray();
        metrics.Length.ShouldBe(14);
        metrics.ShouldAllBe(m => m.GetProperty("count").GetInt64() == 102 && m.GetProperty("axis").GetString() == "epoch");
        var map = Metric(run, "metrics/mAP50-95(B)", "eval");
        (Whole(map, "first_step"), Whole(map, "last_step")).ShouldBe((1L, 102L));
        (Number(map, "max"), Whole(map, "max_step")).ShouldBe((0.53833, 2L));
        Epochs(run).Select(e => e.GetProperty("epoch").GetInt32()).ShouldBe(Enumerable.Range(1, 102));

        // The last row: 102,833.209,0.72402,0.58595,0.93761,0.75404,0.79263,0.82831,0.50396,1.39398,1.01914,1.36186,0.000555778,…
        double[] last = [833.209, 0.72402, 0.58595, 0.93761, 0.75404, 0.79263, 0.82831, 0.50396, 1.39398, 1.01914, 1.36186, 0.000555778];
        (string Name, string Phase)[] columns =
        [
            ("time", "train"), ("box_loss", "train"), ("cls_loss", "train"), ("dfl_loss", "train"), ("metrics/precision(B)", "eval"),
            ("metrics/recall(B)", "eval"), ("metrics/mAP50(B)", "eval"), ("metrics/mAP50-95(B)", "eval"), ("box_loss", "eval"),
            ("cls_loss", "eval"), ("dfl_loss", "eval"), ("lr/pg0", "train"),
        ];
        columns.Select(c => Number(Metric(run, c.Name, c.Phase), "last")).ShouldBe(last);
    }

    [Fact]
    public void Ultralytics_time_is_cumulative_seconds_kept_as_a_metric_not_the_step()
    {
        var run = Analyze("csv-history/ultralytics_results_with_time.csv");

        var time = Metric(run, "time");
        Number(time, "last").ShouldBe(833.209);
        Number(time, "max").ShouldBe(833.209);
        Whole(time, "last_step").ShouldBe(102);
        run.GetProperty("progress").GetProperty("step").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(102);
    }

    [Fact]
    public void Ultralytics_8_0_padded_results_are_read_with_0_based_epochs()
    {
        var run = Analyze("csv-history/ultralytics_v8_0_padded_results.csv");

        var map = Metric(run, "metrics/mAP50-95(B)", "eval");
        Whole(map, "count").ShouldBe(25);
        (Whole(map, "first_step"), Whole(map, "last_step")).ShouldBe((0L, 24L));
        (Number(map, "max"), Whole(map, "max_step"), Number(map, "last")).ShouldBe((0.45929, 24L, 0.45929));
        Epochs(run).Select(e => e.GetProperty("epoch").GetInt32()).ShouldBe(Enumerable.Range(0, 25));

        // The last row: 24, 0.93868, 0.66467, 1.6412, 0.82819, 0.87778, 0.85651, 0.45929, 1.4933, 0.92472, 2.2912, 0.000892, …
        Number(Metric(run, "box_loss"), "last").ShouldBe(0.93868);
        Number(Metric(run, "cls_loss"), "last").ShouldBe(0.66467);
        Number(Metric(run, "dfl_loss"), "last").ShouldBe(1.6412);
        Number(Metric(run, "metrics/precision(B)", "eval"), "last").ShouldBe(0.82819);
        Number(Metric(run, "dfl_loss", "eval"), "last").ShouldBe(2.2912);
        Number(Metric(run, "lr/pg2"), "last").ShouldBe(0.000892);
    }

    [Fact]
    public void Keras_csv_logger_gives_24_epochs_and_the_lr_plateau_steps()
    {
        var run = Analyze("csv-history/keras_csvlogger_brats_training.log");

        var lr = Metric(run, "lr");
        Whole(lr, "count").ShouldBe(24);
        var perEpoch = Epochs(run).Select(e => (e.GetProperty("epoch").GetInt32(), e.GetProperty("metrics").GetProperty("lr").GetProperty("mean").GetDouble())).ToArray();
        perEpoch.Select(e => e.Item1).ShouldBe(Enumerable.Range(0, 24));
        var steps = perEpoch.Where((e, i) => i == 0 || e.Item2 != perEpoch[i - 1].Item2).ToArray();
        steps.ShouldBe([(0, 0.001), (4, 0.00020000001), (8, 4.0000003e-05), (13, 8.000001e-06), (16, 1.6000001e-06), (18, 1e-06)]);
    }

    [Fact]
    public void Keras_val_loss_bottoms_at_epoch_13_and_val_dice_rises()
    {
        var run = Analyze("csv-history/keras_csvlogger_brats_training.log");

        var valLoss = Metric(run, "loss", "eval");
        (Number(valLoss, "min"), Whole(valLoss, "min_step")).ShouldBe((0.0344739630818367, 13L));
        Number(valLoss, "last").ShouldBe(0.034485723823308945);
        var dice = Metric(run, "dice_coef", "eval");
        (Number(dice, "first"), Whole(dice, "first_step")).ShouldBe((0.38067764043807983, 0L));
        (Number(dice, "last"), Whole(dice, "last_step")).ShouldBe((0.4435175359249115, 23L));
    }

    [Fact]
    public void Lightning_gan_metrics_have_negative_losses_and_no_non_finite_values()
    {
        var run = Analyze("csv-history/lightning_gan_metrics_healthy.csv");

        var disc = Metric(run, "disc_loss");
        var gen = Metric(run, "gen_loss");
        Whole(disc, "count").ShouldBe(320);
        (Whole(disc, "first_step"), Whole(disc, "last_step")).ShouldBe((0L, 319L));
        disc.GetProperty("axis").GetString().ShouldBe("step");
        (Number(disc, "first"), Number(gen, "first")).ShouldBe((-0.12300229072570801, -0.1847998946905136));
        (Number(disc, "min"), Whole(disc, "min_step")).ShouldBe((-0.5305625200271606, 3L));
        (Number(disc, "last"), Number(gen, "last")).ShouldBe((0.0035498887300491333, -0.07218067348003387));
        (Whole(disc, "non_finite") + Whole(gen, "non_finite")).ShouldBe(0);
        var epochs = Epochs(run);
        epochs.Select(e => e.GetProperty("epoch").GetInt32()).ShouldBe(Enumerable.Range(0, 80));
        epochs.ShouldAllBe(e => e.GetProperty("metrics").GetProperty("disc_loss").GetProperty("count").GetInt32() == 4);
    }

    [Fact]
    public void Lightning_tiny_metrics_rise_again_after_step_99()
    {
        var run = Analyze("csv-history/lightning_metrics_tiny.csv");

        var loss = Metric(run, "loss");
        Whole(loss, "count").ShouldBe(4);
        (Number(loss, "first"), Whole(loss, "first_step")).ShouldBe((31788.318359375, 49L));
        (Number(loss, "min"), Whole(loss, "min_step")).ShouldBe((17005.8984375, 99L));
        (Number(loss, "last"), Whole(loss, "last_step")).ShouldBe((24480.578125, 199L));
        var epoch = Epochs(run).ShouldHaveSingleItem();
        epoch.GetProperty("epoch").GetInt32().ShouldBe(0);
        epoch.GetProperty("metrics").GetProperty("loss").GetProperty("mean").GetDouble()
            .ShouldBe((31788.318359375 + 17005.8984375 + 20739.365234375 + 24480.578125) / 4, 1e-9);
    }

    [Fact]
    public void The_headerless_retfound_csv_has_nine_eval_columns_and_nan_only_in_the_first_ten_rows()
    {
        var run = Analyze("csv-history/retfound_metrics_val_noheader.csv");

        var metrics = run.GetProperty("metrics").EnumerateArray().ToArray();
        metrics.Select(m => m.GetProperty("name").GetString()).ShouldBe(Enumerable.Range(1, 9).Select(i => $"col{i}"));
        metrics.ShouldAllBe(m => m.GetProperty("count").GetInt64() == 50 && m.GetProperty("phase").GetString() == "eval");
        metrics.Select(m => Whole(m, "non_finite")).ShouldBe([0L, 0, 0, 10, 0, 0, 10, 10, 0]);
        metrics.Where(m => Whole(m, "non_finite") > 0).ShouldAllBe(m => m.GetProperty("first").GetString() == "NaN");
        var col9 = Metric(run, "col9", "eval");
        (Number(col9, "first"), Number(col9, "last"), Number(col9, "last_average")).ShouldBe((0.5691, 0.3139, 0.4257));
        Number(Metric(run, "col5", "eval"), "max").ShouldBe(0.83);
    }

    [Fact]
    public void The_diverged_lightning_gan_is_nan_from_step_1_to_the_end()
    {
        var run = Analyze("failures/lightning_gan_metrics_nan_divergence.csv");

        var disc = Metric(run, "disc_loss");
        var gen = Metric(run, "gen_loss");
        (Whole(disc, "count"), Whole(gen, "count")).ShouldBe((320L, 320L));
        (Whole(disc, "first_step"), Whole(disc, "last_step")).ShouldBe((0L, 319L));
        Number(disc, "first").ShouldBe(1.6226933508321501e+24);
        gen.GetProperty("first").GetString().ShouldBe("NaN");
        (Whole(disc, "non_finite"), Whole(gen, "non_finite")).ShouldBe((319L, 320L));
        (disc.GetProperty("last").GetString(), gen.GetProperty("last").GetString()).ShouldBe(("NaN", "NaN"));
        Epochs(run).Last().GetProperty("epoch").GetInt32().ShouldBe(79);
    }
}
