using BenchmarkDotNet.Attributes;
using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Formats.MetricLogger;
using Trainscope.Formats.Text;
using Trainscope.Ingestion;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// The MetricLogger main path, per line: the parser alone on lines in memory (steady state: 0 B allocated per line),
/// the prefix as ingestion reads it (one <see cref="LinePrefixCache"/> per source) with the parser, and the whole
/// `SourceIngestor` path (split, clean, prefix, observers, dispatch) into a <see cref="RunAggregator"/>.
/// Run with `dotnet run -c Release --project bench/Trainscope.Benchmarks -- --filter '*MetricLogger*'`.
/// </summary>
[MemoryDiagnoser]
public class MetricLoggerBenchmarks
{
    private const int Lines = 20_000;
    private byte[][] _lines = [];
    private string _path = "";
    private SourceInfo _source = null!;
    private ILineParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"trainscope-bench-{Environment.ProcessId}.log");
        LogGenerator.MetricLogger(_path, 8L << 20);
        _lines = File.ReadLines(_path).Take(Lines).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        File.WriteAllLines(_path, File.ReadLines(_path).Take(Lines).ToArray());
        _source = new SourceInfo(0, _path, _path);
        _parser = new MetricLoggerFormat().CreateParser();

        // Reach the steady state (names interned, layouts cached) before measuring.
        ParseLines();
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(OperationsPerInvoke = Lines)]
    public long ParseLines()
    {
        var sink = new DiscardingSink();
        var number = 0L;
        foreach (var line in _lines)
        {
            _parser.TryParse(new LogLine(line, ++number, 0, _source), sink);
        }

        return sink.Metrics;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long CachedPrefixThenParse()
    {
        var sink = new DiscardingSink();
        var prefixes = new LinePrefixCache();
        var number = 0L;
        foreach (var line in _lines)
        {
            _parser.TryParse(new LogLine(line, ++number, 0, _source, prefixes.Parse(line)), sink);
        }

        return sink.Metrics;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long IngestIntoAggregator()
    {
        var aggregator = new RunAggregator();
        return SourceIngestor.Ingest(_source, aggregator, new IngestOptions()).Records;
    }

    /// <summary>Counts records and keeps nothing, so only the parser's own cost is measured.</summary>
    private sealed class DiscardingSink : IRecordSink
    {
        public long Metrics { get; private set; }

        public void OnMetric(in MetricSample sample) => Metrics++;

        public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values) => Metrics += values.Length;

        public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row) => Metrics += layout.Count;

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
