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
        ParserTorture.CutsAndNoise(parser, Fixtures.Select(f => TestPaths.Fixture(f)), sink);
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
