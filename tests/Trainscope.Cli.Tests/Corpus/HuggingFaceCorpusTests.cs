namespace Trainscope.Tests.Corpus;

/// <summary>Hugging Face Trainer stdout dicts and `trainer_state.json` files of the corpus against PROVENANCE.md.</summary>
public class HuggingFaceCorpusTests
{
    [Fact]
    public void Qwen3_stdout_dicts_inside_tqdm_lines_give_train_eval_and_summary()
    {
        var run = AnalyzedFile.Of("hf-trainer/qwen3_qlora_trl_stdout.log");

        run.LinesOf("python-dict").ShouldBe(175 + 8 + 1);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(175);
        loss.Value("first").ShouldBe(2.1095);
        loss.Value("last").ShouldBe(1.3171);
        loss.Value("min").ShouldBe(1.3054);
        var grad = run.Metric("grad_norm");
        grad.Value("first").ShouldBe(0.50390625);
        grad.Value("max").ShouldBe(0.98046875);
        run.HasMetric("mean_token_accuracy").ShouldBeTrue();
        var eval = run.Metric("loss", "eval");
        eval.Count().ShouldBe(8);
        eval.Value("first").ShouldBe(1.3824061155319214);
        eval.Value("last").ShouldBe(1.3451920747756958);
        eval.Value("min").ShouldBe(1.3451920747756958);
        eval.Value("max").ShouldBe(1.3824061155319214);
        run.Final("runtime").ShouldBe(39860.6586);
        run.Final("loss").ShouldBe(1.3628681462714476);
    }

    [Fact]
    public void Llamafactory_running_log_reads_dicts_after_the_arrow_prefix()
    {
        var run = AnalyzedFile.Of("hf-trainer/llamafactory_running_log_2gpu.txt");

        run.LinesOf("python-dict").ShouldBe(421);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(421);
        loss.Value("first").ShouldBe(2.2818);
        loss.Value("last").ShouldBe(0.0067);
        loss.Value("max").ShouldBe(2.8274);
        loss.Value("min").ShouldBe(0.0061);
        run.Metric("learning_rate").Value("first").ShouldBe(2.5e-06);
        run.HasMetric("loss", "eval").ShouldBeFalse();
        run.Final("runtime").ShouldBeNull();
        run.Progress.GetProperty("first_time").GetString()!.ShouldStartWith("2024-11-26");
    }

    [Fact]
    public void Llamafactory_8261_excerpt_shows_the_collapse_to_zero_with_an_identical_grad_norm()
    {
        var run = AnalyzedFile.Of("failures/issue_llamafactory_8261_loss_zero_then_nccl_watchdog.txt");

        var loss = run.Metric("loss");
        loss.Count().ShouldBe(2);
        (loss.Value("first"), loss.Value("last")).ShouldBe((3.5534, 0.0));
        var grad = run.Metric("grad_norm");
        (grad.Value("min"), grad.Value("max")).ShouldBe((1.4142135381698608, 1.4142135381698608));
    }

    [Fact]
    public void Chinese_llama_alpaca_534_excerpt_has_its_one_loss_dict()
    {
        var run = AnalyzedFile.Of("failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt");

        run.Metric("loss").Count().ShouldBe(1);
        run.Metric("loss").Value("first").ShouldBe(2.0491);
        run.Metric("learning_rate").Value("first").ShouldBe(0.0001961913563176343);
    }

