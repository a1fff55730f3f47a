using Trainscope.Web.Series;

namespace Trainscope.Web.Tests.Series;

public sealed class SeriesStoreTests
{
    private static List<SeriesBucket> Buckets(SeriesStore store)
    {
        var list = new List<SeriesBucket>();
        store.CopyTo(list);
        return list;
    }

    [Fact]
    public void A_short_series_is_kept_point_by_point()
    {
        var store = new SeriesStore(64);
        for (var i = 0; i < 50; i++)
        {
            store.Add(i, double.NaN, double.NaN, i * 2);
        }

        var buckets = Buckets(store);
        buckets.Count.ShouldBe(50);
        store.Width.ShouldBe(1);
        buckets[49].Min.ShouldBe(98);
    }

    [Fact]
    public void A_long_series_stays_within_capacity_and_keeps_its_extremes_and_nan()
    {
        var store = new SeriesStore(1024);
        for (var i = 0; i < 1_000_000; i++)
        {
            var value = i == 654_321 ? 1e6 : i == 777_777 ? double.NaN : i == 123_456 ? -5 : 1.0;
            store.Add(i, double.NaN, double.NaN, value);
        }

        var buckets = Buckets(store);
        buckets.Count.ShouldBeLessThanOrEqualTo(1025);
        store.Count.ShouldBe(1_000_000);
        buckets.Sum(b => (long)b.Points).ShouldBe(1_000_000);
        buckets.Max(b => b.Max).ShouldBe(1e6);
        buckets.Min(b => b.Min).ShouldBe(-5);
        buckets.Sum(b => b.NonFinite).ShouldBe(1);
        buckets.Select(b => b.Step).ShouldBeInOrder();
    }

    [Fact]
    public void Zooming_into_the_newest_points_of_a_long_series_gives_every_point()
    {
        var store = new SeriesStore(1024);
        for (var i = 0; i < 200_000; i++)
        {
            store.Add(i, double.NaN, double.NaN, i % 3);
        }

        var recent = new List<SeriesBucket>();
        store.CopyFrom(recent, SeriesAxis.Step, 199_500).ShouldBe(1);
        recent.Count.ShouldBe(1024);
        recent.Select(b => b.Step).ShouldBe(Enumerable.Range(200_000 - 1024, 1024).Select(i => (double)i));

        var old = new List<SeriesBucket>();
        store.CopyFrom(old, SeriesAxis.Step, 1000).ShouldBe(store.Width);
        store.Width.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void The_newest_points_are_exact_right_after_the_first_compaction()
    {
        var store = new SeriesStore(8);
        for (var i = 0; i < 9; i++)
        {
            store.Add(i, double.NaN, double.NaN, i);
        }

        var recent = new List<SeriesBucket>();
        store.CopyFrom(recent, SeriesAxis.Step, 5);
        recent.Select(b => b.Min).ShouldBe([1.0, 2, 3, 4, 5, 6, 7, 8]);
    }

    [Fact]
    public void Downsampling_to_a_width_keeps_a_single_spike()
    {
        var buckets = Enumerable.Range(0, 10_000).Select(i => SeriesBucket.Of(i, double.NaN, double.NaN, i == 4321 ? 99 : 1)).ToList();
        var window = SeriesDownsampler.Window(buckets, SeriesAxis.Step, double.NegativeInfinity, double.PositiveInfinity, 50, 10_000, 1);

        window.Y.Length.ShouldBeLessThanOrEqualTo(100);
        window.Y.Max().ShouldBe(99);
        window.X.ShouldBeInOrder();
    }

    [Fact]
    public void Non_finite_values_become_markers_not_points()
    {
        var buckets = new[] { 1.0, double.NaN, 3.0, double.PositiveInfinity }.Select((v, i) => SeriesBucket.Of(i, double.NaN, double.NaN, v)).ToList();
        var window = SeriesDownsampler.Window(buckets, SeriesAxis.Step, 0, 10, 100, 4, 1);

        window.Y.ShouldBe([1.0, 3.0]);
        window.NonFiniteX.ShouldBe([1.0, 3.0]);
    }

    [Fact]
    public void Points_without_a_timestamp_are_left_out_of_a_time_axis()
    {
        var buckets = new List<SeriesBucket> { SeriesBucket.Of(0, double.NaN, double.NaN, 1), SeriesBucket.Of(1, double.NaN, 1000, 2) };
        var window = SeriesDownsampler.Window(buckets, SeriesAxis.Time, double.NegativeInfinity, double.PositiveInfinity, 100, 2, 1);

        window.X.ShouldBe([1000.0]);
        window.Y.ShouldBe([2.0]);
    }
}
