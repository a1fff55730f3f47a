using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Trainscope.Formats;
using Trainscope.Formats.PythonDict;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// Per-line cost of the Trainer-dict parser on train, eval and summary dicts (allocations should stay at zero once
/// warm), and of one of its numbers.
/// </summary>
[MemoryDiagnoser]
public class PythonDictBenchmarks
{
    private const int Lines = 2000;
    private readonly SourceInfo _source = new(0, "bench.log", "bench.log");
    private readonly MetricCountingSink _sink = new();
    private byte[][] _trainLines = [];
    private byte[][] _evalLines = [];
    private byte[][] _summaryLines = [];
    private byte[][] _numbers = [];
    private ILineParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture; // the dicts print `0.5`, never `0,5`
        var random = new Random(7);
        _trainLines = Make(i => $"{{'loss': {2 + random.NextDouble():F4}, 'grad_norm': {3 * random.NextDouble():F6}, 'learning_rate': {1e-4 - i * 1e-11:G7}, 'epoch': {i / 2000.0:F2}}}");
        _evalLines = Make(i => $"{{'eval_loss': {1 + random.NextDouble():F4}, 'eval_runtime': {3 + random.NextDouble():F4}, 'eval_samples_per_second': {100 * random.NextDouble():F3}, 'eval_steps_per_second': {10 * random.NextDouble():F3}, 'epoch': {i / 2000.0:F2}}}");
        _summaryLines = Make(i => $"{{'train_runtime': {3600 + i:F4}, 'train_samples_per_second': {50 * random.NextDouble():F3}, 'train_steps_per_second': {random.NextDouble():F3}, 'train_loss': {random.NextDouble():F6}, 'epoch': 3.0}}");
        _numbers = Make(i => (i % 4) switch
        {
            0 => $"{2 + random.NextDouble():F4}",
            1 => $"{3 * random.NextDouble():F6}",
            2 => $"{1e-4 - i * 1e-11:G7}",
            _ => $"{i / 2000.0:F2}",
        });
        _parser = new PythonDictFormat().CreateParser();
        Run(_trainLines); // warm the layouts, as a long file would
        Run(_evalLines);
        Run(_summaryLines);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long TrainDictLine() => Run(_trainLines);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long EvalDictLine() => Run(_evalLines);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long SummaryDictLine() => Run(_summaryLines);

    /// <summary>One value of a train dict (`2.7711`, `1.212488`, `9.999999e-05`, `0.01`), read where it stands.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public double PlainNumber()
    {
        var sum = 0.0;
        foreach (var number in _numbers)
        {
            DictNumber.TryReadPlain(number, 0, out var value, out _, out _);
            sum += value;
        }

        return sum;
    }

    private long Run(byte[][] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            _parser.TryParse(new LogLine(lines[i], i + 1, 0, _source), _sink);
        }

        return _sink.Metrics;
    }

    private static byte[][] Make(Func<int, string> line)
    {
        var lines = new byte[Lines][];
        for (var i = 0; i < Lines; i++)
        {
            lines[i] = Encoding.UTF8.GetBytes(line(i));
        }

        return lines;
    }

    private sealed class MetricCountingSink : IRecordSink
    {
        public long Metrics { get; private set; }

        public void OnMetric(in MetricSample sample) => Metrics++;

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
