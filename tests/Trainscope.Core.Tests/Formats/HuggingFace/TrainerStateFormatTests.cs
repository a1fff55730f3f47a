using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.HuggingFace;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.HuggingFace;

public class TrainerStateFormatTests
{
    private static readonly TrainerStateFormat Format = new();

    private static (RecordCollector Sink, FileReadResult Result) Read(string fixture) => Read(File.ReadAllBytes(TestPaths.Fixture("trainer-state/" + fixture)));

    private static (RecordCollector Sink, FileReadResult Result) Read(byte[] bytes)
    {
        var sink = new RecordCollector();
        using var stream = new MemoryStream(bytes);
        var result = Format.Read(stream, new SourceInfo(0, "trainer_state.json", "trainer_state.json"), sink);
        return (sink, result);
    }

    [Fact]
    public void Train_entries_give_loss_grad_norm_and_learning_rate_at_their_step()
    {
        var (sink, result) = Read("trainer_state.json");

        result.Records.ShouldBe(5);
        result.Unparsed.ShouldBe(0);
        result.Problem.ShouldBeNull();
        var loss = sink.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train && m.Kind == SampleKind.Point).ToList();
        loss.Select(m => (m.Position.Step, m.Value)).ShouldBe([(10L, 1.1409), (20L, 0.875), (40L, 0.5)]);
        loss.ShouldAllBe(m => m.Phase == Phase.Train && m.Position.Steps == 40 && m.Position.Epochs == 2);
        double.IsNaN(sink.Metrics.Single(m => m.Name == "grad_norm" && m.Position.Step == 20).Value).ShouldBeTrue();
        sink.Values("learning_rate").ShouldBe([1e-05, 2e-05, 0.0]);
    }

    [Fact]
    public void Eval_entries_are_eval_phase_with_named_sets_and_hyphenated_names()
    {
        var (sink, _) = Read("trainer_state.json");

        var eval = sink.Metrics.Where(m => m.Phase == Phase.Eval).ToList();
        eval.Select(m => m.Name).ShouldBe(["loss", "rouge-1", "g0_loss", "runtime"]);
        eval.ShouldAllBe(m => m.Position.Step == 20 && m.Kind == SampleKind.Point);
        eval[0].Value.ShouldBe(0.6597685217857361);
    }

    [Fact]
    public void The_summary_entry_is_final()
    {
        var (sink, _) = Read("trainer_state.json");

        var final = sink.Metrics.Where(m => m.Kind == SampleKind.Final).ToList();
        final.Single(m => m.Name == "loss").Value.ShouldBe(0.8386);
        final.Single(m => m.Name == "runtime").Value.ShouldBe(77350.9963);
        final.ShouldAllBe(m => m.Phase == Phase.Train);
        var completed = sink.Events.Single(e => e.Kind == EventKind.Completed);
        (completed.Name, completed.Value, completed.Position.Step, completed.Position.Steps).ShouldBe(("training-completed", (double?)77350.9963, (long?)40, (long?)40));
    }

    [Fact]
    public void Top_level_facts_are_run_info_with_the_best_checkpoint_as_text()
    {
        var (sink, _) = Read("trainer_state.json");

        var info = sink.Events.Where(e => e.Kind == EventKind.RunInfo).ToDictionary(e => e.Name!, StringComparer.Ordinal);
        info["best_metric"].Value.ShouldBe(0.7431560204762965);
        info["best_model_checkpoint"].Value.ShouldBeNull();
        info["best_model_checkpoint"].Text.ShouldBe("./whisper/checkpoint-20");
        info["global_step"].Value.ShouldBe(40);
        info["max_steps"].Value.ShouldBe(40);
        info["num_train_epochs"].Value.ShouldBe(2);
        info.ShouldNotContainKey("is_hyper_param_search");
        info.ShouldNotContainKey("trial_name");
    }

    [Fact]
    public void Entries_carry_the_line_they_start_on()
    {
        var (sink, _) = Read("trainer_state.json");

        sink.Metrics.Where(m => m.Name == "loss" && m.Phase == Phase.Train && m.Kind == SampleKind.Point).Select(m => m.Line).ShouldBe([9L, 16L, 31L]);
        sink.Metrics.Single(m => m.Name == "loss" && m.Phase == Phase.Eval).Line.ShouldBe(23);
    }

    [Fact]
    public void Windows_line_endings_read_the_same()
    {
        var (lf, _) = Read("trainer_state.json");
        var (crlf, result) = Read("trainer_state_crlf.json");

        result.Records.ShouldBe(5);
        crlf.Metrics.Select(m => (m.Name, m.Phase, m.Value, m.Line)).ShouldBe(lf.Metrics.Select(m => (m.Name, m.Phase, m.Value, m.Line)));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var bytes = File.ReadAllBytes(TestPaths.Fixture("trainer-state/trainer_state.json"));
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. bytes];

        var (sink, result) = Read(withBom);

        result.Records.ShouldBe(5);
        Format.Sniff(new FileSample("trainer_state.json", withBom, true)).ShouldBe(1.0);
        sink.Metrics.Count(m => m.Name == "loss" && m.Phase == Phase.Train && m.Kind == SampleKind.Point).ShouldBe(3);
    }

    [Fact]
    public void A_document_cut_short_keeps_the_entries_before_the_cut_and_reports_a_problem()
    {
        var bytes = File.ReadAllBytes(TestPaths.Fixture("trainer-state/trainer_state.json"));
        var text = Encoding.UTF8.GetString(bytes);
        var cut = text.IndexOf("\"eval_loss\"", StringComparison.Ordinal);

        var (sink, result) = Read(bytes[..cut]);

        result.Problem.ShouldNotBeNull();
        sink.Values("loss", Phase.Train).ShouldBe([1.1409, 0.875]);
    }

    [Fact]
    public void Sniff_takes_trainer_state_documents_and_not_json_lines()
    {
        var head = File.ReadAllBytes(TestPaths.Fixture("trainer-state/trainer_state.json"));
        Format.Sniff(new FileSample("trainer_state.json", head, true)).ShouldBe(1.0);
        Format.Sniff(new FileSample("state.json", head, true)).ShouldBeGreaterThanOrEqualTo(0.5);
        Format.Sniff(new FileSample("log.txt", File.ReadAllBytes(TestPaths.Fixture("json-lines/detr_log.txt")), true)).ShouldBeLessThan(0.5);
        Format.Sniff(new FileSample("x.log", "hello"u8.ToArray(), true)).ShouldBe(0);
    }
}
