namespace Trainscope.Tests.Corpus;

/// <summary>JSON-lines files of the corpus against the facts in PROVENANCE.md.</summary>
public class JsonLinesCorpusTests
{
    [Fact]
    public void Detr_r50_log_infers_epochs_from_record_order_and_splits_the_coco_array()
    {
        var run = AnalyzedFile.Of("metriclogger/detr_r50_log.jsonl");

        run.Source.GetProperty("format").GetString().ShouldBe("json-lines");
        run.LinesOf("json-lines").ShouldBe(500);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(500);
        loss.Value("first").ShouldBe(25.99649900791449);
        loss.Value("last").ShouldBe(6.092872703746283);
        loss.Step("first_step").ShouldBe(0);
        loss.Step("last_step").ShouldBe(499);
        var lr = run.Metric("lr");
        lr.Value("max").ShouldBe(9.999999999999782e-05);
        lr.Value("min").ShouldBe(9.999999999999684e-06);
        lr.Step("min_step").ShouldBe(400); // line 401: the LR drop after epoch 400
        var ap = run.Metric("coco_eval_bbox[0]", "test");
        ap.Value("max").ShouldBe(0.4234621894419708);
        ap.Step("max_step").ShouldBe(474); // line 475
        ap.Value("last").ShouldBe(0.4202917575662765);
        run.HasMetric("coco_eval_bbox[11]", "test").ShouldBeTrue();
        run.HasMetric("coco_eval_bbox[12]", "test").ShouldBeFalse();
        run.Info("n_parameters").GetDouble().ShouldBe(41302368);
    }

    [Fact]
    public void Detr_dcmha_two_appended_runs_show_as_one_restart_marker()
    {
        var run = AnalyzedFile.Of("metriclogger/detr_dcmha_output_log.jsonl");

        var loss = run.Metric("loss");
        loss.Count().ShouldBe(61);
        loss.Value("first").ShouldBe(43.395170375704765);
        loss.Value("last").ShouldBe(10.365348, 1e-6);
        loss.Step("last_step").ShouldBe(50);
        var restart = run.Events("marker", "restart").ShouldHaveSingleItem();
        restart.GetProperty("line").GetInt64().ShouldBe(11);
        var ap = run.Metric("coco_eval_bbox[0]", "test");
        ap.Value("max").ShouldBe(0.259803, 1e-6);
        ap.Step("max_step").ShouldBe(49);
        ap.Value("last").ShouldBe(0.256604, 1e-6);
        run.Metric("class_error", "test").Value("first").ShouldBe(100.0);
        run.Info("n_parameters").GetDouble().ShouldBe(41302368);
    }

    [Fact]
    public void Conditional_swin_detr_log_has_fifty_epochs_and_its_best_ap_last()
    {
        var run = AnalyzedFile.Of("metriclogger/conditional_swin_detr_log.jsonl");

        var loss = run.Metric("loss");
        loss.Count().ShouldBe(50);
        (loss.Step("first_step"), loss.Step("last_step")).ShouldBe((0L, 49L));
        loss.Value("first").ShouldBe(18.223146938848735);
        loss.Value("last").ShouldBe(7.941286, 1e-6);
        var ap = run.Metric("coco_eval_bbox[0]", "test");
        ap.Value("max").ShouldBe(0.426506, 1e-6);
        ap.Step("max_step").ShouldBe(49);
        run.Metric("cardinality_error_unscaled").Value("first").ShouldBe(292.9010296902475);
        run.Info("n_parameters").GetDouble().ShouldBe(47331355);
        run.Events("marker", "restart").ShouldBeEmpty();
    }

    [Fact]
    public void Cfvit_deit_log_shows_the_epoch_201_spike_and_the_best_accuracy_before_it()
    {
        var run = AnalyzedFile.Of("metriclogger/cfvit_deit_log.jsonl");

        run.Metric("loss").Count().ShouldBe(300);
        run.EpochMean(200, "loss").ShouldBe(4.5029, 1e-4);
        run.EpochMean(201, "loss").ShouldBe(5.3126, 1e-4);
        run.EpochMean(201, "384_acc1", "test").ShouldBe(54.068, 1e-3);
        var acc = run.Metric("384_acc1", "test");
        acc.Value("max").ShouldBe(77.824002, 1e-6);
        acc.Step("max_step").ShouldBe(199);
        acc.Value("last").ShouldBe(65.036002, 1e-6);
        var loss = run.Metric("loss");
        loss.Value("min").ShouldBe(4.345737, 1e-6);
        loss.Step("min_step").ShouldBe(295);
        loss.Value("last").ShouldBe(4.345825, 1e-6);
        var lr = run.Metric("lr");
        lr.Value("max").ShouldBe(3.9042585426907706e-05);
        lr.Step("max_step").ShouldBe(6);
    }

    [Fact]
    public void Retfound_mae_finetune_log_is_train_only_with_its_parameter_count()
    {
        var run = AnalyzedFile.Of("metriclogger/retfound_mae_finetune_log.jsonl");

        var loss = run.Metric("loss");
        loss.Count().ShouldBe(50);
        loss.Value("first").ShouldBe(0.6755502223968506);
        loss.Value("min").ShouldBe(0.518585, 1e-6);
        loss.Step("min_step").ShouldBe(46);
        loss.Value("last").ShouldBe(0.524212, 1e-6);
        run.Metric("lr").Value("max").ShouldBe(0.00015617234343041973);
        run.MetricNames("test").ShouldBeEmpty();
        run.Info("n_parameters").GetDouble().ShouldBe(303303682);
    }