    [Fact]
    public void Lora_sample_dicts_are_python_dict_and_hf_progress_keeps_its_own_lines()
    {
        var result = Trainscope.Tests.Support.CliRunner.Run("analyze", "--json", Trainscope.Tests.Support.CliRunner.Sample("lora-hf/train.log"));
        var source = result.Json.GetProperty("runs")[0].GetProperty("sources")[0].GetProperty("lines_by_format");

        source.GetProperty("python-dict").GetInt64().ShouldBe(106);
        source.GetProperty("hf-progress").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Whisper_trainer_state_shows_overfitting_and_the_best_wer_checkpoint()
    {
        var run = AnalyzedFile.Of("hf-trainer/whisper_ja_trainer_state.json");

        run.Source.GetProperty("format").GetString().ShouldBe("trainer-state");
        run.LinesOf("trainer-state").ShouldBe(206);
        run.Info("global_step").GetDouble().ShouldBe(5000);
        run.Info("epoch").GetDouble().ShouldBe(38.16793893129771);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(200);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((25L, 0.3048));
        (loss.Step("last_step"), loss.Value("last")).ShouldBe((5000L, 0.0002));
        (loss.Step("min_step"), loss.Value("min")).ShouldBe((4325L, 0.0001));
        var eval = run.Metric("loss", "eval");
        eval.Count().ShouldBe(5);
        eval.Step("first_step").ShouldBe(1000);
        eval.Value("first").ShouldBe(0.3210, 1e-4);
        eval.Step("last_step").ShouldBe(5000);
        eval.Value("last").ShouldBe(0.4200, 1e-4);
        var wer = run.Metric("wer", "eval");
        (wer.Step("min_step"), wer.Value("min")).ShouldBe((3000L, 0.7431560204762965));
        run.Info("best_metric").GetDouble().ShouldBe(0.7431560204762965);
        run.Info("best_model_checkpoint").GetString()!.ShouldEndWith("checkpoint-3000");
        run.Final("loss").ShouldBe(0.01890342615880072);
        run.Final("runtime").ShouldBe(77350.9963);
        run.Progress.GetProperty("step").GetInt64().ShouldBe(5000);
        run.Progress.GetProperty("steps").GetInt64().ShouldBe(5000);
    }

    [Fact]
    public void Multi_eval_trainer_state_keeps_six_named_eval_sets()
    {
        var run = AnalyzedFile.Of("hf-trainer/multi_eval_trainer_state.json");

        run.LinesOf("trainer-state").ShouldBe(216);
        run.Info("global_step").GetDouble().ShouldBe(12030);
        run.Info("epoch").GetDouble().ShouldBe(30);
        run.Info("logging_steps").GetDouble().ShouldBe(500);
        run.Info("eval_steps").GetDouble().ShouldBe(500);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(30);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((401L, 1.1074));
        (loss.Step("last_step"), loss.Value("last")).ShouldBe((12030L, 0.0549));
        (loss.Step("min_step"), loss.Value("min")).ShouldBe((11629L, 0.0531));
        foreach (var group in Enumerable.Range(0, 6))
        {
            run.Metric($"g{group}_loss", "eval").Count().ShouldBe(31);
        }

        var g0 = run.Metric("g0_loss", "eval");
        (g0.Step("first_step"), g0.Value("first")).ShouldBe((0L, 5.741583347320557));
        g0.Value("min").ShouldBe(1.113750696182251);
        (g0.Step("last_step"), g0.Value("last")).ShouldBe((12030L, 2.7486727237701416));
        run.Metric("g0_accuracy", "eval").Value("first").ShouldBe(0.7082294264339152);
        run.Final("loss").ShouldBeNull();
    }

    [Fact]
    public void Baize_trainer_state_of_one_megabyte_logs_every_step()
    {
        var run = AnalyzedFile.Of("hf-trainer/baize_tcm_llm_trainer_state.json");

        run.LinesOf("trainer-state").ShouldBe(6687);
        run.Info("global_step").GetDouble().ShouldBe(6687);
        run.Info("epoch").GetDouble().ShouldBe(9);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(6687);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((1L, 2.2619));
        (loss.Step("max_step"), loss.Value("max")).ShouldBe((2L, 2.4295));
        (loss.Step("last_step"), loss.Value("last")).ShouldBe((6687L, 0.0889));
        (loss.Step("min_step"), loss.Value("min")).ShouldBe((6363L, 0.0467));
        run.Metric("learning_rate").Value("first").ShouldBe(0.0);
        var grad = run.Metric("grad_norm");
        grad.Count().ShouldBe(6687);
        (grad.Step("max_step"), grad.Value("max")).ShouldBe((3202L, 2.2375667095184326));
        grad.GetProperty("non_finite").GetInt64().ShouldBe(0);
        run.MetricNames("eval").ShouldBeEmpty();
        run.Final("loss").ShouldBeNull();
    }

    [Fact]
    public void Cpt_rouge_trainer_state_with_windows_line_endings_keeps_hyphenated_rouge_names()
    {
        var run = AnalyzedFile.Of("hf-trainer/cpt_rouge_trainer_state.json");

        run.LinesOf("trainer-state").ShouldBe(31);
        run.Info("global_step").GetDouble().ShouldBe(5490);
        run.Info("epoch").GetDouble().ShouldBe(10);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(10);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((500L, 1.1409));
        run.Metric("grad_norm").Value("first").ShouldBe(2.757542133331299);
        var eval = run.Metric("loss", "eval");
        eval.Count().ShouldBe(10);
        eval.Value("first").ShouldBe(0.6597685217857361);
        (eval.Step("min_step"), eval.Value("min")).ShouldBe((3294L, 0.48532548546791077));
        (eval.Step("last_step"), eval.Value("last")).ShouldBe((5490L, 0.4916660189628601));
        run.Metric("rouge-1", "eval").Value("first").ShouldBe(46.5406);
        run.HasMetric("rouge-l", "eval").ShouldBeTrue();
        run.HasMetric("gen_len", "eval").ShouldBeTrue();
        run.Final("loss").ShouldBe(0.4479398911550831);
        run.Final("runtime").ShouldBe(64358.151);
        var predict = run.Metric("loss", "test"); // the 10 `predict_*` entries, without a step
        predict.Count().ShouldBe(10);
        predict.Value("first").ShouldBe(0.6476863622665405);
        run.HasMetric("predict_loss").ShouldBeFalse();
        run.Progress.GetProperty("step").GetInt64().ShouldBe(5490); // the summary's step; the last train entry is at 5000
        run.Progress.GetProperty("fraction").GetDouble().ShouldBe(1.0);
    }
}
