using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public class RunAggregatorSeriesCacheTests
{
    private static readonly SourceInfo Source = new(0, "x.log", "x.log");

    private static MetricSample Sample(string name, double value, int epoch, long iteration, int? rank = null)
    {
        var position = new Position { Epoch = epoch, Iteration = iteration, IterationsPerEpoch = 100 };
        position.DeriveStep();
        return new MetricSample { Source = Source, Name = name, Value = value, Position = position, Rank = rank };
    }

    [Fact]
    public void Equal_names_in_different_string_instances_share_one_series_and_one_epoch_stat()
    {
        var aggregator = new RunAggregator();
        aggregator.OnMetric(Sample("loss", 1, 0, 0));
        aggregator.OnMetric(Sample(new string("loss".AsSpan()), 3, 0, 1));

        var run = aggregator.Build("r", "x", []);
        run.Series.ShouldHaveSingleItem().Count.ShouldBe(2);
        var stat = run.Epochs.ShouldHaveSingleItem().Metrics["loss"];
        stat.Count.ShouldBe(2);
        stat.Mean.ShouldBe(2);
    }

    [Fact]
    public void More_series_than_cache_slots_across_epochs_and_ranks_keep_their_own_counts_and_epoch_stats()
    {
        var aggregator = new RunAggregator();
        var names = Enumerable.Range(0, 700).Select(i => $"m{i}").ToArray();
        for (var epoch = 0; epoch < 3; epoch++)
        {
            foreach (var rank in new int?[] { null, 0, 1 })
            {
                foreach (var name in names)
                {
                    aggregator.OnMetric(Sample(name, epoch * 10 + (rank ?? -1), epoch, 5, rank));
                }
            }
        }

        var run = aggregator.Build("r", "x", []);
        run.Series.Count.ShouldBe(700 * 3);
        run.Series.ShouldAllBe(s => s.Count == 3);
        run.Epochs.Count.ShouldBe(3);
        run.Epochs.ShouldAllBe(e => e.Metrics.Count == 700 && e.Metrics.Values.All(m => m.Count == 3 && m.Mean == e.Epoch * 10));
    }

    [Fact]
    public void Extremes_skip_non_finite_values_that_come_first()
    {
        var aggregator = new RunAggregator();
        foreach (var (value, i) in new[] { double.NaN, double.PositiveInfinity, 5.0, 7.0, 2.0 }.Select((v, i) => (v, i)))
        {
            aggregator.OnMetric(Sample("loss", value, 0, i));
        }

        var loss = aggregator.Build("r", "x", []).Find("loss", Phase.Train)!;
        loss.Min!.Value.Value.ShouldBe(2);
        loss.Min!.Value.Step.ShouldBe(4);
        loss.Max!.Value.Value.ShouldBe(7);
        loss.Max!.Value.Step.ShouldBe(3);
    }
}
