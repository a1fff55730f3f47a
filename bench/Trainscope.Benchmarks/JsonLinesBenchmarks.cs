using System.Text;
using BenchmarkDotNet.Attributes;
using Trainscope.Formats;
using Trainscope.Formats.JsonLines;
using Trainscope.Formats.PythonDict;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>Per-line cost of the JSON-lines and Trainer-dict parsers on generated lines (allocations should stay at zero).</summary>
[MemoryDiagnoser]
public class JsonLinesBenchmarks
{
    private const int Lines = 2000;
    private readonly SourceInfo _source = new(0, "bench.log", "bench.log");
    private readonly CountingSink _sink = new();
    private byte[][] _jsonLines = [];
    private byte[][] _jsonLinesWithNaN = [];
    private byte[][] _compactJsonLines = [];
    private byte[][] _detectron2Lines = [];
    private byte[][] _dicts = [];
    private ILineParser _jsonParser = null!;
    private ILineParser _generalJsonParser = null!;
    private ILineParser _dictParser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jsonLines = Generate(LogGenerator.JsonLines);
        _dicts = Generate(LogGenerator.HfDicts);
        // detectron2 writes bare `NaN`; those lines take the quoting path.
        _jsonLinesWithNaN = _jsonLines.Select(l => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(l).Replace("\"train_loss_ce\": ", "\"train_loss_ce\": NaN, \"x\": ", StringComparison.Ordinal))).ToArray();
        // `json.dumps(..., separators=(",", ":"))`: no space after the colons and commas.
        _compactJsonLines = _jsonLines.Select(l => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(l).Replace("\": ", "\":", StringComparison.Ordinal).Replace(", \"", ",\"", StringComparison.Ordinal))).ToArray();
        // detectron2's `metrics.json`: slash-separated evaluator keys and alternating training and evaluation layouts.
        _detectron2Lines = Enumerable.Range(0, Lines).Select(i => Encoding.UTF8.GetBytes(i % 10 == 9
            ? $"{{\"bbox/AP\": {40 + (i * 0.001)}, \"bbox/AP50\": {60 + (i * 0.002)}, \"bbox/APs\": 21.5, \"iteration\": {i * 20}}}"
            : $"{{\"data_time\": 0.0031{i}, \"eta_seconds\": {90000 - i}.5, \"fast_rcnn/cls_accuracy\": 0.9{i}, \"iteration\": {i * 20}, \"loss_box_reg\": 0.2{i}7, \"loss_cls\": 0.{i}3, \"lr\": 0.02, \"time\": 0.41{i}, \"total_loss\": 1.2{i}e-01}}")).ToArray();
        _jsonParser = new JsonLinesFormat().CreateParser();
        _generalJsonParser = new JsonLinesParser(flatReader: false);
        _dictParser = new PythonDictFormat().CreateParser();
        Run(_jsonParser, _jsonLines); // warm the name tables, as a long file would
        Run(_jsonParser, _detectron2Lines);
        Run(_jsonParser, _compactJsonLines);
        Run(_generalJsonParser, _jsonLines);
        Run(_dictParser, _dicts);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long JsonLine() => Run(_jsonParser, _jsonLines);

    /// <summary>The same lines through <c>Utf8JsonReader</c> only, the path unusual lines take.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long JsonLineGeneralReader() => Run(_generalJsonParser, _jsonLines);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long JsonLineWithNaN() => Run(_jsonParser, _jsonLinesWithNaN);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long CompactJsonLine() => Run(_jsonParser, _compactJsonLines);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long Detectron2MetricsLine() => Run(_jsonParser, _detectron2Lines);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long TrainerDictLine() => Run(_dictParser, _dicts);

    private long Run(ILineParser parser, byte[][] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            parser.TryParse(new LogLine(lines[i], i + 1, 0, _source), _sink);
        }

        return _sink.Metrics;
    }

    private static byte[][] Generate(Action<string, long> generator)
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-bench-{Guid.NewGuid():N}.log");
        try
        {
            generator(path, 1 << 20);
            return File.ReadLines(path).Take(Lines).Select(Encoding.UTF8.GetBytes).ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class CountingSink : IRecordSink
    {
        public long Metrics { get; private set; }

        public void OnMetric(in MetricSample sample) => Metrics++;

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
