using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.Generic;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.Generic;

public class GenericRobustnessTests
{
    private static readonly string[] Fixtures = ["custom_loop.log", "mixed_units.log", "chinese_epochs.log", "not_metrics.log"];

    [Fact]
    public void Every_cut_of_every_fixture_line_and_random_bytes_are_survived()
    {
        var parser = new GenericFormat().CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "fuzz.log", "fuzz.log");
        long number = 0;
        foreach (var fixture in Fixtures)
        {
            foreach (var text in File.ReadAllText(TestPaths.Fixture("generic/" + fixture)).Split('\n'))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var cut = 0; cut <= bytes.Length; cut++)
                {
                    parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, source), sink);
                    parser.TryParse(new LogLine(bytes.AsSpan(cut), number, 0, source), sink);
                }
            }
        }

        var random = new Random(20261201);
        var alphabet = "0123456789.:=,/|-[](){} eEnaifINF%秒：，_abc"u8.ToArray();
        for (var i = 0; i < 20000; i++)
        {
            var noise = new byte[random.Next(0, 300)];
            if (i % 2 == 0)
            {
                random.NextBytes(noise);
            }
            else
            {
                for (var j = 0; j < noise.Length; j++)
                {
                    noise[j] = alphabet[random.Next(alphabet.Length)];
                }
            }

            parser.TryParse(new LogLine(noise, ++number, 0, source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.ShouldNotBeEmpty();
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name) && m.Source == source);
    }

    [Fact]
    public void Huge_numbers_and_long_lines_are_tolerated()
    {
        var text = string.Join('\n', Enumerable.Range(0, 3).Select(_ => "step 1 loss: 1e999 grad: 123456789012345678901234567890 x: " + new string('9', 5000)));

        var records = LineFeeder.Feed(new GenericFormat(), text + "\n" + new string('a', 10000) + "=1");

        records.Values("loss").ShouldAllBe(v => double.IsPositiveInfinity(v));
    }

    [Fact]
    public void The_shape_table_stays_bounded_and_keeps_confirmed_families()
    {
        var parser = new GenericParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "t.log", "t.log");
        parser.TryParse(LogLine.FromString("step 1 loss: 0.5", source, 1), sink).ShouldBeTrue();
        for (var i = 0; i < 3 * ShapeTable.MaxShapes; i++)
        {
            parser.TryParse(LogLine.FromString($"word{i}x value: 0.{i}", source, i + 2), sink);
        }

        parser.ShapeCount.ShouldBeLessThanOrEqualTo(ShapeTable.MaxShapes);
        parser.TryParse(LogLine.FromString("step 2 loss: 0.4", source, 99999), sink).ShouldBeTrue();
        sink.Values("loss").ShouldBe([0.5, 0.4]);
    }

    [Fact]
    public void Held_samples_are_bounded_and_the_oldest_are_dropped()
    {
        var pending = new PendingSamples();
        var sink = new RecordCollector();
        for (var i = 0; i < PendingSamples.Capacity + 10; i++)
        {
            pending.Hold(7, new MetricSample { Name = "x", Value = i });
        }

        pending.Release(7, sink);

        sink.Metrics.Count.ShouldBe(PendingSamples.Capacity);
        sink.Metrics[0].Value.ShouldBe(10);
        pending.Release(7, sink);
        sink.Metrics.Count.ShouldBe(PendingSamples.Capacity);
    }
}
