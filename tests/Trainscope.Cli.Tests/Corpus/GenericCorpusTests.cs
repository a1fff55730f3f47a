using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>Facts of PROVENANCE.md for the files only the generic format reads.</summary>
public class GenericCorpusTests
{
    private static JsonElement Run(string file)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(file));
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs")[0];
    }

    private static JsonElement Metric(JsonElement run, string name, string phase = "train")
        => run.GetProperty("metrics").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == name && m.GetProperty("phase").GetString() == phase);

    private static double Number(JsonElement metric, string field) => metric.GetProperty(field).GetDouble();

    [Fact]
    public void T5_batch_losses_epoch_averages_and_dev_bleu_plateau()
    {
        var run = Run("custom-epoch/t5_finetune_pylogging_bleu.log");

        Metric(run, "loss").GetProperty("count").GetInt32().ShouldBe(7760);
        var epochs = run.GetProperty("epochs").EnumerateArray().Where(e => e.GetProperty("phase").GetString() == "train").ToList();
        epochs.Single(e => e.GetProperty("epoch").GetInt32() == 1).GetProperty("metrics").GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(1.6334);
        epochs.Single(e => e.GetProperty("epoch").GetInt32() == 20).GetProperty("metrics").GetProperty("loss").GetProperty("mean").GetDouble().ShouldBe(0.0038);
        var dev = Metric(run, "dev_bleu-4", "eval");
        dev.GetProperty("count").GetInt32().ShouldBe(10);
        Number(dev, "first").ShouldBe(32.20);
        Number(dev, "max").ShouldBe(34.13);
        Number(dev, "last").ShouldBe(33.87);
        Metric(run, "bleu-4", "eval").GetProperty("count").GetInt32().ShouldBe(10);
    }

    [Fact]
    public void Bert_epoch_losses_and_validation_accuracy()
    {
        var run = Run("custom-epoch/bert_finetune_nohup_epoch_loss.txt");

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt32().ShouldBe(189);
        Number(loss, "first").ShouldBe(0.6861569285392761);
        var accuracy = Metric(run, "accuracy", "eval");
        accuracy.GetProperty("count").GetInt32().ShouldBe(3);
        Number(accuracy, "first").ShouldBe(0.49819711538461536);
        Number(accuracy, "max").ShouldBe(0.9429086538461539);
        Number(accuracy, "last").ShouldBe(0.9226262019230769);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Tiny_pretraining_log_gives_thirteen_losses_in_epoch_zero()
    {
        var run = Run("custom-epoch/llm_pretrain_tiny_ntokens.log");

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt32().ShouldBe(13);
        Number(loss, "first").ShouldBe(10.984375);
        Number(loss, "last").ShouldBe(8.390625);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(0);
    }

    [Fact]
    public void Mlx_lora_loss_diverges_after_iteration_fifty()
    {
        var run = Run("failures/issue_mlx-examples_620_lora_loss_divergence.txt");

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt32().ShouldBe(8);
        Number(loss, "first").ShouldBe(1.593);
        Number(loss, "min").ShouldBe(1.406);
        Number(loss, "max").ShouldBe(6.437);
        loss.GetProperty("max_step").GetInt64().ShouldBe(100);
        Number(loss, "last").ShouldBe(4.604);
        Number(Metric(run, "loss", "eval"), "first").ShouldBe(2.086);
        Number(Metric(run, "peak_mem"), "max").ShouldBe(8.626);
    }

    [Fact]
    public void Uctransnet_iterations_with_running_averages()
    {
        var run = Run("failures/issue_uctransnet_2_cuda_oom_after_iter371.txt");

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt32().ShouldBe(5);
        Number(loss, "last").ShouldBe(0.380);
        Number(loss, "last_average").ShouldBe(0.5563);
        Number(Metric(run, "dice"), "last").ShouldBe(0.5196);
        run.GetProperty("progress").GetProperty("epoch").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Dllogger_loss_scale_underflows_while_the_average_loss_is_nan()
    {
        var run = Run("failures/issue_nvidia-dle_543_bert_loss_scale_underflow_nan.txt");

        var scale = Metric(run, "loss_scale");
        Number(scale, "first").ShouldBe(2.9103830456733704e-11);
        Number(scale, "min").ShouldBe(1.1210387714598537e-44);
        Metric(run, "average_loss").GetProperty("non_finite").GetInt32().ShouldBe(1);
        Number(Metric(run, "step_loss"), "last").ShouldBe(1.0703125);
    }

    [Fact]
    public void Apex_validation_loss_spikes_at_iteration_8416()
    {
        var run = Run("failures/issue_nvidia-apex_493_overflow_then_val_loss_spike.txt");

        var loss = Metric(run, "loss", "eval");
        loss.GetProperty("count").GetInt32().ShouldBe(5);
        Number(loss, "first").ShouldBe(0.149928);
        Number(loss, "min").ShouldBe(0.147172);
        Number(loss, "last").ShouldBe(0.711720);
        loss.GetProperty("last_step").GetInt64().ShouldBe(8416);
    }

    [Fact]
    public void Word_language_model_losses_are_all_nan_and_the_lr_anneals()
    {
        var run = Run("failures/rnn_relu_wikitext2_all_nan.md");

        var loss = Metric(run, "loss");
        loss.GetProperty("count").GetInt32().ShouldBe(70);
        loss.GetProperty("non_finite").GetInt32().ShouldBe(70);
        Metric(run, "loss", "eval").GetProperty("non_finite").GetInt32().ShouldBe(5);
        var lr = Metric(run, "lr");
        Number(lr, "first").ShouldBe(20);
        Number(lr, "last").ShouldBe(0.3125);
    }

    [Fact]
    public void Chinese_domain_adaptation_log_gives_three_hundred_epoch_lines()
    {
        var run = Run("custom-epoch/yolo_da_finetune_uda_chinese.log");

        var lr = Metric(run, "lr");
        lr.GetProperty("count").GetInt32().ShouldBe(300);
        Number(lr, "first").ShouldBe(9.97e-04);
        Number(lr, "last").ShouldBe(1.00e-05);
        Number(Metric(run, "α"), "first").ShouldBe(0.165);
        Number(Metric(run, "主干Δw"), "last").ShouldBe(30841.77);
        Metric(run, "loss", "train").GetProperty("count").GetInt32().ShouldBeGreaterThanOrEqualTo(300);
        Metric(run, "loss", "eval").GetProperty("count").GetInt32().ShouldBe(300);
    }

    [Fact]
    public void Target_domain_fine_tuning_summary_values_are_read_from_chinese_lines()
    {
        var run = Run("custom-epoch/yolo_da_finetune_target_domain_ansi.log");

        var after = Metric(run, "after_best_map50");
        Number(after, "first").ShouldBe(0.7805934070190897);
        Number(after, "last").ShouldBe(0.5987952952362059);
        Number(Metric(run, "final_best_map50"), "last").ShouldBe(0.6741627619172441);
    }
}
