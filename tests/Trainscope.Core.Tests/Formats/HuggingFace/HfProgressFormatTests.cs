using Trainscope.Formats;
using Trainscope.Formats.HuggingFace;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.HuggingFace;

public class HfProgressFormatTests
{
    private static readonly HfProgressFormat Format = new();

    private static RecordCollector Lora() => LineFeeder.FeedFile(Format, TestPaths.Fixture("hf/lora_finetune_stdout.log"));

    [Fact]
    public void Step_lines_give_train_loss_at_step_of_steps()
    {
        var losses = Lora().Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train && m.Kind == SampleKind.Point).ToList();

        losses.Select(m => m.Value).ShouldBe([3.4521, 3.2134, 2.2345, 1.3876, 2.6543, 2.0]);
        losses[0].Position.Step.ShouldBe(10);
        losses[0].Position.Steps.ShouldBe(2000);
        losses[3].Position.Step.ShouldBe(2000);
        losses[4].Position.Steps.ShouldBeNull();
        Lora().Metrics.ShouldNotContain(m => m.Name == "Time");
    }

    [Fact]
    public void Running_blocks_give_markers_and_run_info()
    {
        var events = Lora().Events;

        events.Where(e => e.Kind == EventKind.Marker).Select(e => e.Name)
            .ShouldBe(["training-start", "evaluation-start", "final-evaluation-start", "final-eval-results", "training-summary"]);
        var info = events.Where(e => e.Kind == EventKind.RunInfo).GroupBy(e => e.Name!).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        info["num_examples"].ShouldBe(128);
        info["num_epochs"].ShouldBe(3);
        info["instantaneous_batch_size_per_device"].ShouldBe(8);
        info["total_train_batch_size"].ShouldBe(8);
        info["total_optimization_steps"].ShouldBe(2000);
        info["number_of_trainable_parameters"].ShouldBe(4_194_304);
        info["trainable_params"].ShouldBe(4_194_304);
        info["all_params"].ShouldBe(6_742_609_920);
        info["trainable_percent"].ShouldBe(0.0622);
        info["total_time"].ShouldBe(6023);
        info["best_checkpoint"].ShouldBe(1800);
    }

    [Fact]
    public void Eval_at_step_lists_give_eval_metrics_at_that_step()
    {
        var eval = Lora().Metrics.Where(m => m.Phase == Phase.Eval && m.Kind == SampleKind.Point).ToList();

        eval.Where(m => m.Name == "loss").Select(m => (m.Position.Step, m.Value)).ShouldBe([(200L, 2.3456), (400L, 2.1), (200L, 2.3)]);
        eval.Single(m => m.Name == "Perplexity" && m.Position.Step == 400).Value.ShouldBe(8.2);
        eval.Single(m => m.Name == "Best so far").Value.ShouldBe(2.0);
    }

    [Fact]
    public void Final_results_are_final_eval_metrics()
    {
        var final = Lora().Metrics.Where(m => m.Kind == SampleKind.Final).ToList();

        final.Single(m => m.Name == "loss" && m.Phase == Phase.Eval && m.Line == 39).Value.ShouldBe(1.9876);
        final.Single(m => m.Name == "runtime").Value.ShouldBe(30.67);
        final.Where(m => m.Name == "perplexity").Select(m => (m.Phase, m.Value)).ShouldBe([(Phase.Eval, 7.30), (Phase.Eval, 7.30)]);
        final.ShouldNotContain(m => m.Name == "epoch");
        final.Single(m => m.Name == "loss" && m.Phase == Phase.Train).Value.ShouldBe(1.3876);
        final.Single(m => m.Name == "perplexity" && m.Line == 51).Value.ShouldBe(7.30);
    }

    [Fact]
    public void Checkpoint_and_completion_are_events()
    {
        var events = Lora().Events;

        var checkpoint = events.Single(e => e.Kind == EventKind.Checkpoint);
        checkpoint.Value.ShouldBe(500);
        checkpoint.Attributes!["path"].ShouldBe("out/llama2_7b/lora_weights_wikitext/checkpoint-500");
        var completed = events.Single(e => e.Kind == EventKind.Completed);
        completed.Value.ShouldBe(1 * 3600 + 40 * 60 + 23);
        completed.Line.ShouldBe(34);
    }

    [Fact]
    public void Llama_factory_prefix_and_blank_lines_keep_the_block_open()
    {
        var records = LineFeeder.FeedFile(Format, TestPaths.Fixture("hf/llamafactory_prefixed.log"));

        var info = records.Events.Where(e => e.Kind == EventKind.RunInfo).GroupBy(e => e.Name!).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        info["num_examples"].ShouldBe(2182);
        info["num_epochs"].ShouldBe(1000);
        info["total_optimization_steps"].ShouldBe(17000);
        info["trainable_percent"].ShouldBe(0.2704);
        var checkpoint = records.Events.Single(e => e.Kind == EventKind.Checkpoint);
        checkpoint.Value.ShouldBe(100);
        checkpoint.Timestamp.ShouldBe(new DateTime(2024, 11, 26, 22, 43, 0));
        records.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Dict_lines_and_tqdm_bars_are_not_claimed()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "x.log", "x.log");

        parser.TryParse(LogLine.FromString("{'loss': 3.4521, 'learning_rate': 1e-04, 'epoch': 0.005}", source), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("Evaluating: 100%|████| 16/16 [00:30<00:00]", source), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("Step 5: loss 0.3", source), sink).ShouldBeFalse();
        sink.Metrics.ShouldBeEmpty();
    }

    [Fact]
    public void Sniff_prefers_step_progress_lines()
    {
        Format.Sniff(new FileSample("a.log", "Step 10/2000   [>  ] 0.5%  | Loss: 3.4521 | Time: 0:00:30\n"u8.ToArray(), true)).ShouldBeGreaterThan(0.85);
        Format.Sniff(new FileSample("a.log", "***** Running training *****\n"u8.ToArray(), true)).ShouldBe(0.6);
        Format.Sniff(new FileSample("a.log", "epoch 1 loss 0.5\n"u8.ToArray(), true)).ShouldBe(0);
    }
}
