using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Trainscope.Formats;
using Trainscope.Formats.Diagnostics;
using Trainscope.Formats.Text;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// The diagnostics observer on ordinary lines of each family, which it sees on every file and should dismiss at once:
/// ns a line and 0 B allocated a line. The prefix is read in setup, as the dispatcher reads it once for every parser.
/// Run with `dotnet run -c Release --project bench/Trainscope.Benchmarks -- --filter '*Diagnostics*'`.
/// </summary>
[MemoryDiagnoser]
public class DiagnosticsBenchmarks
{
    // Few enough that the lines stay in L2, as the line the dispatcher hands over has just been read and cleaned.
    private const int Lines = 1_000;
    private byte[][] _lines = [];
    private LinePrefix[] _prefixes = [];
    private SourceInfo _source = null!;
    private ILineParser _observer = null!;

    [Params("metriclogger", "metriclogger-prefixed", "hf-dict", "csv", "jsonl", "tqdm")]
    public string Family { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _lines = FamilyLines(Family).Take(Lines).Select(Encoding.UTF8.GetBytes).ToArray();
        _prefixes = _lines.Select(l => LinePrefix.Parse(l)).ToArray();
        _source = new SourceInfo(0, "bench.log", "bench.log");
        _observer = new DiagnosticLinesFormat().CreateParser();
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int Observe()
    {
        var claimed = 0;
        var lines = _lines;
        for (var i = 0; i < lines.Length; i++)
        {
            claimed += _observer.TryParse(new LogLine(lines[i], i + 1, 0, _source, _prefixes[i]), DroppingSink.Instance) ? 1 : 0;
        }

        return claimed;
    }

    private static IEnumerable<string> FamilyLines(string family) => family switch
    {
        "metriclogger" => MetricLoggerLines(),
        "metriclogger-prefixed" => FromGenerator(LogGenerator.MetricLogger),
        "hf-dict" => FromGenerator(LogGenerator.HfDicts),
        "csv" => FromGenerator(LogGenerator.Csv),
        "jsonl" => FromGenerator(LogGenerator.JsonLines),
        "tqdm" => TqdmLines(),
        _ => throw new ArgumentException("unknown family " + family, nameof(family)),
    };

    /// <summary>The first lines of a small log written by the generator the end-to-end benchmarks use.</summary>
    private static List<string> FromGenerator(Action<string, long> write)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-diagnostics-bench-{Environment.ProcessId}.log");
        try
        {
            write(path, 4L << 20);
            return File.ReadLines(path).Take(Lines).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>DETR's stdout shape without a logging prefix: many `_error` and `_unscaled` meters, an `(average)` each.</summary>
    private static IEnumerable<string> MetricLoggerLines()
    {
        var random = new Random(5);
        string[] names = ["loss", "loss_bbox", "loss_ce", "loss_giou", "cardinality_error_unscaled", "class_error_unscaled", "loss_bbox_unscaled", "loss_giou_unscaled"];
        for (var it = 0; ; it++)
        {
            var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Epoch: [{it / 128}]  [{it % 128,3}/128]  eta: 0:02:08  lr: 0.000100  class_error: {random.NextDouble() * 100:0.00}");
            foreach (var name in names)
            {
                line.Append(CultureInfo.InvariantCulture, $"  {name}: {random.NextDouble() * 5:0.0000} ({random.NextDouble() * 5:0.0000})");
            }

            yield return line.Append(CultureInfo.InvariantCulture, $"  time: {random.NextDouble():0.0000}  data: 0.2635  max mem: 3123").ToString();
        }
    }

    /// <summary>Lightning and Trainer progress bars, with their multi-byte block characters.</summary>
    private static IEnumerable<string> TqdmLines()
    {
        var random = new Random(6);
        for (var it = 0; ; it++)
        {
            var done = it % 1000;
            var bar = new string('█', done / 100) + "▌" + new string(' ', 9 - (done / 100));
            yield return it % 2 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"Epoch {it / 1000}:  {done / 10,2}%|{bar}| {done}/1000 [01:23<01:42,  {random.NextDouble() * 9:0.00}it/s, loss={random.NextDouble():0.000}, v_num=0]")
                : string.Create(CultureInfo.InvariantCulture, $" {done / 10,2}%|{bar}| {done}/1000 [00:31<03:50,  {random.NextDouble() * 9:0.00}it/s]");
        }
    }

    private sealed class DroppingSink : IRecordSink
    {
        public static readonly DroppingSink Instance = new();

        public void OnMetric(in MetricSample sample)
        {
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
