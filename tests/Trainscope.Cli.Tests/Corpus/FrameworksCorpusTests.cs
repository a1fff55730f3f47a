using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>The PROVENANCE.md facts (§3, §5, §7) of the framework logs, read through `analyze --json`.</summary>
public class FrameworksCorpusTests
{
    [Fact]
    public void Keras1_runs_back_to_back_keep_separate_epochs_and_show_run_1_overfitting()
    {
        var run = Analyze("custom-epoch/keras1_lstm_runs_overfitting.txt");

        Source(run).GetProperty("format").GetString().ShouldBe("keras");
        Events(run, "run-restart").Count.ShouldBe(21); // 22 runs
        var first = Epoch(run, 1, "train");
        first.GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(2.4808);
        first.GetProperty("acc").GetProperty("mean").GetDouble().ShouldBe(0.2275);
        Epoch(run, 1, "eval").GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(2.1192);
        Epoch(run, 1, "eval").GetProperty("acc").GetProperty("mean").GetDouble().ShouldBe(0.4365);

        // Run 1: val_loss is lowest at epoch 4 (1.8343) and has risen to 2.4622 by epoch 15 while train loss fell 10×.
        var valLoss = Enumerable.Range(1, 15).Select(e => Epoch(run, e, "eval").GetProperty("loss").GetProperty("mean").GetDouble()).ToList();
        valLoss.Min().ShouldBe(1.8343);
        (valLoss.IndexOf(valLoss.Min()) + 1).ShouldBe(4);
        valLoss[14].ShouldBe(2.4622);
        Epoch(run, 15, "train").GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(0.2275);
        Epoch(run, 16, "train").GetProperty("loss").GetProperty("mean").GetDouble().ShouldNotBe(2.4808);
    }

    [Fact]
    public void Keras1_last_run_stops_after_epoch_14_of_15()
    {
        var run = Analyze("custom-epoch/keras1_lstm_runs_overfitting.txt");

        // 329 `Epoch` headers: 21 full runs and 14 epochs of the last. Its epoch 14 values are the file's last line,
        // which has no newline, so the reader leaves it out as possibly cut short.
        Source(run).GetProperty("lines_by_format").GetProperty("keras").GetInt32().ShouldBe(329 + 328);
        Source(run).GetProperty("skipped_by_reason").GetProperty("partial-last-line").GetInt32().ShouldBe(1);
        Metric(run, "loss", "train").GetProperty("count").GetInt32().ShouldBe(328);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(21 * 15 + 13);
    }

    [Fact]
    public void Keras_verbose2_five_runs_with_crlf_give_each_runs_last_epoch()
    {
        var run = Analyze("custom-epoch/keras_verbose2_5runs_readme.txt");

        Events(run, "run-restart").Select(e => e.GetProperty("line").GetInt32()).ShouldBe([286, 1376, 2470, 3545]);
        Metric(run, "loss", "train").GetProperty("count").GetInt32().ShouldBe(1700);
        Epoch(run, 101, "train").GetProperty("accuracy").GetProperty("mean").GetDouble().ShouldBe(0); // `0.0000e+00`, line 287
        (double Loss, double Accuracy)[] lastOfEachRun = [(0.1082, 0.9784), (0.3091, 0.8241), (0.0408, 0.9848), (0.2523, 1.0), (2.9385, 0.2313)];
        int[] lastEpochs = [100, 600, 1100, 1600, 1700];
        for (var i = 0; i < lastEpochs.Length; i++)
        {
            var epoch = Epoch(run, lastEpochs[i], "train");
            epoch.GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(lastOfEachRun[i].Loss);
            epoch.GetProperty("accuracy").GetProperty("mean").GetDouble().ShouldBe(lastOfEachRun[i].Accuracy);
        }

        run.GetProperty("metrics").EnumerateArray().ShouldAllBe(m => m.GetProperty("phase").GetString() == "train");
    }

