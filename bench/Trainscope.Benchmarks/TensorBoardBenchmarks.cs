using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Trainscope.Aggregation;
using Trainscope.Formats.TensorBoard;
using Trainscope.Formats.TensorBoard.Wire;
using Trainscope.Records;
using Trainscope.Reporting;

namespace Trainscope.Benchmarks;

/// <summary>Reading a generated 50 MB TensorBoard event file: framing and CRCs alone, the format alone, and the format into an aggregator.</summary>
[MemoryDiagnoser]
public class TensorBoardBenchmarks
{
    private const long FileBytes = 50L * 1024 * 1024;
    private static readonly string[] Tags = ["train/loss", "train/lr", "train/grad_norm", "Val/Loss", "metrics/mAP50-95(B)", "perf/val_acc1"];
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"trainscope-bench-{Environment.ProcessId}.events.out.tfevents.1700000000.bench");
        Generate(_path, FileBytes);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public long FramingAndCrc()
    {
        using var stream = Open();
        var reader = new TfRecordReader(stream);
        long records = 0;
        while (reader.Next(out _) == TfRecordStatus.Record)
        {
            records++;
        }

        return records;
    }

    [Benchmark]
    public long ReadIntoDiscardingSink()
    {
        using var stream = Open();
        var result = new TensorBoardFormat().Read(stream, new SourceInfo(0, _path, _path), new DiscardingSink());
        return result.Records;
    }

    [Benchmark]
    public long ReadIntoAggregator()
    {
        using var stream = Open();
        var aggregator = new RunAggregator();
        var result = new TensorBoardFormat().Read(stream, new SourceInfo(0, _path, _path), aggregator);
        return result.Records;
    }

    /// <summary>Writes an event file of at least <paramref name="bytes"/>: one scalar event per record, as PyTorch writes them.</summary>
    public static void Generate(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new TfRecordWriter(file);
        writer.Write(new Event { WallTime = 1_700_000_000, FileVersion = "brain.Event:2" }.ToByteArray());
        var random = new Random(1);
        for (long step = 0; file.Length < bytes; step++)
        {
            var summary = new Summary();
            summary.Value.Add(new SummaryValue { Tag = Tags[step % Tags.Length], SimpleValue = (float)random.NextDouble() });
            writer.Write(new Event { WallTime = 1_700_000_000 + step * 0.01, Step = step / Tags.Length, Summary = summary }.ToByteArray());
        }
    }

    private sealed class DiscardingSink : IRecordSink
    {
        public void OnMetric(in MetricSample sample)
        {
        }

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    private FileStream Open() => new(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
}
