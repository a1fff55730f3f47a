using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Formats.Text;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.MetricLogger;

/// <summary>
/// A line laid out as the last one is read in one pass over its bytes; whatever it yields must be what a parser that
/// reads every line the general way yields, record for record and bit for bit.
/// </summary>
public class LineShapeTests
{
    private static readonly SourceInfo Source = new(0, "/log.txt", "log.txt");

    private const string Head = "[rank0:INFO|misc.py:146] 2026-01-05 10:00:01,424 >> Epoch: [3]  [ 10/100]  ";

    private static void ShouldReadAsTheGeneralPath(IEnumerable<string> lines, string? label = null)
    {
        var shaped = new MetricLoggerParser();
        var general = new MetricLoggerParser(reuseLayouts: false);
        var viaShape = new RecordCollector();
        var viaGeneral = new RecordCollector();
        var number = 0;
        foreach (var text in lines)
        {
            var line = LogLine.FromString(text, Source, ++number);
            shaped.TryParse(line, viaShape).ShouldBe(general.TryParse(line, viaGeneral), text);
        }

        viaShape.Metrics.Count.ShouldBe(viaGeneral.Metrics.Count, label);
        for (var i = 0; i < viaShape.Metrics.Count; i++)
        {
            Describe(viaShape.Metrics[i]).ShouldBe(Describe(viaGeneral.Metrics[i]), label);
        }

        viaShape.Events.Select(e => (e.Kind, e.Name, e.Value, e.Line)).ShouldBe(viaGeneral.Events.Select(e => (e.Kind, e.Name, e.Value, e.Line)), label);
    }

    private static string Describe(MetricSample s)
        => $"{s.Line} {s.Name} {s.Phase} {s.Kind} {BitConverter.DoubleToInt64Bits(s.Value):X} {(s.Average is double a ? BitConverter.DoubleToInt64Bits(a).ToString("X") : "-")} {s.Position.Epoch} {s.Position.Iteration} {s.Position.Step} {s.Timestamp:O}";

    [Fact]
    public void Every_line_of_the_corpus_reads_as_the_general_path_reads_it()
    {
        var files = Directory.GetFiles(TestPaths.Corpus(""), "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).ToList();
        files.ShouldNotBeEmpty();
        var metricLoggerLines = 0;
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            metricLoggerLines += lines.Count(l => l.Contains("  [", StringComparison.Ordinal) && l.Contains("eta: ", StringComparison.Ordinal));
            ShouldReadAsTheGeneralPath(lines, file);
        }

        metricLoggerLines.ShouldBeGreaterThan(1000);
    }

    public static TheoryData<string> Variants() =>
    [
        "loss: 0.4620 (0.4907)  lr: 0.000100",
        "lass: 0.4620 (0.4907)  lr: 0.000100",
        "loss: 0.4620 (0.4907)  lx: 0.000100",
        "Loss: 0.4620 (0.4907)  lr: 0.000100",
        "loss: 0.4620 (0.4907)   lr: 0.000100",
        "loss:  0.4620 (0.4907)  lr: 0.000100",
        "loss: 0.4620  (0.4907)  lr: 0.000100",
        "loss: 0.4620 (0.4907 )  lr: 0.000100",
        "loss: 0.4620(0.4907)  lr: 0.000100",
        "loss: 0.4620 ()  lr: 0.000100",
        "loss: 0.4620  lr: 0.000100",
        "loss: -0.4620 (-0.4907)  lr: -0.000100",
        "loss: -0 (-0.0)  lr: 0.",
        "loss: .5 (5.)  lr: 1.2.3",
        "loss: 1e-05 (1E+3)  lr: 5.0000e+00",
        "loss: nan (nan)  lr: inf",
        "loss: -inf (NaN)  lr: Infinity",
        "loss: 123456789012345 (1234567890123456)  lr: 0.00000000000001",
        "loss: 12345678.12345678 (99999999999999999999)  lr: 0.000000000000000000001",
        "loss: 197.9534 (12345678)  lr: 123456789",
        "loss: 0.4620x (0.4907)  lr: 0.000100",
        "loss: 0.4620 (0.4907)x  lr: 0.000100",
        "loss: 0.4620 (0.4907)",
        "loss: 0.4620 (0.4907",
        "loss: 0.4620 0.4907)  lr: 0.1",
        "loss: 1,234 (0.5)  lr: 0.1",
        "loss: 0.4620 (0.4907)  lr: 0.000100  extra: 1",
        "loss: 0.4620 (0.4907)  stray text  lr: 0.000100",
        "lr: 0.000100",
        "verlust_größe: 0.4620 (0.4907)  学习率: 0.000100",
        "test_loss: 0.4620 (0.4907)  val/acc: 0.5",
        "loss: 0.4620 (0.4907)\tlr: 0.000100",
        "loss: 0.4620 (0.4907)  lr: 0.000100  ",
        "loss : 0.4620 (0.4907)  lr: 0.000100",
        "loss: 0.4620 (0.4907)  lr:",
        "loss: 0.4620 (0.4907)  : 0.1",
        "loss: 0.4620 (0.4907)  max mem: 15722",
    ];