    [Fact]
    public void Detectron2_three_launches_in_one_log_are_marked_and_read()
    {
        var run = Analyze("custom-epoch/detectron2_mask2former_log.txt");

        Source(run).GetProperty("format").GetString().ShouldBe("detectron2");
        Events(run, "training-start").Select(e => e.GetProperty("line").GetInt32()).ShouldBe([1416, 2972, 4415]);
        var loss = Metric(run, "total_loss", "train");
        loss.GetProperty("count").GetInt32().ShouldBe(325);
        loss.GetProperty("first").GetDouble().ShouldBe(76.49);
        loss.GetProperty("max").GetDouble().ShouldBe(109.5);
        loss.GetProperty("last").GetDouble().ShouldBe(12.9);
        loss.GetProperty("last_step").GetInt32().ShouldBe(3999);
        Metric(run, "max_mem", "train").GetProperty("max").GetDouble().ShouldBe(15547);
        Events(run, "training-completed").Count.ShouldBe(3);
    }

    [Fact]
    public void Detectron2_copypaste_gives_segm_metrics_with_nan_aps()
    {
        var run = Analyze("custom-epoch/detectron2_mask2former_log.txt");

        Metric(run, "segm/AP", "eval").GetProperty("last").GetDouble().ShouldBe(65.1157);
        Metric(run, "segm/AP50", "eval").GetProperty("last").GetDouble().ShouldBe(91.3488);
        Metric(run, "segm/APl", "eval").GetProperty("last").GetDouble().ShouldBe(72.2168);
        Metric(run, "segm/APs", "eval").GetProperty("non_finite").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Detectron2_rank0_log_has_the_metric_lines_and_lr_not_available_is_no_value()
    {
        var run = Analyze("multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt");

        Events(run, "training-start").Select(e => e.GetProperty("line").GetInt32()).ShouldBe([1669, 2827]);
        var mem = Metric(run, "max_mem", "train");
        mem.GetProperty("count").GetInt32().ShouldBe(3);
        mem.GetProperty("first").GetDouble().ShouldBe(1213);
        mem.GetProperty("first_step").GetInt32().ShouldBe(0);
        Metric(run, "lr", "train").GetProperty("count").GetInt32().ShouldBe(2); // line 1671 says `lr: N/A`
        var loss = Metric(run, "total_loss", "train");
        loss.GetProperty("first").GetDouble().ShouldBe(0.1769);
        loss.GetProperty("last").GetDouble().ShouldBe(0.1006);
        loss.GetProperty("last_step").GetInt32().ShouldBe(31);
        loss.GetProperty("rank").GetInt32().ShouldBe(0); // from `Rank of current process: 0. World size: 4`
        run.GetProperty("info").GetProperty("world_size").GetDouble().ShouldBe(4);
        run.GetProperty("info").GetProperty("seconds_per_iteration").GetDouble().ShouldBe(0.5878);
    }

    [Theory]
    [InlineData(1, 0.5978)]
    [InlineData(2, 0.5989)]
    [InlineData(3, 0.5975)]
    public void Detectron2_other_ranks_have_launches_and_an_end_but_no_metrics(int rank, double secondsPerIteration)
    {
        var run = Analyze($"multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt.rank{rank}");

        run.GetProperty("metrics").GetArrayLength().ShouldBe(0);
        Events(run, "training-start").Count.ShouldBe(2);
        var end = Events(run, "training-completed").Last();
        end.GetProperty("line").GetInt32().ShouldBe(1574);
        end.GetProperty("value").GetDouble().ShouldBe(17);
        end.GetProperty("rank").GetInt32().ShouldBe(rank);
        run.GetProperty("info").GetProperty("seconds_per_iteration").GetDouble().ShouldBe(secondsPerIteration);
    }

    [Fact]
    public void Megatron_iteration_10_has_no_lm_loss_and_every_step_skipped()
    {
        var run = Analyze("custom-epoch/issue_nvidia-nccl_743_megatron_bert_iterations.txt");

        Source(run).GetProperty("format").GetString().ShouldBe("megatron");
        var marker = Events(run, "no-loss-reported").Single();
        marker.GetProperty("line").GetInt32().ShouldBe(11);
        Metric(run, "number of skipped iterations", "train").GetProperty("last").GetDouble().ShouldBe(10);
        Metric(run, "learning rate", "train").GetProperty("last").GetDouble().ShouldBe(0);
        Metric(run, "loss scale", "train").GetProperty("first").GetDouble().ShouldBe(8388608);
        Metric(run, "optimizer-unscale-and-check-inf_ms", "train").GetProperty("last").GetDouble().ShouldBe(50.71);

        // Iteration 20 (lm loss 1.005022E+01) is the excerpt's last line, cut mid-word: the reader skips it.
        Source(run).GetProperty("skipped_by_reason").GetProperty("partial-last-line").GetInt32().ShouldBe(1);
        FindMetric(run, "lm loss", "train").ShouldBeNull();
    }

    [Fact]
    public void Megatron_losses_before_the_nan_onset_are_read()
    {
        var run = Analyze("failures/issue_epfllm-megatron-llm_33_nan_after_iter3384.txt");

        var loss = Metric(run, "lm loss", "train");
        loss.GetProperty("count").GetInt32().ShouldBe(2);
        loss.GetProperty("first").GetDouble().ShouldBe(0.7334521);
        loss.GetProperty("last").GetDouble().ShouldBe(0.7072597);
        loss.GetProperty("last_step").GetInt32().ShouldBe(3384);
        Metric(run, "grad norm", "train").GetProperty("last").GetDouble().ShouldBe(0.741);
        Metric(run, "number of nan iterations", "train").GetProperty("max").GetDouble().ShouldBe(0);
        run.GetProperty("progress").GetProperty("steps").GetInt32().ShouldBe(8000);
    }

    [Fact]
    public void Lightning_bar_before_the_watchdog_gives_its_metrics_and_the_timeouts_name_ranks_0_and_7()
    {
        var run = Analyze("failures/issue_pytorch_118369_lightning_bar_then_watchdog.txt");

        Metric(run, "global_step", "train").GetProperty("last").GetDouble().ShouldBe(32000);
        Metric(run, "consumed_samples", "train").GetProperty("last").GetDouble().ShouldBe(2.56e7);
        Metric(run, "loss", "train").GetProperty("last_step").GetInt32().ShouldBe(32040);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(0);
        var timeoutRanks = run.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("name").GetString() == "nccl-timeout")
            .Select(e => e.GetProperty("rank").GetInt32()).Distinct().Order();
        timeoutRanks.ShouldBe([0, 7]);
    }

