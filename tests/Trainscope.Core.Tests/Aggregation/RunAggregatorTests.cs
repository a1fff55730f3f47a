using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public class RunAggregatorTests
{
    private static readonly SourceInfo Source = new(0, "x.log", "x.log");

    private static MetricSample Sample(string name, double value, int epoch, long iteration, long perEpoch, DateTime? time = null,
        SampleKind kind = SampleKind.Point, Phase phase = Phase.Train, int? epochs = null)
    {
        var position = new Position { Epoch = epoch, Iteration = iteration, IterationsPerEpoch = perEpoch, Epochs = epochs };
        position.DeriveStep();
        return new MetricSample { Source = Source, Name = name, Value = value, Position = position, Timestamp = time, Kind = kind, Phase = phase, Line = iteration + 1 };
    }

    [Fact]
    public void Series_statistics_follow_the_values()
    {
        var aggregator = new RunAggregator();
        foreach (var (v, i) in new[] { 3.0, 1.0, double.NaN, 2.0 }.Select((v, i) => (v, i)))
        {
            aggregator.OnMetric(Sample("loss", v, 0, i * 10, 100));
        }

        var loss = aggregator.Build("r", "x", []).Find("loss", Phase.Train)!;
        loss.Count.ShouldBe(4);
        loss.NonFiniteCount.ShouldBe(1);
        loss.First!.Value.Value.ShouldBe(3);
        loss.Last!.Value.Value.ShouldBe(2);
        loss.Min!.Value.Value.ShouldBe(1);
        loss.Max!.Value.Value.ShouldBe(3);
        loss.Mean.ShouldBe(2);
        loss.FirstNonFinite!.Value.Step.ShouldBe(20);
        loss.Last!.Value.Step.ShouldBe(30);
    }

    [Fact]
    public void The_job_printed_epoch_mean_wins_over_the_mean_of_logged_batches()
    {
        var aggregator = new RunAggregator();
        aggregator.OnMetric(Sample("loss", 4, 0, 0, 100));
        aggregator.OnMetric(Sample("loss", 2, 0, 50, 100));
        aggregator.OnMetric(Sample("loss", 2.5, 0, 0, 100, kind: SampleKind.EpochMean));
        aggregator.OnMetric(Sample("loss", 1, 1, 0, 100));
        var epochs = aggregator.Build("r", "x", []).Epochs;
        epochs.Count.ShouldBe(2);
        epochs[0].Metrics["loss"].Mean.ShouldBe(2.5);
        epochs[0].Metrics["loss"].Min.ShouldBe(2);
        epochs[1].Metrics["loss"].Mean.ShouldBe(1);
    }

    [Fact]
    public void Progress_and_eta_come_from_positions_and_timestamps()
    {
        var aggregator = new RunAggregator();
        var start = new DateTime(2026, 1, 5, 10, 0, 0);
        // 100 iterations per epoch, 10 epochs, one iteration per second.
        for (var step = 0; step <= 250; step += 10)
        {
            aggregator.OnMetric(Sample("loss", 1, (int)(step / 100), step % 100, 100, start.AddSeconds(step), epochs: 10));
        }

        var progress = aggregator.Build("r", "x", []).Progress;
        progress.Epoch.ShouldBe(2);
        progress.Epochs.ShouldBe(10);
        progress.Step.ShouldBe(250);
        progress.Steps.ShouldBe(1000);
        progress.Fraction!.Value.ShouldBe(0.25, 1e-9);
        progress.EtaSeconds!.Value.ShouldBe(750, 1);
        progress.EtaSource.ShouldBe("observed");
        progress.ElapsedSeconds.ShouldBe(250);
    }
}