    public static TheoryData<string> Etas() =>
    [
        "0:43:12", "12:00:00", "1 day, 2:53:16", "3 days, 0:10:27", "0:00:00.5", "43:12", "0:43:123", "0:4:12", "0:43:12:01",
        "1234567890:00:00", "1 days, 0:00:01", "1 day,  2:53:16", "2 weeks, 0:00:01", "", "-0:43:12", "0:43:12x", "0:43:1",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void An_odd_line_after_a_regular_one_reads_as_the_general_path_reads_it(string fields)
    {
        const string regular = "eta: 0:43:12  loss: 0.4620 (0.4907)  lr: 0.000100";
        ShouldReadAsTheGeneralPath([Head + regular, Head + "eta: 0:43:11  " + fields, Head + regular, Head + "eta: 0:43:10  " + fields, Head + "eta: 0:43:09  " + fields]);
    }

    [Theory]
    [MemberData(nameof(Etas))]
    public void An_eta_in_any_form_reads_as_the_general_path_reads_it(string eta)
    {
        string[] lines = [Head + "eta: 0:43:12  loss: 0.4620 (0.4907)", Head + $"eta: {eta}  loss: 0.4620 (0.4907)", Head + $"eta: {eta}  loss: 0.4621 (0.4908)", Head + "eta: 0:43:12  loss: 0.4620 (0.4907)"];
        ShouldReadAsTheGeneralPath(lines);
    }

    [Fact]
    public void Numbers_of_every_width_and_place_read_as_the_general_path_reads_them()
    {
        // Widths that fit one eight-byte word and widths that spill over it, at the end of the line and before more text.
        var random = new Random(5);
        var lines = new List<string>();
        for (var i = 0; i < 4000; i++)
        {
            var whole = new string('7', random.Next(0, 10));
            var fraction = new string('3', random.Next(0, 10));
            var value = (random.Next(4) == 0 ? "-" : "") + whole + (random.Next(3) == 0 ? "" : ".") + fraction;
            var average = random.Next(3) == 0 ? "" : $" ({random.NextDouble() * Math.Pow(10, random.Next(-3, 8)):0.#####})";
            lines.Add(Head + $"eta: 0:00:0{i % 10}  loss: {value}{average}  lr: {random.Next(1000)}.{random.Next(100000)}  max mem: {value}");
        }

        ShouldReadAsTheGeneralPath(lines);
    }

    [Fact]
    public void Fixed_seed_damage_to_repeated_lines_reads_as_the_general_path_reads_it()
    {
        var random = new Random(13);
        var seed = File.ReadAllLines(TestPaths.Corpus("metriclogger/detr_test_dcmha_8gpu_stdout.txt")).Where(l => l.Contains("eta: ", StringComparison.Ordinal)).Take(400).ToList();
        var lines = new List<string>();
        foreach (var text in seed)
        {
            lines.Add(text);
            var chars = text.ToCharArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                chars[random.Next(chars.Length)] = " ()x:9.-e,"[random.Next(10)];
            }

            lines.Add(new string(chars));
            lines.Add(text);
        }

        ShouldReadAsTheGeneralPath(lines);
    }

