using System.Text;
using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.MetricLogger;

public class MetricLoggerRobustnessTests
{
    private static readonly string[] Fixtures =
    [
        "metriclogger/prefixed_multiline_averaged.log", "metriclogger/detr_test_blocks.log", "metriclogger/mixed_junk.log",
    ];

    private static readonly byte[] Damage = [.. "  :()[]/.-0123456789e\t"u8, 0xFF, 0x00];

    private static readonly SourceInfo Source = new(0, "cut.log", "cut.log");

    [Theory]
    [InlineData("metriclogger/prefixed_multiline_averaged.log")]
    [InlineData("metriclogger/detr_test_blocks.log")]
    public void A_half_written_last_line_never_gives_wrong_records_for_the_lines_before_it(string fixture)
    {
        var lines = File.ReadAllLines(TestPaths.Fixture(fixture));
        var whole = Feed(lines);
        var progress = lines[..^1].ToList();
        var last = Encoding.UTF8.GetBytes(lines[^1]);
        var before = Feed(progress);

        for (var cut = 0; cut <= last.Length; cut++)
        {
            var parser = new MetricLoggerFormat().CreateParser();
            var sink = new RecordCollector();
            var number = 0;
            foreach (var text in progress)
            {
                parser.TryParse(LogLine.FromString(text, Source, ++number), sink);
            }

            parser.TryParse(new LogLine(last.AsSpan(0, cut), ++number, 0, Source), sink);
            parser.Complete(sink);

            // Everything up to the last line is as if the file ended before it; the cut line adds at most its own records.
            sink.Metrics.Take(before.Metrics.Count).Select(m => (m.Name, m.Value, m.Line)).ShouldBe(before.Metrics.Select(m => (m.Name, m.Value, m.Line)));
            sink.Metrics.Skip(before.Metrics.Count).ShouldAllBe(m => m.Line == number);
            sink.Metrics.Count.ShouldBeLessThanOrEqualTo(whole.Metrics.Count);
        }
    }

    private static RecordCollector Feed(IEnumerable<string> lines) => LineFeeder.Feed(new MetricLoggerFormat(), string.Join('\n', lines));

    [Fact]
    public void Every_cut_of_every_fixture_line_and_fixed_seed_noise_never_throw()
    {
        var parser = new MetricLoggerFormat().CreateParser();
        var sink = new RecordCollector();
        long number = 0;
        foreach (var fixture in Fixtures)
        {
            foreach (var text in File.ReadAllLines(TestPaths.Fixture(fixture)))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var cut = 0; cut <= bytes.Length; cut++)
                {
                    parser.TryParse(new LogLine(bytes.AsSpan(0, cut), ++number, 0, Source), sink);
                    parser.TryParse(new LogLine(bytes.AsSpan(cut), ++number, 0, Source), sink);
                }
            }
        }

        var random = new Random(20261201);
        var seedLine = Encoding.UTF8.GetBytes(File.ReadAllLines(TestPaths.Fixture(Fixtures[0]))[4]);
        for (var i = 0; i < 20_000; i++)
        {
            // Half pure noise, half a real line with a few bytes flipped, so the field reader is reached with damage.
            byte[] noise;
            if (i % 2 == 0)
            {
                noise = new byte[random.Next(0, 300)];
                random.NextBytes(noise);
            }
            else
            {
                noise = (byte[])seedLine.Clone();
                for (var flips = random.Next(1, 6); flips > 0; flips--)
                {
                    noise[random.Next(noise.Length)] = Damage[random.Next(Damage.Length)];
                }
            }

            parser.TryParse(new LogLine(noise, ++number, 0, Source), sink);
        }

        parser.Complete(sink);
        sink.Metrics.ShouldAllBe(m => !string.IsNullOrEmpty(m.Name));
        sink.Events.ShouldAllBe(e => !string.IsNullOrEmpty(e.Name));
        sink.Metrics.Count.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void The_cached_layout_reads_exactly_what_a_fresh_parser_reads_line_by_line()
    {
        var random = new Random(7);
        var lines = Fixtures.SelectMany(f => File.ReadAllLines(TestPaths.Fixture(f))).Where(l => l.Contains("  [")).ToList();
        var damaged = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            // Same family, small edits: values, spaces and brackets move, so cached and fresh reads meet every branch.
            var chars = lines[random.Next(lines.Count)].ToCharArray();
            for (var flips = random.Next(0, 4); flips > 0; flips--)
            {
                chars[random.Next(chars.Length)] = " ()x:9."[random.Next(7)];
            }

            damaged.Add(new string(chars));
        }

        var cached = new MetricLoggerFormat().CreateParser();
        var number = 0;
        foreach (var text in damaged)
        {
            var viaCache = new RecordCollector();
            var fresh = new RecordCollector();
            var line = LogLine.FromString(text, Source, ++number);
            cached.TryParse(line, viaCache);
            new MetricLoggerFormat().CreateParser().TryParse(line, fresh);

            viaCache.Metrics.Select(m => (m.Name, m.Value, m.Average)).ShouldBe(fresh.Metrics.Select(m => (m.Name, m.Value, m.Average)), text);
        }
    }

    [Fact]
    public void Huge_numbers_and_long_lines_are_read_without_failing()
    {
        var fields = string.Join("  ", Enumerable.Range(0, 600).Select(i => $"m{i}: {i}.5 ({i}.25)"));
        var records = LineFeeder.Feed(new MetricLoggerFormat(), $"Epoch: [99999999999]  [1/2]  x: 1\nEpoch: [1]  [99999999999999999999/3]  x: 1\nEpoch: [1]  [1/2]  big: 123456789012345678901234567890 (1e309)  {fields}");

        var big = records.Metrics.Single(m => m.Name == "big");
        big.Value.ShouldBe(123456789012345678901234567890.0);
        double.IsPositiveInfinity(big.Average!.Value).ShouldBeTrue();
        records.Metrics.Single(m => m.Name == "m500").Average.ShouldBe(500.25);
        records.Metrics.Count.ShouldBeGreaterThan(500);
    }
}
