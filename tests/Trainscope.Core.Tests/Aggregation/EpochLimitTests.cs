using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public class EpochLimitTests
{
    [Fact]
    public void The_epoch_table_stops_growing_at_its_limit_while_the_series_keeps_every_value()
    {
        var source = new SourceInfo(0, "/run.csv", "run.csv");
        var aggregator = new RunAggregator();
        var epochs = RunAggregator.MaxEpochs + 1000;
        for (var e = 0; e < epochs; e++)
        {
            aggregator.OnMetric(new MetricSample { Source = source, Line = e + 2, Name = "loss", Value = 1.0 / (e + 1), Position = new Position { Epoch = e } });
        }

        var run = aggregator.Build("run", "/run.csv", []);
        run.Epochs.Count.ShouldBe(RunAggregator.MaxEpochs);
        run.EpochsNotKept.ShouldBe(1000);
        run.Find("loss", Phase.Train)!.Count.ShouldBe(epochs);
    }

    /// <summary>
    /// Once the table is full, an epoch past the last kept one is not looked up; one it holds still takes its values,
    /// in any phase, however late it comes back.
    /// </summary>
    [Fact]
    public void A_kept_epoch_that_comes_back_after_the_table_is_full_still_takes_its_values()
    {
        var source = new SourceInfo(0, "/run.csv", "run.csv");
        var aggregator = new RunAggregator();
        var line = 0;
        void Add(int epoch, Phase phase, double value)
            => aggregator.OnMetric(new MetricSample { Source = source, Line = ++line, Name = "loss", Phase = phase, Value = value, Position = new Position { Epoch = epoch } });

        Add(0, Phase.Eval, 7);
        for (var e = 0; e < RunAggregator.MaxEpochs + 10; e++)
        {
            Add(e, Phase.Train, 1);
        }

        Add(RunAggregator.MaxEpochs - 2, Phase.Train, 3);
        Add(0, Phase.Eval, 9);
        Add(RunAggregator.MaxEpochs + 20, Phase.Train, 5);

        var run = aggregator.Build("run", "/run.csv", []);
        run.Epochs.Count.ShouldBe(RunAggregator.MaxEpochs);
        run.EpochsNotKept.ShouldBe(11 + 1);
        var last = run.Epochs.Single(e => e.Epoch == RunAggregator.MaxEpochs - 2 && e.Phase == Phase.Train);
        last.Metrics["loss"].Count.ShouldBe(2);
        last.Metrics["loss"].Max.ShouldBe(3);
        run.Epochs.Single(e => e.Epoch == 0 && e.Phase == Phase.Eval).Metrics["loss"].Mean.ShouldBe(8);
    }

    [Fact]
    public void Parts_merged_past_the_epoch_limit_report_what_reading_in_order_reports()
    {
        // Two lines an epoch (of two values each), cut every 7,001 lines so epochs span cuts on both sides of the limit.
        // A part of that many epochs begun before the table is full is refused and its records passed on in order, as
        // the reader does; parts begun after that drop their epochs as they fold.
        var source = new SourceInfo(0, "/log.txt", "log.txt");
        var lines = (2 * RunAggregator.MaxEpochs) + 3000;
        var inOrder = new RunAggregator();
        var merged = new RunAggregator();
        var refused = 0;
        var folded = 0;
        for (var first = 1; first <= lines; first += 7001)
        {
            var records = new List<(MetricSample Line, MetricValue[] Values)>();
            for (var line = first; line < Math.Min(first + 7001, lines + 1); line++)
            {
                var sample = new MetricSample { Source = source, Line = line, Position = new Position { Epoch = (line - 1) / 2 } };
                records.Add((sample, [new("loss", Phase.Train, 1.0 / line), new("loss", Phase.Test, 2.0 / line)]));
                inOrder.OnMetrics(sample, records[^1].Values);
            }

            var part = merged.StartPart();
            try
            {
                foreach (var (line, values) in records)
                {
                    var inPart = line;
                    inPart.Line -= first - 1;
                    part.OnMetrics(inPart, values);
                }

                merged.MergePart(part, first - 1);
                folded++;
            }
            catch (PartRefusedException)
            {
                refused++;
                foreach (var (line, values) in records)
                {
                    merged.OnMetrics(line, values);
                }
            }
        }

        refused.ShouldBeGreaterThan(0);
        folded.ShouldBeGreaterThan(3);
        var a = merged.Build("run", "/log.txt", []);
        var b = inOrder.Build("run", "/log.txt", []);
        a.EpochsNotKept.ShouldBe(b.EpochsNotKept);
        a.EpochsNotKept.ShouldBeGreaterThan(0);
        a.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
        a.Series.Select(s => $"{s.Name} {s.Key.Phase} {s.Count} {s.Mean:R}").ShouldBe(b.Series.Select(s => $"{s.Name} {s.Key.Phase} {s.Count} {s.Mean:R}"));
    }

    private static string Describe(EpochSummary e)
        => $"{e.Epoch} {e.Phase} {string.Join(",", e.Metrics.Select(m => $"{m.Key}={m.Value.Count}/{m.Value.Sum:R}/{m.Value.Min:R}"))}";
}