    [Fact]
    public void Modded_nanogpt_gives_6200_train_and_51_val_losses()
    {
        var run = Analyze("custom-epoch/modded_nanogpt_muon_8xH100_log_only.txt");

        Source(run).GetProperty("format").GetString().ShouldBe("nanogpt");
        var train = Metric(run, "loss", "train");
        train.GetProperty("count").GetInt32().ShouldBe(6200);
        train.GetProperty("last").GetDouble().ShouldBe(3.2533);
        train.GetProperty("max").GetDouble().ShouldBe(10.9184);
        train.GetProperty("max_step").GetInt32().ShouldBe(1);
        var val = Metric(run, "loss", "eval");
        val.GetProperty("count").GetInt32().ShouldBe(51);
        val.GetProperty("first").GetDouble().ShouldBe(10.9264);
        val.GetProperty("last").GetDouble().ShouldBe(3.2785);
        val.GetProperty("first_step").GetInt32().ShouldBe(0);
        run.GetProperty("progress").GetProperty("fraction").GetDouble().ShouldBe(1);
    }

    [Fact]
    public void Modded_nanogpt_step_avg_nan_in_warm_up_is_kept_but_is_no_finding()
    {
        var run = Analyze("custom-epoch/modded_nanogpt_muon_8xH100_log_only.txt");

        // 13 `step_avg:nanms` in the file; one is on the step-0 validation line, whose timers are not kept.
        Metric(run, "step_avg", "train").GetProperty("non_finite").GetInt32().ShouldBe(12);
        Metric(run, "loss", "train").GetProperty("non_finite").GetInt32().ShouldBe(0);
        Metric(run, "train_time", "train").GetProperty("min").GetDouble().ShouldBe(214); // the timer restarts at step 11
        run.GetProperty("findings").EnumerateArray().ShouldNotContain(f => f.GetProperty("metric").ToString() == "step_avg");
    }

