using System.Text;
using Trainscope.Aggregation;
using Trainscope.Formats;
using Trainscope.Ingestion;
using Trainscope.Records;

namespace Trainscope.Tests.Ingestion;

public class SourceIngestorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-ingest-").FullName;

    /// <summary>`loss=1.5` lines only: enough format to see what the pipeline does around it.</summary>
    private sealed class LossFormat : ILineFormat
    {
        public string Name => "loss-test";
        public string Description => "test";
        public string Example => "loss=1.0";
        public double Sniff(FileSample sample) => 1;
        public ILineParser CreateParser() => new Parser();

        private sealed class Parser : ILineParser
        {
            public bool TryParse(in LogLine line, IRecordSink sink)
            {
                if (!line.Text.StartsWith("loss="u8) || !Trainscope.Formats.Text.Utf8Number.TryParse(line.Text[5..], out var value))
                {
                    return false;
                }

                sink.OnMetric(new MetricSample { Source = line.Source, Line = line.Number, Offset = line.Offset, Name = "loss", Value = value });
                return true;
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (SourceSummary Source, RunSummary Run) Ingest(byte[] content)
    {
        var path = Path.Combine(_dir, "run.log");
        File.WriteAllBytes(path, content);
        var aggregator = new RunAggregator();
        var source = new SourceInfo(0, path, "run.log");
        var summary = SourceIngestor.Ingest(source, aggregator, new IngestOptions { LineFormats = [new LossFormat()] });
        return (summary, aggregator.Build("run", path, [summary]));
    }

    [Fact]
    public void Text_between_metric_lines_is_counted_as_unparsed()
    {
        var (source, run) = Ingest("banner\nloss=1.0\nTraceback (most recent call last):\nloss=0.5\n"u8.ToArray());
        run.Find("loss", Phase.Train)!.Count.ShouldBe(2);
        source.Unparsed.ShouldBe(2);
        source.Lines.ShouldBe(4);
        run.Find("loss", Phase.Train)!.Last!.Value.Line.ShouldBe(4);
    }

    [Fact]
    public void Nul_runs_and_binary_junk_are_skipped_and_counted()
    {
        var junk = new byte[300];
        new Random(5).NextBytes(junk);
        junk = junk.Select(b => b == (byte)'\n' || b == (byte)'\r' ? (byte)1 : b).ToArray();
        var content = new List<byte>();
        content.AddRange("loss=1.0\n"u8.ToArray());
        content.AddRange(new byte[4096]);
        content.Add((byte)'\n');
        content.AddRange(junk);
        content.Add((byte)'\n');
        content.AddRange("loss=0.5\n"u8.ToArray());
        var (source, run) = Ingest(content.ToArray());
        source.SkippedByReason["nul"].ShouldBe(1);
        source.SkippedByReason["binary"].ShouldBe(1);
        run.Find("loss", Phase.Train)!.Count.ShouldBe(2);
    }

    [Fact]
    public void A_ten_megabyte_line_is_skipped_without_losing_the_lines_around_it()
    {
        var content = Encoding.ASCII.GetBytes("loss=1.0\n" + new string('x', 10 << 20) + "\nloss=0.5\n");
        var (source, run) = Ingest(content);
        source.SkippedByReason["too-long"].ShouldBe(1);
        run.Find("loss", Phase.Train)!.Last!.Value.Value.ShouldBe(0.5);
        run.Find("loss", Phase.Train)!.Last!.Value.Line.ShouldBe(3);
    }

    [Fact]
    public void A_half_written_last_line_is_not_parsed_as_if_complete()
    {
        var (source, run) = Ingest("loss=1.0\nloss=0.4"u8.ToArray());
        source.SkippedByReason["partial-last-line"].ShouldBe(1);
        run.Find("loss", Phase.Train)!.Count.ShouldBe(1);
    }

    [Fact]
    public void Invalid_utf8_lines_are_kept_and_counted()
    {
        var (source, run) = Ingest([.. "loss=1.0 "u8, 0xC3, 0x28, .. "\nloss=0.5\n"u8]);
        source.InvalidUtf8Lines.ShouldBe(1);
        run.Find("loss", Phase.Train)!.Count.ShouldBe(1); // `loss=1.0 \uFFFD(` is not a clean number for this format
    }

    [Fact]
    public void An_empty_file_gives_an_empty_source()
    {
        var (source, _) = Ingest([]);
        source.Lines.ShouldBe(0);
        source.Records.ShouldBe(0);
    }
}
