using System.Text;
using BenchmarkDotNet.Attributes;
using Trainscope.Formats;
using Trainscope.Formats.Generic;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>The generic fallback on lines of a confirmed family, and on text that never becomes metrics.</summary>
[MemoryDiagnoser]
public class GenericBenchmarks
{
    private const int Lines = 10_000;
    private readonly SourceInfo _source = new(0, "bench.log", "bench.log");
    private byte[][] _metricLines = [];
    private byte[][] _textLines = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _metricLines = Enumerable.Range(0, Lines)
            .Select(i => Encoding.UTF8.GetBytes(
                $"2025-03-02 05:16:20,348 - INFO - Iter {i}: Train loss {random.NextDouble():F3}, Learning Rate 7.000e-05, It/sec 0.999, Trained Tokens {i * 9699:N0}, Peak mem 8.104 GB"))
            .ToArray();
        _textLines = Enumerable.Range(0, Lines)
            .Select(i => Encoding.UTF8.GetBytes($"  File \"/usr/lib/python3.10/site-packages/torch/module_{i}.py\", line {i}, in forward"))
            .ToArray();
    }

    [Benchmark]
    public int MetricFamily() => Feed(_metricLines);

    [Benchmark]
    public int TextNeverMetrics() => Feed(_textLines);

    private int Feed(byte[][] lines)
    {
        var parser = new GenericFormat().CreateParser();
        var sink = new NullSink();
        var claimed = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (parser.TryParse(new LogLine(lines[i], i + 1, 0, _source), sink))
            {
                claimed++;
            }
        }

        return claimed + sink.Count;
    }

    private sealed class NullSink : IRecordSink
    {
        public int Count;

        public void OnMetric(in MetricSample sample) => Count++;

        public void OnEvent(LogEvent logEvent) => Count++;
    }
}
