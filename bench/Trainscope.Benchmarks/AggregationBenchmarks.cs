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
    private IRecordSink? _folded;
    private int _epochs;

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

    /// <summary>
    /// The side of reading in parts that runs on the reading cores: the same lines folded into a part of their own
    /// (values into the part's table, line bookkeeping into its log). <see cref="MergeFoldedPart"/> is the other side.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long FoldLinesIntoPart()
    {
        var part = _aggregator.StartPart();
        var values = FoldInto(part);
        _aggregator.MergePart(part, 0);
        return values;
    }

    [IterationSetup(Target = nameof(MergeFoldedPart))]
    public void FoldPartToMerge()
    {
        _folded = _aggregator.StartPart();
        FoldInto(_folded);
    }

    /// <summary>The side of reading in parts that stays on one thread: merging a folded part into the run, in order.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public void MergeFoldedPart() => _aggregator.MergePart(_folded!, 0);

    private long FoldInto(IRecordSink part)
    {
        var values = 0L;
        foreach (var (line, lineValues) in _lines)
        {
            var sample = line;
            sample.Position.Step = _step++;
            sample.Position.Epoch += _epochs;
            part.OnMetrics(sample, lineValues);
            values += lineValues.Length;
        }

        // Epochs move on with every part, as in a long run (the part's first epoch may go on from the last one).
        _epochs += _lines[^1].Line.Position.Epoch ?? 0;
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
