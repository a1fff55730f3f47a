using System.Text;
using Trainscope.Analysis;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Reporting;
using Trainscope.Runs;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Ingestion;

/// <summary>Reading a file in parts on several threads must give the very report reading it in order gives.</summary>
public sealed class ParallelLineReaderTests : IDisposable
{
    private readonly List<string> _written = [];

    private static readonly IngestOptions InOrder = new() { Parallelism = 1, PipelineAboveBytes = long.MaxValue };

    // Tiny parts, so even a fixture is cut in many places, including inside blocks.
    private static readonly IngestOptions InParts = new() { Parallelism = 3, ParallelAboveBytes = 0, PartBytes = 2048, PipelineAboveBytes = long.MaxValue };

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        var root = TestPaths.Corpus("");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".md", StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_file_reads_the_same_in_parts(string relative)
    {
        var path = TestPaths.Corpus(relative);
        Report(path, InParts).ShouldBe(Report(path, InOrder));
    }

    [Fact]
    public void A_metric_logger_log_is_read_in_parts_and_gives_the_same_report()
    {
        var path = WriteLog(MetricLoggerLog(epochs: 12, disturbances: false));
        var (report, parts) = ReportAndParts(path, InParts);
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBeGreaterThan(5);
    }

    [Fact]
    public void Tracebacks_warnings_stray_text_and_relaunches_across_cuts_read_the_same()
    {
        var path = WriteLog(MetricLoggerLog(epochs: 40, disturbances: true));
        var (report, parts) = ReportAndParts(path, InParts);
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBeGreaterThan(5); // the stretch before the open traceback is still read ahead
    }

    public static TheoryData<string> Sinks() => ["aggregator", "pipeline", "few points", "second sink"];

    /// <summary>
    /// Parts are folded apart and merged (straight into the aggregator, or through the pipeline's second thread), or,
    /// when another sink also takes the records, kept and replayed; few points per series make merges downsample.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sinks))]
    public void Parts_merged_or_replayed_give_the_same_report(string sinks)
    {
        var path = WriteLog(MetricLoggerLog(epochs: 40, disturbances: true));
        var (inParts, inOrder, alsoTo) = sinks switch
        {
            "pipeline" => (InParts with { PipelineAboveBytes = 0 }, InOrder, (Func<IRecordSink>?)null),
            "few points" => (InParts with { PointsPerSeries = 16 }, InOrder with { PointsPerSeries = 16 }, null),
            "second sink" => (InParts, InOrder, () => new RecordCollector()),
            _ => (InParts, InOrder, null),
        };

        var (report, parts) = ReportAndParts(path, inParts, alsoTo?.Invoke());
        report.ShouldBe(ReportAndParts(path, inOrder, alsoTo?.Invoke()).Report);
        parts.ShouldBeGreaterThan(5);
    }

    public static TheoryData<string> CsvShapes() => ["header", "header again mid-file", "no header", "comment first"];

    /// <summary>A CSV's parts start from a parser that has read the file's first lines, so they know the header.</summary>
    [Theory]
    [MemberData(nameof(CsvShapes))]
    public void A_csv_history_is_read_in_parts_and_gives_the_same_report(string shape)
    {
        var csv = new StringBuilder();
        if (shape == "comment first")
        {
            csv.Append("# written by train.py\n");
        }

        if (shape != "no header")
        {
            csv.Append("epoch,step,loss,val_loss,lr\n");
        }

        var random = new Random(5);
        for (var row = 0; row < 4000; row++)
        {
            if (shape == "header again mid-file" && row == 2500)
            {
                csv.Append("epoch,step,loss,acc\n"); // a relaunch that logs other columns
            }

            var loss = 2.0 / (1 + row / 100.0) + random.NextDouble() * 0.01;
            csv.Append(shape == "header again mid-file" && row >= 2500
                ? $"{row / 100},{row * 10},{loss:0.00000},{random.NextDouble():0.000}\n"
                : $"{row / 100},{row * 10},{loss:0.00000},{loss * 1.1:0.00000},0.001\n");
        }

        var path = WriteLog(csv.ToString(), ".csv");
        var (report, parts) = ReportAndParts(path, InParts);
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBeGreaterThan(shape == "header again mid-file" ? 20 : 40);
    }

    public static TheoryData<string> RecordShapes() =>
    [
        "detr", "fact from a later record", "relaunch at a cut", "estimate held back", "estimate on every record",
        "inferred epochs", "trainer dicts", "trainer relaunch at a cut",
    ];

