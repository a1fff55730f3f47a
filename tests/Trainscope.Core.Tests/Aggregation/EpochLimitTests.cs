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
}