    [Fact]
    public void Lines_that_differ_from_the_last_only_in_digits_read_as_the_general_path_reads_them()
    {
        // Same length, other digits anywhere (values, averages, eta, labels such as `acc_action_5`, the head): the
        // template path reads these; digits in labels or a sign or dot moved must send the line elsewhere.
        string[] shapes =
        [
            "eta: 0:43:12  lr: 0.000005  acc_action_5: 0.2215 (0.2215)  z_loss: 197.9534 (197.9534)  grad_norm: 12345678.5 (0.5655)  time: 14.6153  data: 0.0008  max mem: 15722",
            "loss: 1 (2)  x: -0.5 (-12.25)  y: 0.000000001 (7.)  z: 123456789012345  w: 12345678",
            "a: 5  eta: 1 day, 2:53:16  b: -1234567.5 (0.1)  c: 99999999",
        ];
        var random = new Random(29);
        foreach (var shape in shapes)
        {
            var lines = new List<string>();
            var first = Head + shape;
            for (var i = 0; i < 3000; i++)
            {
                var chars = first.ToCharArray();
                for (var j = 0; j < chars.Length; j++)
                {
                    if (char.IsAsciiDigit(chars[j]) && random.Next(3) == 0)
                    {
                        chars[j] = (char)('0' + random.Next(10));
                    }
                }

                if (random.Next(10) == 0)
                {
                    // A sign, dot or digit where the learned line had something else (or the reverse).
                    chars[random.Next(Head.Length, chars.Length)] = "-.5 "[random.Next(4)];
                }

                lines.Add(new string(chars));
            }

            ShouldReadAsTheGeneralPath(lines, shape);
        }
    }

    [Fact]
    public void Lines_that_take_turns_among_several_widths_read_as_the_general_path_reads_them()
    {
        // Values that gain and lose a digit give a family a handful of shapes, more than the templates kept.
        var random = new Random(31);
        var lines = new List<string>();
        for (var i = 0; i < 5000; i++)
        {
            var loss = random.NextDouble() * Math.Pow(10, random.Next(0, 3));
            var z = -random.NextDouble() * Math.Pow(10, random.Next(0, 4));
            lines.Add(Head + $"eta: 0:{random.Next(60):00}:{random.Next(60):00}  loss: {loss:0.0000} ({loss / 2:0.0000})  z: {z:0.0000} ({z:0.00})  time: {random.Next(1, 200) / 10.0:0.0000}  max mem: {random.Next(900, 20000)}");
        }

        ShouldReadAsTheGeneralPath(lines);
    }

    /// <summary>
    /// A family's lines whose numbers change widths are read by several templates, yet go out as rows of one layout, so
    /// a sink that matched its names once takes every later row by the layout's reference.
    /// </summary>
    [Fact]
    public void Templates_of_one_family_hand_rows_over_in_one_layout()
    {
        var parser = new MetricLoggerParser();
        var rows = new RowRecorder();
        var random = new Random(7);
        var lines = Enumerable.Range(0, 400).Select(i =>
            Head + $"eta: 0:43:12  lr: 0.000100  loss: {random.Next(1, 1000) / 100.0:F4} ({random.NextDouble():F4})  z_loss: {random.Next(1, 100000) / 100.0:F4}  max mem: 15722").ToList();
        var number = 0;
        foreach (var text in lines)
        {
            parser.TryParse(LogLine.FromString(text, Source, ++number), rows).ShouldBeTrue();
        }

        rows.Rows.ShouldBeGreaterThan(300);
        rows.Layouts.Count.ShouldBe(1);
        var layout = rows.Layouts.Single();
        layout.Names.ToArray().ShouldBe(["lr", "loss", "z_loss", "max mem"]);
        Enumerable.Range(0, layout.Count).Select(layout.HasAverage).ShouldBe([false, true, false, false]);
        ShouldReadAsTheGeneralPath(lines);
    }

    private sealed class RowRecorder : IRecordSink
    {
        public HashSet<ValueLayout> Layouts { get; } = new(ReferenceEqualityComparer.Instance);

        public int Rows { get; private set; }

        public void OnMetric(in MetricSample sample)
        {
        }

        public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row)
        {
            Layouts.Add(layout);
            Rows++;
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
