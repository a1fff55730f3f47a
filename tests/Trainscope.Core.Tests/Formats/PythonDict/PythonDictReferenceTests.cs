using System.Globalization;
using System.Text.RegularExpressions;
using Trainscope.Formats.PythonDict;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.PythonDict;

/// <summary>The parser against the regular expressions PROVENANCE.md used to count the corpus dicts.</summary>
public partial class PythonDictReferenceTests
{
    public static TheoryData<string> Files =>
    [
        "hf-trainer/qwen3_qlora_trl_stdout.log", "hf-trainer/llamafactory_running_log_2gpu.txt",
        "failures/issue_llamafactory_8261_loss_zero_then_nccl_watchdog.txt",
        "failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_number_but_the_epoch_of_every_trainer_dict_is_one_sample(string file)
    {
        var text = File.ReadAllText(TestPaths.Corpus(file)).Replace('\r', '\n');
        var expected = Dict().Matches(text)
            .SelectMany(d => Pair().Matches(d.Value).Where(p => p.Groups[1].Value != "epoch").Select(p => Number(p.Groups[2].Value)))
            .Order().ToList();

        var sink = LineFeeder.Feed(new PythonDictFormat(), text, file);

        expected.Count.ShouldBeGreaterThan(0);
        sink.Metrics.Select(m => m.Value).Order().ToList().ShouldBe(expected);
    }

    private static double Number(string token) => token switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(token, CultureInfo.InvariantCulture),
    };

    // PROVENANCE.md: \{'(?:loss|eval_loss|train_runtime)'[^{}]*\}
    [GeneratedRegex(@"\{'(?:loss|eval_loss|train_runtime)'[^{}]*\}")]
    private static partial Regex Dict();

    [GeneratedRegex(@"'([^']+)': (-?[0-9][0-9.e+-]*|nan|-?inf)(?=[,}])")]
    private static partial Regex Pair();
}
