using Trainscope.Aggregation;
using Trainscope.Formats.TensorBoard;
using Trainscope.Records;
using Trainscope.Reporting;

namespace Trainscope.Tests.Reporting;

public class TensorBoardExportTests
{
    private static readonly SourceInfo Log = new(0, "train.log", "train.log");
    private static readonly DateTime Start = new(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Exported_series_read_back_with_the_same_steps_values_times_and_phases()
    {
        var run = Run(
            Sample("loss", Phase.Train, 0, 2.75),
            Sample("loss", Phase.Train, 10, 1.125),
            Sample("loss", Phase.Train, 20, 0.1),
            Sample("acc", Phase.Eval, 10, 0.5),
            Sample("acc", Phase.Eval, 20, 0.625),
            Sample("acc1", Phase.Test, 20, 71.25));

        var back = ReadBack(run);

        foreach (var series in run.Series)
        {
            var copy = back.Find(series.Name, series.Key.Phase).ShouldNotBeNull(series.Name);
            var expected = series.Points();
            var actual = copy.Points();
            actual.Select(p => p.Step).ShouldBe(expected.Select(p => p.Step));
            actual.Select(p => p.Value).ShouldBe(expected.Select(p => (double)(float)p.Value));
            for (var i = 0; i < expected.Count; i++)
            {
                (actual[i].Time!.Value - expected[i].Time!.Value).Duration().ShouldBeLessThan(TimeSpan.FromMilliseconds(1));
            }
        }

        back.Series.Count.ShouldBe(run.Series.Count);
    }

    [Fact]
    public void The_first_record_is_the_brain_event_2_header()
    {
        var back = ReadBack(Run(Sample("loss", Phase.Train, 1, 1.0)));

        back.Info["file_version"].Text.ShouldBe("brain.Event:2");
    }

    [Fact]
    public void Non_finite_values_survive_the_round_trip()
    {
        var back = ReadBack(Run(Sample("loss", Phase.Train, 1, 1.0), Sample("loss", Phase.Train, 2, double.PositiveInfinity), Sample("loss", Phase.Train, 3, double.NaN)));

        var loss = back.Find("loss", Phase.Train).ShouldNotBeNull();
        loss.Points().Select(p => p.Value).ShouldBe([1.0, double.PositiveInfinity, double.NaN]);
    }

    [Fact]
    public void Per_rank_series_get_a_rank_suffix_so_they_stay_apart()
    {
        var rank1 = Sample("loss", Phase.Train, 5, 0.5);
        rank1.Rank = 1;
        var run = Run(Sample("loss", Phase.Train, 5, 0.25), rank1);

        TensorBoardExport.Tag(run.Series.Single(s => s.Key.Rank == 1).Key).ShouldBe("train/loss/rank1");
        ReadBack(run).Series.Select(s => s.Name).Order().ShouldBe(["loss", "loss/rank1"]);
    }

    [Fact]
    public void Points_without_a_time_are_written_at_wall_time_zero_and_come_back_without_one()
    {
        var untimed = Sample("loss", Phase.Train, 3, 0.5);
        untimed.Timestamp = null;

        var point = ReadBack(Run(untimed)).Find("loss", Phase.Train).ShouldNotBeNull().Points().ShouldHaveSingleItem();
        point.Time.ShouldBeNull();
        point.Step.ShouldBe(3);
    }

    [Fact]
    public void The_file_name_is_what_tensorboard_looks_for()
        => TensorBoardExport.FileName(Run(Sample("loss", Phase.Train, 0, 1))).ShouldBe($"events.out.tfevents.{new DateTimeOffset(Start).ToUnixTimeSeconds()}.trainscope");

    private static RunSummary ReadBack(RunSummary run)
    {
        using var file = new MemoryStream();
        var written = TensorBoardExport.Write(file, run);
        written.ShouldBe(1 + run.Series.Sum(s => s.Points().Count));
        file.Position = 0;
        var aggregator = new RunAggregator();
        var result = new TensorBoardFormat().Read(file, new SourceInfo(0, "events.out.tfevents.x", "events.out.tfevents.x"), aggregator);
        result.Skipped.ShouldBe(0);
        result.Problem.ShouldBeNull();
        return aggregator.Build("back", "back", []);
    }

    private static RunSummary Run(params MetricSample[] samples)
    {
        var aggregator = new RunAggregator();
        foreach (var sample in samples)
        {
            aggregator.OnMetric(sample);
        }

        return aggregator.Build("run", "run", []);
    }

    private static MetricSample Sample(string name, Phase phase, long step, double value) => new()
    {
        Source = Log,
        Name = name,
        Phase = phase,
        Value = value,
        Position = new Position { Step = step },
        Timestamp = Start.AddSeconds(step * 1.5),
    };
}