    /// <summary>
    /// JSON lines and Trainer dicts carry facts reported once, the last position, inferred epochs and a held-back
    /// estimate from record to record: a part is taken only where its reading on its own gives what reading on gives.
    /// </summary>
    [Theory]
    [MemberData(nameof(RecordShapes))]
    public void Json_lines_and_trainer_dicts_are_read_in_parts_and_give_the_same_report(string shape)
    {
        var path = WriteLog(RecordLog(shape), shape.StartsWith("trainer", StringComparison.Ordinal) ? ".log" : ".jsonl");
        var (report, parts) = ReportAndParts(path, InParts);
        report.ShouldBe(Report(path, InOrder));
        if (shape is "inferred epochs")
        {
            parts.ShouldBeLessThanOrEqualTo(1); // the first part only: every later one depends on the count before it
        }
        else if (shape is not "estimate on every record")
        {
            parts.ShouldBeGreaterThan(20);
        }
    }

    [Fact]
    public void Parts_of_many_epochs_are_kept_as_records_and_give_the_same_report()
    {
        var text = string.Concat(Enumerable.Range(0, 6000).Select(e => $"{{\"train_loss\": {1.0 / (e + 1):0.000000}, \"epoch\": {e}}}\n"));
        var path = WriteLog(text, ".jsonl");
        var (report, parts) = ReportAndParts(path, InParts with { PartBytes = 32 << 10 });
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void Parts_holding_more_values_than_allowed_are_read_in_order_instead()
    {
        var path = WriteLog(MetricLoggerLog(epochs: 12, disturbances: false));
        var (report, parts) = ReportAndParts(path, InParts with { MaxValuesPerPart = 1 });
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBe(0);
    }

    [Fact]
    public void A_file_whose_first_format_never_starts_fresh_is_read_in_order()
    {
        var text = string.Join("\n", Enumerable.Range(1, 3000).Select(i => $"step={i} loss={1.0 / i:0.0000} lr=0.001")) + "\n";
        var path = WriteLog(text);
        var (report, parts) = ReportAndParts(path, InParts);
        report.ShouldBe(Report(path, InOrder));
        parts.ShouldBe(0);
    }

    private static string MetricLoggerLog(int epochs, bool disturbances)
    {
        var log = new StringBuilder();
        log.Append("| distributed init (rank 0): env://\nNamespace(batch_size=64, epochs=12, lr=0.0001)\nnumber of params: 41302368\n");
        var time = new DateTime(2026, 1, 5, 10, 0, 0);
        var random = new Random(3);
        for (var round = 0; round < (disturbances ? 2 : 1); round++)
        {
            for (var epoch = 0; epoch < epochs; epoch++)
            {
                for (var it = 0; it < 40; it += 5)
                {
                    time = time.AddSeconds(7);
                    var loss = 2.0 / (1 + epoch + it / 40.0) + random.NextDouble() * 0.01;
                    log.Append($"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},123 >> Epoch: [{epoch}]  [{it,2}/40]  eta: 0:0{it % 9}:12  lr: 0.000100  loss: {loss:0.0000} ({loss * 1.01:0.0000})  class_error: {random.Next(0, 90)}.12 ({random.Next(0, 90)}.5)  time: 0.4121  data: 0.0101  max mem: 15722\n");
                    if (disturbances && epoch == 24 && it == 20)
                    {
                        log.Append("Traceback (most recent call last):\n  File \"train.py\", line 12, in <module>\n    main()\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB\n");
                    }

                    if (disturbances && epoch == 30 && it == 10)
                    {
                        log.Append("/opt/torch/utils/data.py:88: UserWarning: This DataLoader will create 8 worker processes\n  warnings.warn(\n");
                        log.Append("some stray text nobody parses\n");
                    }
                }

                log.Append($"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},500 >> Epoch: [{epoch}] Total time: 0:00:58 (0.4125 s / it)\n");
                for (var it = 0; it < 20; it += 10)
                {
                    log.Append($"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},600 >> Test:  [{it,2}/20]  eta: 0:00:03  loss: 1.{epoch}21 (1.{epoch}21)  time: 0.1\n");
                }

                log.Append($"[rank0:INFO|misc.py:146] {time:yyyy-MM-dd HH:mm:ss},700 >> Averaged stats:\n    loss: 1.{epoch}0 (1.{epoch}0)\n    class_error: 12.0 (12.0)\n");
                if (disturbances && epoch == 12)
                {
                    // Still open when the next epoch's first line (a place to cut) arrives.
                    log.Append("Traceback (most recent call last):\n  File \"train.py\", line 40, in train_one_epoch\n");
                }

                if (disturbances && epoch == 18)
                {
                    log.Append("/opt/torch/amp.py:12: FutureWarning: torch.cuda.amp.GradScaler is deprecated\n");
                }

                if (disturbances && epoch % 13 == 6)
                {
                    log.Append("\r\n\u001b[32mSaving checkpoint\u001b[0m to output/checkpoint.pth\r\n");
                }
            }
        }

        log.Append("[rank0:INFO|misc.py:146] 2026-01-05 12:00:00,000 >> Training time 2:00:00\n");
        if (disturbances)
        {
            log.Append("[rank0:INFO|misc.py:146] 2026-01-05 12:00:01,000 >> Epoch: [99]  [ 0/40]  eta: 0:00:12  lr: 0.000100  loss: 0.9"); // cut short
        }

        return log.ToString();
    }

    /// <summary>Records of about 100 to 200 bytes; a relaunch, where asked, is the first record of the third part.</summary>
    private static string RecordLog(string shape)
    {
        var log = new StringBuilder();
        var random = new Random(7);
        var relaunchAt = -1L;
        var position = 0;
        for (var record = 0; record < 600; record++, position++)
        {
            if (relaunchAt < 0 && shape.EndsWith("relaunch at a cut", StringComparison.Ordinal) && log.Length >= 3 * InParts.PartBytes)
            {
                relaunchAt = log.Length;
                position = 3;
            }

            var loss = 2.0 / (1 + position / 10.0) + random.NextDouble() * 0.01;
            log.Append(shape switch
            {
                "trainer dicts" or "trainer relaunch at a cut" => position % 50 == 49
                    ? $"{{'eval_loss': {loss:0.0000}, 'eval_runtime': 3.2, 'epoch': {position / 50.0:0.00}}}\n"
                    : $"{{'loss': {loss:0.0000}, 'grad_norm': {random.NextDouble():0.000000}, 'learning_rate': 1e-04, 'epoch': {position / 50.0:0.00}}}\n",
                "estimate held back" or "estimate on every record" =>
                    $"{{\"current_steps\": {position * 10}, \"total_steps\": 6000, \"loss\": {loss:0.0000}, \"epoch\": {position / 100.0:0.00}"
                    + (shape == "estimate on every record" || record < 30 ? $", \"remaining_time\": \"1:{59 - record % 60:00}:13\"}}\n" : "}\n"),
                "inferred epochs" => $"{{\"train_loss\": {loss:0.0000}, \"test_loss\": {loss * 1.1:0.0000}}}\n",
                _ => $"{{\"train_lr\": 0.0001, \"train_loss\": {loss:0.0000}, \"test_loss\": {loss * 1.1:0.0000}, \"epoch\": {position}"
                    + (shape != "fact from a later record" || record >= 250 ? ", \"n_parameters\": 41302368}\n" : "}\n"),
            });
        }

        if (shape.StartsWith("trainer", StringComparison.Ordinal))
        {
            log.Append("{'train_runtime': 812.3, 'train_samples_per_second': 9.1, 'train_loss': 0.4, 'epoch': 12.0}\n");
        }

        return log.ToString();
    }

    public void Dispose()
    {
        foreach (var path in _written)
        {
            File.Delete(path);
        }
    }

    private string WriteLog(string text, string extension = ".log")
    {
        var path = Path.Combine(Path.GetTempPath(), $"trainscope-parts-{Guid.NewGuid():N}{extension}");
        _written.Add(path);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Report(string path, IngestOptions options) => ReportAndParts(path, options).Report;

    private static (string Report, int Parts) ReportAndParts(string path, IngestOptions options, IRecordSink? alsoTo = null)
    {
        var spec = new RunSpec("run", path, [new RunFile(path, Path.GetFileName(path), null)]);
        var summary = RunReader.Read(spec, options, alsoTo);
        using var output = new MemoryStream();
        JsonReportWriter.Write(output, [RunAnalysis.Analyze(summary)], explain: true);
        return (Encoding.UTF8.GetString(output.ToArray()), summary.Sources.Sum(s => s.PartsReadAhead));
    }
}
