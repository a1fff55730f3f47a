using System.Text.Json;
using Trainscope.Formats.HuggingFace;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.HuggingFace;

/// <summary>The reader against `JsonDocument`: every number of every `log_history` entry, except its position, is one sample.</summary>
public class TrainerStateReferenceTests
{
    public static TheoryData<string> Files =>
    [
        "hf-trainer/whisper_ja_trainer_state.json", "hf-trainer/multi_eval_trainer_state.json",
        "hf-trainer/baize_tcm_llm_trainer_state.json", "hf-trainer/cpt_rouge_trainer_state.json",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_entry_gives_its_numbers_at_its_step(string file)
    {
        var path = TestPaths.Corpus(file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var entries = document.RootElement.GetProperty("log_history").EnumerateArray().ToList();
        var sink = new RecordCollector();
        using (var stream = File.OpenRead(path))
        {
            new TrainerStateFormat().Read(stream, new SourceInfo(0, path, file), sink).Records.ShouldBe(entries.Count);
        }

        var expected = entries
            .SelectMany(e => e.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Name is not ("step" or "epoch"))
                .Select(p => (Step: e.TryGetProperty("step", out var step) ? step.GetInt64() : (long?)null, p.Value.GetDouble())))
            .Order().ToList();
        sink.Metrics.Select(m => (m.Position.Step, m.Value)).Order().ToList().ShouldBe(expected);
    }
}
