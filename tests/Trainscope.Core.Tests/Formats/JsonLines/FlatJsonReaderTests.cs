using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainscope.Formats;
using Trainscope.Formats.JsonLines;
using Trainscope.Records;

namespace Trainscope.Tests.Formats.JsonLines;

/// <summary>
/// The flat-object reader and the key cache against the general <c>Utf8JsonReader</c> path: every line, read either
/// way, must give the same samples and events, bit for bit, and the same accept/reject answer.
/// </summary>
public class FlatJsonReaderTests
{
    private static readonly string[] Tricky =
    [
        "{\"train_lr\": 9.999999999999782e-05, \"train_loss\": 13.951624247222965, \"test_loss\": 1.5, \"epoch\": 0, \"n_parameters\": 41302368}",
        "{\"train_lr\": 9.999999999999782e-05, \"train_loss\": 5.003943175544936, \"test_loss\": 7.5, \"epoch\": 1, \"n_parameters\": 41302368}",
        "{\"train_loss\": 5.0, \"train_lr\": 1e-05, \"epoch\": 2, \"test_loss\": 7.0, \"n_parameters\": 41302368}",
        "{\"train_loss\": 4.0, \"epoch\": 3, \"test_coco_eval_bbox\": [0.42, 0.62, 0.45, -1, 1E+2, NaN, Infinity, -Infinity], \"n_parameters\": 41302368}",
        "{\"train_loss\": 4.0, \"epoch\": 4, \"test_coco_eval_bbox\": [], \"extra\": {\"nested\": 1}, \"flag\": true, \"none\": null}",
        "{\"train_loss\": NaN, \"train_acc\": Infinity, \"test_acc\": -Infinity, \"epoch\": 5}",
        "{\"train_loss\": \"NaN\", \"train_acc\": \"Infinity\", \"epoch\": 6}",
        "{\"data_time\": 0.01, \"iteration\": 19, \"loss_cls\": 0.5, \"lr\": 0.0002, \"eta_seconds\": 3600.5, \"time\": 0.4}",
        "{\"bbox/AP\": 40.1, \"bbox/AP50\": 60.2, \"iteration\": 20, \"segm/AP\": 35.0}",
        "{\"data_time\": 0.02, \"iteration\": 39, \"loss_cls\": 0.4, \"lr\": 0.0002, \"eta_seconds\": 3500, \"time\": 0.5}",
        "{\"loss\": -0, \"grad_norm\": -0.0, \"x\": 0e5, \"y\": 0.000, \"step\": 10}",
        "{\"loss\": 123456789012345678901234567890, \"big\": 1e308, \"over\": 1e400, \"under\": 1e-400, \"tiny\": 4.9e-324, \"step\": 11}",
        "{\"loss\": 9007199254740993, \"a\": 9007199254740992, \"b\": 0.1, \"c\": 1.7976931348623157e308, \"d\": 2.2250738585072014e-308, \"step\": 12}",
        "{\"loss\": 1, \"step\": 13, \"mode\": \"train\", \"time\": \"2024-11-26 22:09:01\", \"remaining_time\": \"0:10:05\", \"elapsed_time\": \"1:02:03\"}",
        "{\"mode\": \"val\", \"epoch\": 1, \"iter\": 50, \"acc\": 0.9}",
        "{\"name\": \"with \\\"escape\\\"\", \"loss\": 1, \"step\": 14}",
        "{\"caf\\u00e9_loss\": 1.25, \"step\": 15}",
        "{\"café_loss\": 1.25, \"ünï\": \"ção\", \"step\": 16}",
        "{\"loss\": 1.0, \"step\": 17",
        "{\"loss\": 1.0, \"step\": }",
        "{\"loss\": 1.0,, \"step\": 18}",
        "{\"loss\": 1.0, \"step\": 19,}",
        "{\"loss\": 01, \"step\": 20}",
        "{\"loss\": 1., \"step\": 21}",
        "{\"loss\": .5, \"step\": 22}",
        "{\"loss\": +1, \"step\": 23}",
        "{\"loss\": 1.5x, \"step\": 24}",
        "{\"loss\": NaNx, \"step\": 25}",
        "{\"loss\": -NaN, \"step\": 26}",
        "{\"loss\": truex, \"step\": 27}",
        "{\"loss\": 1} trailing {\"step\": 28}",
        "{\"loss\": 1 /* note */, \"step\": 29}",
        "{ }",
        "{}",
        "{\"a\":1,\"b\":2.5e-3,\"step\":30}",
        "{\t\"loss\"\t:\t2\t,\t\"step\"\t:\t31\t}",
        "{\"loss\": 2, \"loss\": 3, \"step\": 32}",
        "{\"train_runtime\": 1234.5, \"train_loss\": 0.5, \"epoch\": 3.0, \"step\": 500}",
        "{\"epoch\": 0.25, \"loss\": 1.5, \"step\": 33, \"total_steps\": 1000, \"percentage\": 3.3}",
        "{\"predict_loss\": 0.5, \"eval_loss\": 0.6, \"val_acc\": 0.7, \"step\": 34}",
        "{\"seed\": 42, \"trainable_params\": 1000, \"num_params\": 2000}",
        "{\"arr\": [1, [2, 3], 4], \"step\": 35}",
        "{\"arr\": [1, \"two\", 3], \"step\": 36}",
        "{\"arr\": [1, 2,], \"step\": 37}",
        "{\"arr\": [1 2], \"step\": 38}",
        "{\"step\": 39, \"loss\": 1e-05, \"x\": 1E-5, \"y\": -1.5e+10, \"z\": 123e0}",
        "{\"ctrl\": \"a\tb\", \"step\": 40}",
        "{\"step\": 1, \"loss\": 0.5}",
    ];

