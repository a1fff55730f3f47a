using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

/// <summary>A line's values handed over together must aggregate exactly as the same values one at a time.</summary>
public class RunAggregatorLineTests
{
    private static readonly SourceInfo Source = new(0, "/run.log", "run.log") { Rank = 1 };

    [Fact]
    public void Values_of_a_line_aggregate_as_the_same_values_one_by_one()
    {
        var together = new RunAggregator(pointCapacity: 64);
        var oneByOne = new RunAggregator(pointCapacity: 64);
        var random = new Random(7);
        var names = new[] { "loss", "lr", "acc", "test_loss", "epoch_seconds" };
        for (var line = 1; line <= 5_000; line++)
        {
            var epoch = line / 700;
            var head = new MetricSample
            {
                Source = Source,
                Rank = line % 3 == 0 ? 2 : null,
                Line = line,
                Offset = line * 100L,
                Timestamp = new DateTime(2026, 1, 5).AddSeconds(line),
                Phase = Phase.Train,
                Kind = line % 500 == 0 ? SampleKind.EpochMean : SampleKind.Point,
                Position = new Position { Epoch = epoch, Iteration = line % 700, IterationsPerEpoch = 700, Step = line % 11 == 0 ? null : line },
            };

            // Lines mix phases (eval values among train ones), change layout now and then, and hold NaN.
            var count = 2 + line % 4;
            var values = Enumerable.Range(0, count).Select(i => new MetricValue(
                names[(i + line / 1000) % names.Length],
                i == 3 ? Phase.Eval : Phase.Train,
                line % 97 == 0 && i == 0 ? double.NaN : random.NextDouble() * 10 + epoch,
                i == 1 ? random.NextDouble() : null)).ToArray();
            together.OnMetrics(head, values);
            var sample = head;
            foreach (var value in values)
            {
                (sample.Name, sample.Phase, sample.Value, sample.Average) = (value.Name, value.Phase, value.Value, value.Average);
                oneByOne.OnMetric(sample);
            }
        }

        var a = together.Build("run", "/run", []);
        var b = oneByOne.Build("run", "/run", []);
        a.Series.Select(Describe).ShouldBe(b.Series.Select(Describe));
        a.Epochs.Select(Describe).ShouldBe(b.Epochs.Select(Describe));
        a.Ranks.Select(r => $"{r.Rank} {r.Records} {r.LastEpoch} {r.LastStep}").ShouldBe(b.Ranks.Select(r => $"{r.Rank} {r.Records} {r.LastEpoch} {r.LastStep}"));
        a.Progress.ShouldBe(b.Progress);
    }

    private static string Describe(SeriesSummary s)
        => $"{s.Key} n={s.Count} finite={s.FiniteCount} first={s.First} last={s.Last} min={s.Min} max={s.Max} nan={s.FirstNonFinite} "
            + $"mean={s.Mean} sd={s.StandardDeviation} axis={s.Axis} points={string.Join(";", s.Points())}";

    private static string Describe(EpochSummary e)
        => $"{e.Epoch} {e.Phase} {e.FirstTime} {e.LastTime} {e.Seconds} "
            + string.Join(",", e.Metrics.OrderBy(m => m.Key).Select(m => $"{m.Key}:{m.Value.Count}/{m.Value.Mean}/{m.Value.Min}/{m.Value.Max}"));
}

public class SeriesSummaryStatisticsTests
{
    [Fact]
    public void Mean_and_deviation_stay_exact_for_values_far_from_zero()
    {
        // A step counter or token count: large values, small spread, where sums of squares lose every digit.
        var series = new SeriesSummary(new SeriesKey("tokens", Phase.Train, null));
        var values = Enumerable.Range(0, 100_000).Select(i => 1e9 + (i % 10) * 0.5).ToArray();
        var source = new SourceInfo(0, "/a", "a");
        for (var i = 0; i < values.Length; i++)
        {
            series.Add(new SeriesPoint(i, values[i], null, null, null, source, i + 1, 0));
        }

        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        series.Mean!.Value.ShouldBe(mean, 1e-6);
        series.StandardDeviation!.Value.ShouldBe(sd, 1e-9);
    }

    [Fact]
    public void A_point_keeps_which_optional_parts_it_had()
    {
        var source = new SourceInfo(0, "/a", "a");
        var bare = new SeriesPoint(3, 1.5, null, null, null, source, 9, 90);
        var full = new SeriesPoint(3, 1.5, 0.0, 0, new DateTime(1, 1, 1), source, 9, 90);
        (bare.Average, bare.Epoch, bare.Time).ShouldBe((null, null, null));
        (full.Average, full.Epoch, full.Time).ShouldBe((0.0, 0, new DateTime(1, 1, 1)));
        bare.ShouldNotBe(full);
        bare.ShouldBe(new SeriesPoint(3, 1.5, null, null, null, source, 9, 90));
    }
}
