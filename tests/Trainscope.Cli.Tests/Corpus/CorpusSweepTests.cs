using System.Text.Json;
using Trainscope.Formats;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>Every file of the shared corpus (and every multi-rank run directory) through `analyze --json`.</summary>
public class CorpusSweepTests
{
    /// <summary>
    /// What each corpus entry must give: at least <c>Min</c> metric series (facts in PROVENANCE.md). <c>Min</c> = 0 means
    /// the file holds no metrics at all and may exit 3 (nothing recognisable). <c>PendingOn</c> names the format being
    /// added on another branch: until a format of that name is registered the entry only has to be read without a
    /// crash (exit 0 or 3); once it is registered (after the merge) the minimum is enforced.
    /// </summary>
    private static readonly Expectation[] Table =
    [
        new("csv-history/keras_csvlogger_brats_training.log", 5, "csv-history"),
        new("csv-history/lightning_gan_metrics_healthy.csv", 2, "csv-history"),
        new("csv-history/lightning_metrics_tiny.csv", 1, "csv-history"),
        new("csv-history/retfound_metrics_val_noheader.csv", 1, "csv-history"),
        new("csv-history/ultralytics_results_with_time.csv", 5, "csv-history"),
        new("csv-history/ultralytics_v8_0_padded_results.csv", 5, "csv-history"),
        new("custom-epoch/bert_finetune_nohup_epoch_loss.txt", 2),
        new("custom-epoch/detectron2_mask2former_log.txt", 4),
        new("custom-epoch/detectron2_mask2former_metrics.json", 4, "detectron2"),
        new("custom-epoch/issue_nvidia-nccl_743_megatron_bert_iterations.txt", 2),
        new("custom-epoch/keras1_lstm_runs_overfitting.txt", 2),
        new("custom-epoch/keras_verbose2_5runs_readme.txt", 2),
        new("custom-epoch/llm_pretrain_tiny_ntokens.log", 2),
        new("custom-epoch/mmengine_yolox_scalars.json", 3, "mmengine"),
        new("custom-epoch/modded_nanogpt_muon_8xH100_log_only.txt", 2),
        new("custom-epoch/olmo_1b_torchrun_sigterm.log", 3),
        new("custom-epoch/t5_finetune_pylogging_bleu.log", 2),
        new("custom-epoch/ultralytics_yolo26_train_det_interrupted.log", 3, "ultralytics"),
        new("custom-epoch/yolo_da_finetune_target_domain_ansi.log", 2),
        new("custom-epoch/yolo_da_finetune_uda_chinese.log", 4),
        new("failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt", 1),
        new("failures/issue_epfllm-megatron-llm_33_nan_after_iter3384.txt", 2),
        new("failures/issue_llamafactory_8261_loss_zero_then_nccl_watchdog.txt", 2, "python-dict"),
        new("failures/issue_mlx-examples_620_lora_loss_divergence.txt", 3),
        new("failures/issue_nvidia-apex_493_overflow_then_val_loss_spike.txt", 1),
        new("failures/issue_nvidia-dle_543_bert_loss_scale_underflow_nan.txt", 2),
        new("failures/issue_pytorch_118369_lightning_bar_then_watchdog.txt", 2),
        new("failures/issue_uctransnet_2_cuda_oom_after_iter371.txt", 2),
        new("failures/lightning_gan_metrics_nan_divergence.csv", 2, "csv-history"),
        new("failures/rnn_relu_wikitext2_all_nan.md", 2),
        new("hf-trainer/baize_tcm_llm_trainer_state.json", 2, "trainer-state"),
        new("hf-trainer/cpt_rouge_trainer_state.json", 3, "trainer-state"),
        new("hf-trainer/llamafactory_running_log_2gpu.txt", 2, "python-dict"),
        new("hf-trainer/llamafactory_trainer_log.jsonl", 2, "json-lines"),
        new("hf-trainer/multi_eval_trainer_state.json", 3, "trainer-state"),
        new("hf-trainer/qwen3_qlora_trl_stdout.log", 3, "python-dict"),
        new("hf-trainer/whisper_ja_trainer_state.json", 3, "trainer-state"),
        new("metriclogger/cfvit_deit_log.jsonl", 3, "json-lines"),
        new("metriclogger/conditional_swin_detr_log.jsonl", 3, "json-lines"),
        new("metriclogger/detr_dcmha_output_log.jsonl", 3, "json-lines"),
        new("metriclogger/detr_default_mha_8gpu_stdout.txt", 3),
        new("metriclogger/detr_extended_4gpu_stdout.txt", 3),
        new("metriclogger/detr_r50_log.jsonl", 3, "json-lines"),
        new("metriclogger/detr_test_dcmha_8gpu_stdout.txt", 3),
        new("metriclogger/retfound_mae_finetune_log.jsonl", 2, "json-lines"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/events.out.tfevents.1752820354.DVLab-8.2567800.0", 1, "tensorboard"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt", 1),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt.rank1", 0, Reason: "ranks 1-3 print no iteration lines"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt.rank2", 0, Reason: "ranks 1-3 print no iteration lines"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/log.txt.rank3", 0, Reason: "ranks 1-3 print no iteration lines"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/metrics.json", 1, "detectron2"),
        new("multi-rank/detectron2_hyperclip_4gpu_aborted/", 1),
        new("multi-rank/detectron2_moco_4gpu_startup_stall/log.txt", 0, Reason: "start-up stall: no training iterations"),
        new("multi-rank/detectron2_moco_4gpu_startup_stall/log.txt.rank1", 0, Reason: "start-up stall: no training iterations"),
        new("multi-rank/detectron2_moco_4gpu_startup_stall/log.txt.rank2", 0, Reason: "start-up stall: no training iterations"),
        new("multi-rank/detectron2_moco_4gpu_startup_stall/log.txt.rank3", 0, Reason: "start-up stall: no training iterations"),
        new("multi-rank/detectron2_moco_4gpu_startup_stall/", 0, Reason: "start-up stall: no training iterations"),
        new("multi-rank/issue_llamafactory_7396_rank_interleaved_watchdog.txt", 0, Reason: "NCCL watchdog lines only"),
        new("multi-rank/issue_ofa_271_nccl_watchdog_8ranks.txt", 0, Reason: "NCCL watchdog lines only"),
        new("tfevents/detectron2_mask2former.events.out.tfevents.1756567492.fuyx.3135203.0", 3, "tensorboard"),
        new("tfevents/mtid_coin.events.out.tfevents.1726125732.aa-ESC8000-G4", 3, "tensorboard"),
        new("tfevents/retfound_finetune_IDRiD.events.out.tfevents.1727894649.aadb7b286212.6379.0", 3, "tensorboard"),
        new("tfevents/retfound_headeronly.events.out.tfevents.1716409326.DESKTOP-0S29EV5.13092.0", 0, Reason: "header record only, no scalars"),
        new("tfevents/retfound_small.events.out.tfevents.1716410862.DESKTOP-0S29EV5.7244.0", 2, "tensorboard"),
        new("tfevents/ultralytics_yolov8.events.out.tfevents.1675348815.43529bab29be.37247.0", 3, "tensorboard"),
    ];

    /// <summary>The corpus's documentation, not a log.</summary>
    private const string Provenance = "PROVENANCE.md";

    public static TheoryData<string> Entries() => [.. AllEntries()];

    [Theory]
    [MemberData(nameof(Entries))]
    public void Analyze_reads_the_entry_and_reports_its_metric_series(string entry)
    {
        var expectation = Table.SingleOrDefault(e => e.Path == entry);
        expectation.ShouldNotBeNull($"{entry} is not in the expectation table");

        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(entry.TrimEnd('/')));

        var strict = expectation.Min > 0 && (expectation.PendingOn is null || FormatRegistry.Find(expectation.PendingOn) is not null);
        if (!strict)
        {
            result.ExitCode.ShouldBeOneOf(0, 3);
            if (result.ExitCode == 0)
            {
                SeriesCount(result).ShouldBeGreaterThanOrEqualTo(0);
            }

            return;
        }

        result.ExitCode.ShouldBe(0, result.Error);
        SeriesCount(result).ShouldBeGreaterThanOrEqualTo(expectation.Min, $"{entry}: {result.Stdout[..Math.Min(400, result.Stdout.Length)]}");
    }

    [Fact]
    public void Every_row_of_the_table_names_an_entry_of_the_corpus()
    {
        var entries = AllEntries().ToHashSet(StringComparer.Ordinal);

        Table.Select(e => e.Path).Where(p => !entries.Contains(p)).ShouldBeEmpty();
        Table.Select(e => e.Path).ShouldBeUnique();
    }

    [Fact]
    public void Rows_without_metrics_say_why_and_pending_rows_name_a_format()
    {
        Table.Where(e => e.Min == 0).ShouldAllBe(e => e.Reason != null && e.PendingOn == null);
        Table.Where(e => e.PendingOn != null).ShouldAllBe(e => e.Min > 0);
    }

    /// <summary>Every corpus file, then every run directory under `multi-rank/` (with a trailing `/`).</summary>
    internal static IEnumerable<string> AllEntries()
        => CorpusFiles().Concat(Directory.GetDirectories(CliRunner.Corpus("multi-rank"))
            .Select(dir => "multi-rank/" + Path.GetFileName(dir) + "/").Order(StringComparer.Ordinal));

    internal static IEnumerable<string> CorpusFiles()
    {
        var root = Path.GetFullPath(CliRunner.Corpus(""));
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != Provenance)
            .Order(StringComparer.Ordinal);
    }

    private static int SeriesCount(CliRunner.Result result)
        => result.Json.GetProperty("runs").EnumerateArray().Sum(run => run.GetProperty("metrics").GetArrayLength());

    private sealed record Expectation(string Path, int Min, string? PendingOn = null, string? Reason = null);
}