    [Fact]
    public void Tricky_lines_read_the_same_as_with_the_general_reader()
    {
        AssertSame(Tricky);
    }

    [Fact]
    public void Changing_and_reordered_key_layouts_read_the_same_as_with_the_general_reader()
    {
        var random = new Random(7);
        string[] keys = ["train_loss", "test_loss", "train_lr", "epoch", "step", "iter", "n_parameters", "eta", "bbox/AP", "loss", "predict_acc", "train_runtime"];
        var lines = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var count = random.Next(0, keys.Length);
            var chosen = keys.OrderBy(_ => random.Next()).Take(count).Select(k => $"\"{k}\": {Value(random)}");
            lines.Add("{" + string.Join(", ", chosen) + "}");
            if (random.Next(10) == 0)
            {
                lines.Add(Tricky[random.Next(Tricky.Length)]);
            }
        }

        AssertSame(lines);
    }

    [Fact]
    public void Repeated_keys_with_any_spacing_around_the_colon_read_the_same_as_with_the_general_reader()
    {
        // The key cache matches `"key":` at once; every other spacing, and a key that only starts like the cached one,
        // must still read as the general reader reads it.
        var random = new Random(13);
        string[] separators = [": ", ":", " : ", ":  ", "\t:\t", " :"];
        string[] keys = ["train_loss", "train_loss_ce", "train_lr", "test_loss", "epoch", "step"];
        var lines = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var count = random.Next(1, keys.Length + 1);
            var members = keys.Take(count).Select(k =>
            {
                var key = random.Next(20) == 0 ? k + "_x" : random.Next(20) == 0 ? k[..^1] : k;
                return $"\"{key}\"{separators[random.Next(separators.Length)]}{random.NextDouble().ToString("R", CultureInfo.InvariantCulture)}";
            });
            lines.Add("{" + string.Join(random.Next(4) == 0 ? "," : ", ", members) + "}");
        }

        AssertSame(lines);
    }

    [Fact]
    public void Numbers_read_to_the_same_double_as_with_the_general_reader()
    {
        var random = new Random(11);
        var tokens = new List<string>
        {
            "0", "-0", "0.0", "-0.0", "0e5", "1", "-1", "1e-05", "1E+22", "1e23", "1e22", "1e-22", "1.5e-23", "1e0000", "1e00001",
            "9007199254740992", "9007199254740993", "-9007199254740993", "123456789012345678901", "1234567890123456789",
            "0.1", "4.35", "0.000000000000000000001", "0.0000000000000000000001", "0.00000000000000000000001",
            "1.0000000000000000000000000001", "99999999999999999999e-20", "2.2250738585072014e-308", "4.9e-324", "1e400", "-1e400",
            "4503599627370496.5", "4503599627370497.5", "9007199254740993.0", "9007199254740995.0", "-4503599627370496.5",
            "0.45035996273704965", "0.45035996273704975", "1.8446744073709551615", "9.999999999999999999", "0.9999999999999999999",
            "12345678", "123456789", "1234567812345678", "1234567812345678123", "12345678123456781234", "0.12345678",
            "0.00012345678901234567", "0.000123456789012345678", "0.00000000", "10000000.00000000", "99999999.99999999999",
            "1234567890123456789012345.5", "1234567890123456789012345.5e-3", "12345678901234567890.000000001", "-0.00000001e-5",
            "9.999999999999782e-05", "13.951624247222965", "0.8649866608274107", "41302368", "-7.0000000000000001e-300",
            "1.5e-320", "2.2250738585072011e-308", "1.7976931348623158e308", "50000000000000000e-17", "0.50000000000000000",
        };
        for (var i = 0; i < 20000; i++)
        {
            var bits = BitConverter.Int64BitsToDouble(random.NextInt64());
            tokens.Add((double.IsFinite(bits) ? bits : random.NextDouble()).ToString("R", CultureInfo.InvariantCulture));
            tokens.Add((random.NextDouble() * Math.Pow(10, random.Next(-8, 8))).ToString("R", CultureInfo.InvariantCulture));
            tokens.Add(random.NextInt64(-1_000_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture));
            tokens.Add((random.NextDouble() * 100).ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture));
            tokens.Add($"{random.Next(1, 100000)}e{random.Next(-30, 30)}");
            tokens.Add(random.NextDouble().ToString("G17", CultureInfo.InvariantCulture) + $"e-{random.Next(0, 320)}");
            tokens.Add("0." + new string('0', random.Next(0, 12)) + random.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture)[..random.Next(1, 20)]);
        }

        AssertSame(tokens.Select(t => $"{{\"loss\": {t}, \"arr\": [{t}], \"step\": 1}}").ToList());
    }

    private static string Value(Random random) => random.Next(8) switch
    {
        0 => random.Next(0, 100).ToString(CultureInfo.InvariantCulture),
        1 => "NaN",
        2 => $"[{random.NextDouble():R}, {random.Next(5)}]",
        3 => "\"0:01:02\"",
        _ => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
    };

    private static void AssertSame(IReadOnlyList<string> lines)
    {
        var fast = Read(new JsonLinesParser(), lines);
        var general = Read(new JsonLinesParser(flatReader: false), lines);
        fast.Count.ShouldBe(general.Count);
        for (var i = 0; i < fast.Count; i++)
        {
            fast[i].ShouldBe(general[i], $"entry {i}");
        }
    }

    private static List<string> Read(ILineParser parser, IReadOnlyList<string> lines)
    {
        var source = new SourceInfo(0, "log.txt", "log.txt");
        var sink = new DescribingSink();
        for (var i = 0; i < lines.Count; i++)
        {
            var accepted = parser.TryParse(new LogLine(Encoding.UTF8.GetBytes(lines[i]), i + 1, i * 100, source), sink);
            sink.Entries.Add($"line {i + 1} accepted={accepted}: {lines[i]}");
        }

        parser.Complete(sink);
        return sink.Entries;
    }

    private sealed class DescribingSink : IRecordSink
    {
        public List<string> Entries { get; } = [];

        public void OnMetric(in MetricSample sample)
            => Entries.Add($"metric {sample.Name} {sample.Phase} {sample.Kind} {BitConverter.DoubleToInt64Bits(sample.Value):X} line {sample.Line} at {sample.Offset} {sample.Timestamp:O} {Describe(sample.Position)}");

        public void OnEvent(LogEvent logEvent)
            => Entries.Add($"event {logEvent.Kind} {logEvent.Name} {logEvent.Value?.ToString("R", CultureInfo.InvariantCulture)} line {logEvent.Line} {logEvent.Text} {Describe(logEvent.Position)}");

        private static string Describe(Position p)
            => $"epoch {p.Epoch} fraction {p.EpochFraction} epochs {p.Epochs} step {p.Step} steps {p.Steps} iteration {p.Iteration}";
    }
}
