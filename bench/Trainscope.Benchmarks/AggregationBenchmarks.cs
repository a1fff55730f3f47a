using BenchmarkDotNet.Attributes;
using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// The aggregator's share of the main path: MetricLogger lines parsed once in setup (21 values a line), then folded into
/// one long-lived <see cref="RunAggregator"/> as the parser hands them over, a line at a time. Series are bounded, so
/// the steady state allocates nothing per line.
/// Run with `dotnet run -c Release --project bench/Trainscope.Benchmarks -- --filter '*Aggregation*'`.
/// </summary>
[MemoryDiagnoser]
public class AggregationBenchmarks
{
    private const int Lines = 20_000;
    private readonly List<(MetricSample Line, MetricValue[] Values)> _lines = [];
    private RunAggregator _aggregator = null!;
    private long _step;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-bench-agg-{Environment.ProcessId}.log");
        LogGenerator.MetricLogger(path, 16L << 20);
        var source = new SourceInfo(0, path, path);
        var parser = new MetricLoggerFormat().CreateParser();
        var keeper = new LineKeeper(_lines);
        var number = 0L;
        foreach (var line in File.ReadLines(path).Take(Lines))
        {
            parser.TryParse(new LogLine(System.Text.Encoding.UTF8.GetBytes(line), ++number, 0, source), keeper);
        }

        File.Delete(path);
        _aggregator = new RunAggregator();
        FoldLines(); // series created, bounded copies filled: the steady state of a long log
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long FoldLines()
    {
        // Steps move on with every pass, as in a long run, so the bounded series keep merging.
        var values = 0L;
        foreach (var (line, lineValues) in _lines)
        {
            var sample = line;
            sample.Position.Step = _step++;
            _aggregator.OnMetrics(sample, lineValues);
            values += lineValues.Length;
        }

        return values;
    }

    /// <summary>Keeps each line's values as the parser handed them over.</summary>
    private sealed class LineKeeper(List<(MetricSample, MetricValue[])> lines) : IRecordSink
    {
        public void OnMetric(in MetricSample sample)
            => lines.Add((sample, [new MetricValue(sample.Name, sample.Phase, sample.Value, sample.Average)]));

        public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values) => lines.Add((line, values.ToArray()));

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
