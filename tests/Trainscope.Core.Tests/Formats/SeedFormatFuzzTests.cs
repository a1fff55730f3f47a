using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Diagnostics;
using Trainscope.Formats.EpochProgress;
using Trainscope.Formats.HuggingFace;
using Trainscope.Formats.Progress;
using Trainscope.Formats.RankDebug;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats;

public class SeedFormatFuzzTests
{
    public static TheoryData<string> FormatNames => ["epoch-progress", "rank-debug", "hf-progress", "tqdm", "diagnostics"];

    private static readonly string[] Fixtures =
    [
        "epoch-progress/train_ddp_zh.log", "epoch-progress/train_ddp_en.log", "rank-debug/debug_rank0_20231203_143025.log",
        "hf/lora_finetune_stdout.log", "hf/llamafactory_prefixed.log", "progress/hf_trainer_bars.log", "diagnostics/mixed_failures.log",
    ];

    private static ILineFormat Create(string name) => name switch
    {
        "epoch-progress" => new EpochProgressFormat(),
        "rank-debug" => new RankDebugFormat(),
        "hf-progress" => new HfProgressFormat(),
        "tqdm" => new TqdmFormat(),
        _ => new DiagnosticLinesFormat(),
    };

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Every_truncation_of_every_fixture_line_and_random_bytes_are_survived(string name)
    {
        var format = Create(name);
        var parser = format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "fuzz.log", "fuzz.log");
        long number = 0;
        foreach (var fixture in Fixtures)
        {
            foreach (var text in File.ReadAllText(TestPaths.Fixture(fixture)).Split('\n', '\r'))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var cut = 0; cut <= bytes.Length; cut++)
                {
                    parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, source), sink);
                    parser.TryParse(new LogLine(bytes.AsSpan(cut), number, 0, source), sink);
                }
            }
        }

        var random = new Random(20240501);
        for (var i = 0; i < 5000; i++)
        {
            var noise = new byte[random.Next(0, 200)];
            random.NextBytes(noise);
            parser.TryParse(new LogLine(noise, ++number, 0, source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
        sink.Events.ShouldAllBe(e => !string.IsNullOrEmpty(e.Name));
    }

    [Fact]
    public void The_registry_lists_the_seed_formats_and_the_diagnostics_observer()
    {
        FormatRegistry.Find("epoch-progress").ShouldBeOfType<EpochProgressFormat>();
        FormatRegistry.Find("rank-debug").ShouldBeOfType<RankDebugFormat>();
        FormatRegistry.Find("hf-progress").ShouldBeOfType<HfProgressFormat>();
        FormatRegistry.Find("tqdm").ShouldBeOfType<TqdmFormat>();
        FormatRegistry.LineObservers.OfType<DiagnosticLinesFormat>().Count().ShouldBe(1);
    }
}
