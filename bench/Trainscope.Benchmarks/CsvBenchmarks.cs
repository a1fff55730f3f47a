using BenchmarkDotNet.Attributes;
using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Formats.Csv;
using Trainscope.Ingestion;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// The csv-history format on a generated 12-column epoch history: the parser alone over lines already split, and the
/// whole `analyze` read (splitter, cleaner, detection, dispatch, aggregation). Bytes per operation are in the name.
/// </summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private const long Bytes = 16L << 20;
    private readonly SourceInfo _source = new(0, "bench.csv", "bench.csv");
    private string _path = "";
    private byte[] _content = [];
    private (int Start, int Length)[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"trainscope-csv-bench-{Environment.ProcessId}.csv");
        LogGenerator.Csv(_path, Bytes);
        _content = File.ReadAllBytes(_path);
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < _content.Length; i++)
        {
            if (_content[i] == (byte)'\n')
            {
                lines.Add((start, i - start));
                start = i + 1;
            }
        }

        _lines = [.. lines];
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    /// <summary>Rows through <see cref="CsvHistoryFormat"/>'s parser into a sink that only counts: the format's own cost.</summary>
    [Benchmark]
    public long Parse16MB()
    {
        var parser = new CsvHistoryFormat().CreateParser();
        var sink = new CountingOnly();
        long number = 0;
        foreach (var (start, length) in _lines)
        {
            parser.TryParse(new LogLine(_content.AsSpan(start, length), ++number, start, _source), sink);
        }

        return sink.Count;
    }

    /// <summary>Every cell of the file through <see cref="PlainDecimal.TryScan"/> alone: the number reader a row's cost starts from.</summary>
    [Benchmark]
    public double ScanNumbers16MB()
    {
        double sum = 0;
        foreach (var (start, length) in _lines)
        {
            var line = _content.AsSpan(start, length);
            var i = 0;
            while (i < line.Length)
            {
                if (PlainDecimal.TryScan(line, ref i, out var value))
                {
                    sum += value;
                }

                var next = line[i..].IndexOf((byte)',');
                if (next < 0)
                {
                    break;
                }

                i += next + 1;
            }
        }

        return sum;
    }

    /// <summary>The file read as `analyze` reads it, into a <see cref="RunAggregator"/>.</summary>
    [Benchmark]
    public long Ingest16MB()
    {
        var aggregator = new RunAggregator();
        var summary = SourceIngestor.Ingest(new SourceInfo(0, _path, "bench.csv"), aggregator, new IngestOptions());
        return summary.Records;
    }

    /// <summary>Only the line splitter over the same file, as the floor the two above stand on.</summary>
    [Benchmark(Baseline = true)]
    public long Split16MB()
    {
        using var stream = new MemoryStream(_content, writable: false);
        var handler = new LineCounter();
        new LineSplitter().Split(stream, handler);
        return handler.Count;
    }

    private sealed class CountingOnly : IRecordSink
    {
        public long Count { get; private set; }

        public void OnMetric(in MetricSample sample) => Count++;

        // A row's values at once, as the aggregator takes them: counting them one by one would time the adapter instead.
        public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values) => Count += values.Length;

        public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row) => Count += layout.Count;

        public void OnEvent(LogEvent logEvent) => Count++;
    }

    private sealed class LineCounter : ILineHandler
    {
        public long Count { get; private set; }

        public void OnLine(ReadOnlySpan<byte> line, long number, long offset) => Count++;

        public void OnTooLong(long number, long offset, long length)
        {
        }

        public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
        {
        }
    }
}
