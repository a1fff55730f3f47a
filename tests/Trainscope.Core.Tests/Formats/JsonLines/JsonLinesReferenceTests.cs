using System.Text.Json;
using System.Text.RegularExpressions;
using Trainscope.Formats.JsonLines;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.JsonLines;

/// <summary>The span parser against a simple reference: `JsonDocument` on each corpus line, every number kept.</summary>
public partial class JsonLinesReferenceTests
{
    private static readonly HashSet<string> NotMetrics =
    [
        "epoch", "epochs", "step", "iter", "iteration", "global_step", "current_steps", "total_steps", "max_steps",
        "max_epochs", "percentage", "eta", "eta_seconds", "remaining_time", "n_parameters",
    ];

    public static TheoryData<string> Files =>
    [
        "metriclogger/detr_r50_log.jsonl", "metriclogger/detr_dcmha_output_log.jsonl", "metriclogger/cfvit_deit_log.jsonl",
        "metriclogger/conditional_swin_detr_log.jsonl", "metriclogger/retfound_mae_finetune_log.jsonl",
        "custom-epoch/mmengine_yolox_scalars.json", "custom-epoch/detectron2_mask2former_metrics.json",
        "multi-rank/detectron2_hyperclip_4gpu_aborted/metrics.json", "hf-trainer/llamafactory_trainer_log.jsonl",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_number_of_every_line_becomes_exactly_one_sample_with_its_value(string file)
    {
        var lines = File.ReadAllLines(TestPaths.Corpus(file));
        var sink = LineFeeder.FeedFile(new JsonLinesFormat(), TestPaths.Corpus(file));
        var byLine = sink.Metrics.ToLookup(m => m.Line);

        for (var i = 0; i < lines.Length; i++)
        {
            var expected = Reference(lines[i]).Order().ToList();
            var actual = byLine[i + 1].Select(m => m.Value).Order().ToList();
            actual.ShouldBe(expected, $"line {i + 1}");
        }
    }

    private static IEnumerable<double> Reference(string line)
    {
        using var document = JsonDocument.Parse(BareSpecial().Replace(line, m => $"{m.Groups[1].Value}\"{m.Groups[2].Value}\""));
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (NotMetrics.Contains(property.Name))
            {
                continue;
            }

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    yield return value.GetDouble();
                    break;
                case JsonValueKind.String when Special(value.GetString()!) is double special:
                    yield return special;
                    break;
                case JsonValueKind.String when TimeSpan.TryParse(value.GetString(), out var duration):
                    yield return duration.TotalSeconds;
                    break;
                case JsonValueKind.Array:
                    foreach (var element in value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number))
                    {
                        yield return element.GetDouble();
                    }

                    break;
            }
        }
    }

    private static double? Special(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => null,
    };

    [GeneratedRegex(@"([:\[,]\s*)(NaN|-?Infinity)")]
    private static partial Regex BareSpecial();
}
