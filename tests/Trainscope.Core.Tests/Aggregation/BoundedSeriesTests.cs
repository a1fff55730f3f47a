using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public class BoundedSeriesTests
{
    private static readonly SourceInfo Source = new(0, "x.log", "x.log");

    private static SeriesPoint Point(long step, double value) => new(step, value, null, null, null, Source, step, step * 10);

    [Fact]
    public void A_short_series_is_kept_whole()
    {
        var series = new BoundedSeries(64);
        for (var i = 0; i < 50; i++)
        {
            series.Add(Point(i, i));
        }

        series.Snapshot().Select(p => p.Step).ShouldBe(Enumerable.Range(0, 50).Select(i => (long)i));
        series.IsDownsampled.ShouldBeFalse();
    }

    [Fact]
    public void A_million_points_stay_bounded_and_keep_the_spike_the_dip_and_the_nan()
    {
        var series = new BoundedSeries(1024);
        var random = new Random(1);
        for (var i = 0; i < 1_000_000; i++)
        {
            var value = i switch
            {
                123_457 => 1000.0,
                654_321 => -1000.0,
                777_777 => double.NaN,
                _ => 1 + random.NextDouble() * 0.1,
            };
            series.Add(Point(i, value));
        }

        var kept = series.Snapshot();
        kept.Length.ShouldBeLessThanOrEqualTo(1024 + 2);
        kept.Length.ShouldBeGreaterThan(256);
        kept.ShouldContain(p => p.Step == 123_457 && p.Value == 1000.0);
        kept.ShouldContain(p => p.Step == 654_321 && p.Value == -1000.0);
        kept.ShouldContain(p => p.Step == 777_777 && double.IsNaN(p.Value));
        kept.Select(p => p.Step).ShouldBeInOrder();
        series.IsDownsampled.ShouldBeTrue();
    }
}
