using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Frameworks;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Frameworks;

public class FrameworkFuzzTests
{
    public static TheoryData<string> FormatNames => ["keras", "detectron2", "megatron", "nanogpt", "mmengine", "lightning", "ultralytics", "olmo"];

    private static readonly string[] Fixtures =
    [
        "keras/verbose1_two_runs.log", "keras/keras1_verbose2.log", "detectron2/log.txt", "megatron/pretrain.log",
        "nanogpt/train.log", "mmengine/train.log", "lightning/fit.log", "ultralytics/train_det.log", "olmo/train.log",
    ];

    private static ILineFormat Create(string name) => (ILineFormat)FormatRegistry.Find(name)!;

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Every_cut_of_every_fixture_line_and_random_bytes_are_survived(string name)
    {
        var parser = Create(name).CreateParser();
        var sink = new RecordCollector();
        ParserTorture.CutsAndNoise(parser, Fixtures.Select(f => TestPaths.Fixture("frameworks/" + f)), sink);
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
        sink.Events.ShouldAllBe(e => !string.IsNullOrEmpty(e.Name));
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Lines_mutated_byte_by_byte_and_huge_numbers_are_survived(string name)
    {
        var parser = Create(name).CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "fuzz.log", "fuzz.log");
        var random = new Random(7);
        var lines = Fixtures.SelectMany(f => File.ReadAllText(TestPaths.Fixture("frameworks/" + f)).Split('\n', '\r')).ToArray();
        byte[] junk = [(byte)':', (byte)' ', (byte)'|', (byte)'/', (byte)'[', (byte)']', (byte)'-', (byte)',', (byte)'9', (byte)'\'', 0xE2];
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(lines[random.Next(lines.Length)]);
            for (var k = random.Next(1, 4); k > 0 && bytes.Length > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = junk[random.Next(junk.Length)];
            }

            parser.TryParse(new LogLine(bytes, i, 0, source), sink);
        }

        foreach (var line in HugeNumberLines)
        {
            parser.TryParse(LogLine.FromString(line, source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
    }

    private static readonly string[] HugeNumberLines =
    [
        "Epoch 99999999/99999999",
        "Epoch 2147483647/99999999",
        "99999999999999999999/99999999999999999999 [====] - 1e400s - loss: 1e999",
        "[07/18 06:32:33] d2.utils.events INFO:  eta: 99999999999 days, 99:99:99  iter: 1e300  total_loss: -inf",
        "[07/18 06:32:33] d2.engine.hooks INFO: Total training time: 99999999999:00:00",
        " iteration 99999999999999999999/ 1 | lm loss: 1e309 |",
        "step:99999999999999999999/1 train_loss:1e999 step_avg:infms",
        "2023/08/23 15:52:45 - mmengine - INFO - Epoch(train)  [99999999999][99999999999/1]  eta: 999999999999 days, 0:00:00",
        "Epoch 99999999999, global step 99999999999999999999: 'val_loss' reached 1e999",
    ];
}
