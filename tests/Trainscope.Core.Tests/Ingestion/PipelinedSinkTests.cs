using Trainscope.Aggregation;
using Trainscope.Ingestion;
using Trainscope.Records;
using Trainscope.Runs;

namespace Trainscope.Tests.Ingestion;

public class PipelinedSinkTests
{
    private static readonly SourceInfo Source = new(0, "/run.log", "run.log");

    /// <summary>Writes down what arrives, in order, as text.</summary>
    private sealed class Journal : IRecordSink
    {
        public List<string> Entries { get; } = [];
        public int ConsumerThread { get; private set; }

        public void OnMetric(in MetricSample sample)
        {
            ConsumerThread = Environment.CurrentManagedThreadId;
            Entries.Add($"m{sample.Line}:{sample.Value}");
        }

        public void OnEvent(LogEvent logEvent) => Entries.Add($"e{logEvent.Line}");

        public void OnLine(in LineActivity activity) => Entries.Add($"l{activity.Line}");
    }

    private sealed class Failing : IRecordSink
    {
        public void OnMetric(in MetricSample sample) => throw new InvalidDataException("bug in a sink");

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    [Fact]
    public void Every_record_arrives_once_in_order_across_many_batches()
    {
        var journal = new Journal();
        var expected = new List<string>();
        using (var pipeline = new PipelinedSink(journal))
        {
            for (var line = 1; line <= 20_000; line++)
            {
                pipeline.OnLine(new LineActivity(Source, null, line, line * 10, null));
                expected.Add($"l{line}");
                pipeline.OnMetric(new MetricSample { Source = Source, Line = line, Name = "loss", Value = line * 0.5 });
                expected.Add($"m{line}:{line * 0.5}");
                if (line % 97 == 0)
                {
                    pipeline.OnEvent(new LogEvent { Kind = EventKind.Marker, Source = Source, Line = line, Text = "marker" });
                    expected.Add($"e{line}");
                }
            }

            pipeline.Complete();
        }

        journal.Entries.ShouldBe(expected);
        journal.ConsumerThread.ShouldNotBe(Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void Lines_of_values_arrive_whole_and_in_order_even_when_longer_than_a_batch()
    {
        var journal = new Journal();
        var expected = new List<string>();
        using (var pipeline = new PipelinedSink(journal))
        {
            for (var line = 1; line <= 3_000; line++)
            {
                // Line 1,500 holds more values than a batch: it must still arrive, between its neighbours.
                var count = line == 1_500 ? 40_000 : 7;
                var values = Enumerable.Range(0, count).Select(i => new MetricValue("v" + i, Phase.Train, line + i * 0.001)).ToArray();
                pipeline.OnMetrics(new MetricSample { Source = Source, Line = line, Kind = SampleKind.Point }, values);
                expected.AddRange(values.Select(v => $"m{line}:{v.Value}"));
            }

            pipeline.Complete();
        }

        journal.Entries.ShouldBe(expected);
    }

    [Fact]
    public void Activity_of_lines_without_a_rank_is_dropped_only_when_asked()
    {
        var dropping = new Journal();
        var keeping = new Journal();
        using (var a = new PipelinedSink(dropping, rankedLinesOnly: true))
        using (var b = new PipelinedSink(keeping))
        {
            foreach (var sink in new[] { a, b })
            {
                sink.OnLine(new LineActivity(Source, null, 1, 0, null));
                sink.OnLine(new LineActivity(Source, 3, 2, 10, null));
                sink.Complete();
            }
        }

        dropping.Entries.ShouldBe(["l2"]);
        keeping.Entries.ShouldBe(["l1", "l2"]);
    }

    /// <summary>Keeps whole samples, to compare what went in with what came out.</summary>
    private sealed class Keeper : IRecordSink
    {
        public List<MetricSample> Samples { get; } = [];

        public void OnMetric(in MetricSample sample) => Samples.Add(sample);

        public void OnEvent(LogEvent logEvent)
        {
        }
    }

    [Fact]
    public void Values_sharing_a_line_come_out_whole_with_their_own_names_values_and_averages()
    {
        var sent = new List<MetricSample>();
        var time = new DateTime(2026, 1, 5, 10, 0, 0);
        for (var line = 1; line <= 3000; line++)
        {
            for (var v = 0; v < 5; v++)
            {
                sent.Add(new MetricSample
                {
                    Source = Source, Line = line, Offset = line * 100, Timestamp = time.AddSeconds(line), Rank = line % 2,
                    Phase = v == 4 ? Phase.Eval : Phase.Train, Position = new Position { Epoch = line / 100, Iteration = line % 100, Step = line },
                    Name = $"m{v}", Value = line + v * 0.1, Average = v % 2 == 0 ? line * 0.5 : null,
                });
            }
        }

        var keeper = new Keeper();
        using (var pipeline = new PipelinedSink(keeper))
        {
            foreach (var sample in sent)
            {
                pipeline.OnMetric(sample);
            }

            pipeline.Complete();
        }

        keeper.Samples.ShouldBe(sent);
    }

    [Fact]
    public void A_failing_sink_is_reported_when_the_pipeline_completes()
    {
        using var pipeline = new PipelinedSink(new Failing());
        for (var i = 0; i < 10_000; i++)
        {
            pipeline.OnMetric(new MetricSample { Source = Source, Name = "loss", Value = i });
        }

        Should.Throw<InvalidOperationException>(pipeline.Complete).InnerException.ShouldBeOfType<InvalidDataException>();
    }

    [Fact]
    public void A_run_read_through_the_pipeline_equals_the_run_read_directly()
    {
        var fixture = Path.Combine(Support.TestPaths.RepoRoot, "tests", "fixtures", "epoch-progress", "train_ddp_zh.log");
        var spec = new RunSpec("zh", fixture, [new RunFile(fixture, "train_ddp_zh.log", null)]);
        var direct = RunReader.Read(spec, new IngestOptions { PipelineAboveBytes = long.MaxValue });
        var piped = RunReader.Read(spec, new IngestOptions { PipelineAboveBytes = 0 });
        piped.Series.Select(Describe).ShouldBe(direct.Series.Select(Describe));
        piped.Epochs.Select(e => (e.Epoch, e.Phase, e.Seconds, e.Metrics.Count)).ShouldBe(direct.Epochs.Select(e => (e.Epoch, e.Phase, e.Seconds, e.Metrics.Count)));
        piped.Events.Count.ShouldBe(direct.Events.Count);
        piped.Progress.ShouldBe(direct.Progress);
    }

    private static string Describe(SeriesSummary s)
        => $"{s.Key} n={s.Count} first={s.First?.Value} last={s.Last?.Value}@{s.Last?.Line} min={s.Min?.Value} max={s.Max?.Value} mean={s.Mean}";
}