    [Fact]
    public void Ultralytics_run_dies_at_609_of_6848_in_epoch_1_with_its_last_losses()
    {
        var run = Analyze("custom-epoch/ultralytics_yolo26_train_det_interrupted.log");

        Source(run).GetProperty("format").GetString().ShouldBe("ultralytics");
        Source(run).GetProperty("lines_by_format").GetProperty("ultralytics").GetInt32().ShouldBe(1 + 609); // header + refreshes
        Metric(run, "box_loss", "train").GetProperty("last").GetDouble().ShouldBe(3.566);
        Metric(run, "cls_loss", "train").GetProperty("last").GetDouble().ShouldBe(8.982);
        Metric(run, "dfl_loss", "train").GetProperty("last").GetDouble().ShouldBe(0.02247);
        Metric(run, "Instances", "train").GetProperty("last").GetDouble().ShouldBe(57);
        Metric(run, "gpu_mem_gb", "train").GetProperty("last").GetDouble().ShouldBe(15);
        var progress = run.GetProperty("progress");
        progress.GetProperty("epoch").GetInt32().ShouldBe(1);
        progress.GetProperty("epochs").GetInt32().ShouldBe(100);
        progress.GetProperty("step").GetInt32().ShouldBe(609);
        progress.GetProperty("fraction").GetDouble().ShouldBe(609.0 / (100 * 6848), 1e-12);
    }

    [Fact]
    public void Ultralytics_validation_all_rows_are_read_among_a_custom_logger()
    {
        var run = Analyze("custom-epoch/yolo_da_finetune_target_domain_ansi.log");

        Metric(run, "box/mAP50", "eval").GetProperty("count").GetInt32().ShouldBe(118); // lines with ` all `
    }

    [Fact]
    public void Olmo_blocks_give_1010_steps_with_thousands_separators_and_no_eval()
    {
        var run = Analyze("custom-epoch/olmo_1b_torchrun_sigterm.log");

        Source(run).GetProperty("format").GetString().ShouldBe("olmo");
        var loss = Metric(run, "CrossEntropyLoss", "train");
        loss.GetProperty("count").GetInt32().ShouldBe(1010);
        loss.GetProperty("first").GetDouble().ShouldBe(2.998);
        loss.GetProperty("last").GetDouble().ShouldBe(2.956);
        loss.GetProperty("max").GetDouble().ShouldBe(3.13);
        loss.GetProperty("last_step").GetInt32().ShouldBe(1010);
        loss.GetProperty("rank").GetInt32().ShouldBe(0);
        Metric(run, "System/Peak GPU Memory (MB)", "train").GetProperty("max").GetDouble().ShouldBe(111_479);
        Metric(run, "throughput/total_tokens", "train").GetProperty("last").GetDouble().ShouldBe(2_118_123_520);
        run.GetProperty("metrics").EnumerateArray().ShouldAllBe(m => m.GetProperty("phase").GetString() == "train");
        run.GetProperty("progress").GetProperty("steps").GetInt32().ShouldBe(15000);
    }

    private static JsonElement Analyze(string corpusFile)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(corpusFile));
        result.ExitCode.ShouldBeOneOf(0, 1);
        return result.Json.GetProperty("runs")[0];
    }

    private static JsonElement Source(JsonElement run) => run.GetProperty("sources")[0];

    private static JsonElement? FindMetric(JsonElement run, string name, string phase)
        => run.GetProperty("metrics").EnumerateArray()
            .Where(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase)
            .Select(m => (JsonElement?)m).FirstOrDefault();

    private static JsonElement Metric(JsonElement run, string name, string phase)
        => FindMetric(run, name, phase) ?? throw new ShouldAssertException($"no metric {name} ({phase})");

    private static JsonElement Epoch(JsonElement run, int epoch, string phase)
        => run.GetProperty("epochs").EnumerateArray()
            .Single(e => e.GetProperty("epoch").GetInt32() == epoch && e.GetProperty("phase").GetString() == phase)
            .GetProperty("metrics");

    private static List<JsonElement> Events(JsonElement run, string name)
        => run.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("name").GetString() == name).ToList();
}