    [Fact]
    public void Mmengine_scalars_split_train_and_coco_val_records()
    {
        var run = AnalyzedFile.Of("custom-epoch/mmengine_yolox_scalars.json");

        run.LinesOf("json-lines").ShouldBe(368);
        run.Source.GetProperty("unparsed").GetInt64().ShouldBe(0);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(184);
        loss.Value("first").ShouldBe(153.447, 1e-3);
        loss.Step("first_step").ShouldBe(13);
        loss.Value("last").ShouldBe(61.764, 1e-3);
        loss.Step("last_step").ShouldBe(2392);
        loss.Value("max").ShouldBe(222.67740953885593);
        var map = run.Metric("coco/bbox_mAP", "eval");
        map.Count().ShouldBe(182);
        map.Value("max").ShouldBe(0.035);
        map.Value("last").ShouldBe(0.006);
        map.Step("last_step").ShouldBe(184);
        var sentinel = run.Metric("coco/bbox_mAP_m", "eval");
        (sentinel.Value("min"), sentinel.Value("max"), sentinel.Count()).ShouldBe((-1.0, -1.0, 182L));
        run.Metric("memory").Value("max").ShouldBe(1007);
        run.Progress.GetProperty("epoch").GetInt32().ShouldBe(184);
    }

    [Fact]
    public void Detectron2_metrics_with_three_launches_keep_nan_and_mark_two_restarts()
    {
        var run = AnalyzedFile.Of("custom-epoch/detectron2_mask2former_metrics.json");

        run.LinesOf("json-lines").ShouldBe(328);
        run.Source.GetProperty("unparsed").GetInt64().ShouldBe(0);
        var loss = run.Metric("total_loss");
        loss.Count().ShouldBe(100 + 25 + 200);
        loss.Value("last").ShouldBe(12.89893745048903);
        loss.Step("last_step").ShouldBe(3999);
        run.Events("marker", "restart").Select(e => e.GetProperty("line").GetInt64()).ShouldBe([102L, 128L]);
        var ap = run.Metric("segm/AP", "eval");
        ap.Count().ShouldBe(2);
        (ap.Step("first_step"), ap.Value("first")).ShouldBe((2000L, 39.83560571104925));
        (ap.Step("last_step"), ap.Value("last")).ShouldBe((4000L, 65.11574610396931));
        run.Metric("bbox/APs", "eval").GetProperty("non_finite").GetInt64().ShouldBe(2);
        run.Metric("segm/APs", "eval").GetProperty("non_finite").GetInt64().ShouldBe(2);
        run.Events("eta").Count.ShouldBeLessThan(20);
    }

    [Fact]
    public void Detectron2_hyperclip_metrics_json_has_two_loss_records_and_an_eta_only_record()
    {
        var run = AnalyzedFile.Of("multi-rank/detectron2_hyperclip_4gpu_aborted/metrics.json");

        run.LinesOf("json-lines").ShouldBe(3);
        var loss = run.Metric("total_loss");
        loss.Count().ShouldBe(2);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((19L, 0.1768863946199417));
        (loss.Step("last_step"), loss.Value("last")).ShouldBe((30L, 0.10060383286327124));
        run.HasMetric("eta_seconds").ShouldBeFalse();
        run.Events("eta").Last().GetProperty("value").GetDouble().ShouldBe(46523.10506693646);
    }

    [Fact]
    public void Llamafactory_trainer_log_reads_steps_eval_loss_and_duration_strings()
    {
        var run = AnalyzedFile.Of("hf-trainer/llamafactory_trainer_log.jsonl");

        run.LinesOf("json-lines").ShouldBe(689);
        var loss = run.Metric("loss");
        loss.Count().ShouldBe(675);
        (loss.Step("first_step"), loss.Value("first")).ShouldBe((10L, 2.219));
        (loss.Step("last_step"), loss.Value("last")).ShouldBe((6750L, 1.5999));
        (loss.Step("max_step"), loss.Value("max")).ShouldBe((40L, 2.3657));
        (loss.Step("min_step"), loss.Value("min")).ShouldBe((5260L, 1.3224));
        var eval = run.Metric("loss", "eval");
        eval.Count().ShouldBe(13);
        eval.Value("min").ShouldBe(1.5518, 1e-4);
        eval.Step("min_step").ShouldBe(4500);
        eval.Step("last_step").ShouldBe(6500);
        run.Metric("lr").Count().ShouldBe(675);
        run.Metric("elapsed_time").Value("last").ShouldBe((6 * 3600) + (48 * 60) + 6);
        run.Progress.GetProperty("step").GetInt64().ShouldBe(6750);
        run.Progress.GetProperty("steps").GetInt64().ShouldBe(6750);
        run.Progress.GetProperty("fraction").GetDouble().ShouldBe(1.0);
        run.Events("eta").Last().GetProperty("value").GetDouble().ShouldBe(0);
    }
}
