using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.HuggingFace;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.PythonDict;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.JsonLines;

public class RecordParserFuzzTests
{
    private static readonly string[] Fixtures =
    [
        "json-lines/detr_log.txt", "json-lines/deit_two_runs.txt", "json-lines/detectron2_metrics.json",
        "json-lines/llamafactory_trainer_log.jsonl", "json-lines/mmengine_scalars.json", "json-lines/mmcv_epoch_log.json",
        "json-lines/log_train.txt", "json-lines/mixed_with_text.log", "python-dict/hf_stdout.log",
    ];

    public static TheoryData<string> LineFormats => ["json-lines", "python-dict"];

    [Theory]
    [MemberData(nameof(LineFormats))]
    public void Every_cut_of_every_fixture_line_mutations_and_random_bytes_are_survived(string name)
    {
        ILineFormat format = name == "json-lines" ? new JsonLinesFormat() : new PythonDictFormat();
        var parser = format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "fuzz.log", "fuzz.log");
        var random = new Random(20260105);
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
                    var mutated = (byte[])bytes.Clone();
                    if (mutated.Length > 0)
                    {
                        mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                    }

                    parser.TryParse(new LogLine(mutated, number, 0, source), sink);
                }
            }
        }

        foreach (var text in Hostile())
        {
            parser.TryParse(LogLine.FromString(text, source, ++number), sink);
        }

        for (var i = 0; i < 5000; i++)
        {
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            if (noise.Length > 1 && i % 2 == 0)
            {
                noise[0] = (byte)'{';
                noise[1] = name == "json-lines" ? (byte)'"' : (byte)'\'';
                noise[^1] = (byte)'}';
            }

            parser.TryParse(new LogLine(noise, ++number, 0, source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.Count.ShouldBeGreaterThan(0);
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
        sink.Events.ShouldAllBe(e => !string.IsNullOrEmpty(e.Name) && e.Text != null);
    }

    [Fact]
    public void Trainer_state_cut_at_every_offset_never_throws()
    {
        var bytes = File.ReadAllBytes(TestPaths.Fixture("trainer-state/trainer_state.json"));
        var format = new TrainerStateFormat();
        var source = new SourceInfo(0, "trainer_state.json", "trainer_state.json");
        var random = new Random(7);
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var sink = new RecordCollector();
            using var head = new MemoryStream(bytes, 0, cut);
            var result = format.Read(head, source, sink);
            (result.Records <= 5).ShouldBeTrue();

            var mutated = (byte[])bytes.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            using var damaged = new MemoryStream(mutated);
            format.Read(damaged, source, new RecordCollector());
        }
    }

    private static IEnumerable<string> Hostile() =>
    [
        "{\"loss\": 1e999999, \"step\": -5, \"epoch\": 1e300}",
        "{\"epoch\": NaN, \"step\": Infinity, \"iteration\": -Infinity}",
        "{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]}",
        "{\"" + new string('k', 5000) + "\": 1}",
        "{\"a\": [" + string.Join(",", Enumerable.Range(0, 2000)) + "]}",
        "{\"\\u006coss\": 2.5, \"step\": 1}",
        "{'loss': 1e999999, 'epoch': -1}",
        "{'loss': [1, 2, 'x'], 'epoch': (1, 2)}",
        "{'loss': tensor(, 'epoch': 0.1}",
        "{'a': 'unterminated}",
        "{'" + new string('k', 5000) + "': 1}",
        "]{'loss': 1.0}",
        "{\"eta_seconds\": 1e308, \"iteration\": 1}",
        "{\"remaining_time\": \"99999999:00:00\", \"step\": 1}",
    ];
}
