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

    [Fact]
    public void Parts_merged_past_the_epoch_limit_report_what_reading_in_order_reports()
    {
        // Two lines an epoch (of two values each), cut every 7,001 lines so epochs span cuts on both sides of the limit.
        var source = new SourceInfo(0, "/log.txt", "log.txt");
        var lines = (2 * RunAggregator.MaxEpochs) + 3000;
        var inOrder = new RunAggregator();
        var merged = new RunAggregator();
        IRecordSink? part = null;
        var before = 0L;
        for (var line = 1; line <= lines; line++)
        {
            if (line % 7001 == 1)
            {
                if (part is not null)
                {
                    merged.MergePart(part, before);
                }

                before = line - 1;
                part = merged.StartPart();
            }

            var sample = new MetricSample { Source = source, Line = line, Position = new Position { Epoch = (line - 1) / 2 } };
            MetricValue[] values = [new("loss", Phase.Train, 1.0 / line), new("loss", Phase.Test, 2.0 / line)];
            inOrder.OnMetrics(sample, values);
            sample.Line = line - before;
            part!.OnMetrics(sample, values);
        }

        merged.MergePart(part!, before);
        var a = merged.Build("run", "/log.txt", []);
        var b = inOrder.Build("run", "/log.txt", []);
        a.EpochsNotKept.ShouldBe(b.EpochsNotKept);
        a.EpochsNotKept.ShouldBeGreaterThan(0);
        a.Epochs.Select(e => $"{e.Epoch} {e.Phase} {string.Join(",", e.Metrics.Select(m => $"{m.Key}={m.Value.Count}/{m.Value.Sum:R}/{m.Value.Min:R}"))}")
            .ShouldBe(b.Epochs.Select(e => $"{e.Epoch} {e.Phase} {string.Join(",", e.Metrics.Select(m => $"{m.Key}={m.Value.Count}/{m.Value.Sum:R}/{m.Value.Min:R}"))}"));
        a.Series.Select(s => $"{s.Name} {s.Key.Phase} {s.Count} {s.Mean:R}").ShouldBe(b.Series.Select(s => $"{s.Name} {s.Key.Phase} {s.Count} {s.Mean:R}"));
    }
}
