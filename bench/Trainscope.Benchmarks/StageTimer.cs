using System.Diagnostics;
using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Formats;
using Trainscope.Formats.Diagnostics;
using Trainscope.Formats.MetricLogger;
using Trainscope.Formats.Text;
using Trainscope.Ingestion;
using Trainscope.Reading;
using Trainscope.Records;

namespace Trainscope.Benchmarks;

/// <summary>
/// `stages FILE`: times each stage of the main path on one file (split, clean, parse, aggregate, analyse), so a slow
/// stage shows up without a profiler. Each row includes the stages above it.
/// </summary>
public static class StageTimer
{
    public static int Run(string path)
    {
        var source = new SourceInfo(0, path, path);
        var mb = new FileInfo(path).Length / 1024.0 / 1024.0;
        for (var round = 1; round <= 2; round++)
        {
            // The first round includes JIT warm-up; the second is the steady state.
            Console.WriteLine($"round {round}");
            Round(path, source, mb);
        }

        return 0;
    }

    private static void Round(string path, SourceInfo source, double mb)
    {
        var inParts = new IngestOptions { ParallelAboveBytes = 0 };
        var inOrder = new IngestOptions { Parallelism = 1 };
        var lines = File.ReadAllLines(path).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        Time("in memory: LinePrefix.Parse", mb, () => Each(lines, source, (in LogLine l) => LinePrefix.Parse(l.Text).BodyStart));
        var observer = new DiagnosticLinesFormat().CreateParser();
        Time("in memory: diagnostics observer", mb, () => Each(lines, source, (in LogLine l) => observer.TryParse(l, NullSink.Instance) ? 1 : 0));
        var parser = new MetricLoggerFormat().CreateParser();
        Time("in memory: metric-logger parser", mb, () => Each(lines, source, (in LogLine l) => parser.TryParse(l, NullSink.Instance) ? 1 : 0));
        var aggregator = new RunAggregator();
        Time("in memory: metric-logger -> RunAggregator", mb, () => Each(lines, source, (in LogLine l) => parser.TryParse(l, aggregator) ? 1 : 0));
        Time("split", mb, () => Split(path, new NullLines()));
        Time("split+clean", mb, () => Split(path, new CleanedLines()));
        Time("parse metric-logger only -> null sink", mb, () => SourceIngestor.Ingest(source, new NullSink(), inOrder with { LineFormats = [new MetricLoggerFormat()] }));
        Time("ingest (detected formats) -> null sink", mb, () => SourceIngestor.Ingest(source, new NullSink(), inOrder));
        Time("ingest -> RunAggregator", mb, () =>
        {
            aggregator = new RunAggregator();
            SourceIngestor.Ingest(source, aggregator, inOrder);
        });
        var collected = new LineCollector();
        SourceIngestor.Ingest(source, collected, inOrder);
        Time($"aggregate only ({collected.Values:N0} values of {collected.Lines.Count:N0} lines replayed)", mb, () =>
        {
            var only = new RunAggregator();
            foreach (var (line, values) in collected.Lines)
            {
                only.OnMetrics(line, values);
            }
        });
        collected = null;
        Time("ingest -> pipelined RunAggregator", mb, () =>
        {
            aggregator = new RunAggregator();
            using var pipeline = new PipelinedSink(aggregator, rankedLinesOnly: true);
            SourceIngestor.Ingest(source, pipeline, inOrder);
            pipeline.Complete();
        });
        var parts = 0;
        Time("ingest in parts -> null sink", mb, () => parts = SourceIngestor.Ingest(source, new NullSink(), inParts).PartsReadAhead);
        Console.WriteLine($"  ({parts} parts read ahead and taken)");
        Time("ingest in parts -> RunAggregator (parts folded apart)", mb, () =>
        {
            aggregator = new RunAggregator();
            parts = SourceIngestor.Ingest(source, aggregator, inParts).PartsReadAhead;
        });
        Console.WriteLine($"  ({parts} parts read ahead and taken)");
        Time("ingest in parts -> pipelined RunAggregator", mb, () =>
        {
            aggregator = new RunAggregator();
            using var pipeline = new PipelinedSink(aggregator, rankedLinesOnly: true);
            SourceIngestor.Ingest(source, pipeline, inParts);
            pipeline.Complete();
        });
        Time("build summary + analyse", mb, () => RunAnalysis.Analyze(aggregator!.Build("bench", path, [])));
    }

    private delegate int LineAction(in LogLine line);

    private static void Each(byte[][] lines, SourceInfo source, LineAction action)
    {
        var number = 0L;
        foreach (var line in lines)
        {
            action(new LogLine(line, ++number, 0, source));
        }
    }

    private static void Split(string path, ILineHandler handler)
    {
        using var stream = File.OpenRead(path);
        new LineSplitter().Split(stream, handler);
    }

    private static void Time(string stage, double mb, Action action)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        action();
        clock.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"{stage,-42} {clock.Elapsed.TotalSeconds,8:0.000} s {mb / clock.Elapsed.TotalSeconds,8:0} MB/s {bytes / 1024.0 / 1024.0,10:0.0} MB allocated");
    }

    private sealed class NullLines : ILineHandler
    {
        public void OnLine(ReadOnlySpan<byte> line, long number, long offset)
        {
        }

        public void OnTooLong(long number, long offset, long length)
        {
        }

        public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
        {
        }
    }

    private sealed class CleanedLines : ILineHandler
    {
        private readonly LineCleaner _cleaner = new();

        public void OnLine(ReadOnlySpan<byte> line, long number, long offset) => _cleaner.Clean(line, out _);

        public void OnTooLong(long number, long offset, long length)
        {
        }

        public void OnPartialLastLine(ReadOnlySpan<byte> start, long number, long offset, long length)
        {
        }
    }

    /// <summary>Takes records and drops them.</summary>
    internal sealed class NullSink : IRecordSink
    {
        public static readonly NullSink Instance = new();

        public long Metrics { get; private set; }

        public void OnMetric(in MetricSample sample) => Metrics++;

        public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values) => Metrics += values.Length;

        public void OnRow(in MetricSample line, ValueLayout layout, ReadOnlySpan<double> row) => Metrics += layout.Count;

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    /// <summary>Keeps every line's values as they were handed over, to replay into an aggregator alone.</summary>
    private sealed class LineCollector : IRecordSink
    {
        public List<(MetricSample Line, MetricValue[] Values)> Lines { get; } = [];

        public long Values { get; private set; }

        public void OnMetric(in MetricSample sample)
        {
            Lines.Add((sample, [new MetricValue(sample.Name, sample.Phase, sample.Value, sample.Average)]));
            Values++;
        }

        public void OnMetrics(in MetricSample line, ReadOnlySpan<MetricValue> values)
        {
            Lines.Add((line, values.ToArray()));
            Values += values.Length;
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }
}
