using Trainscope.Aggregation;
using Trainscope.Records;

namespace Trainscope.Tests.Aggregation;

public sealed class RankTrackerTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 10, 0, 0);
    private static readonly SourceInfo File0 = new(0, "debug_rank0.log", "debug_rank0.log") { Rank = 0 };

    [Fact]
    public void Typical_interval_is_the_median_gap_and_ignores_lines_in_the_same_second()
    {
        var tracker = new RankTracker();
        var t = T0;
        for (var i = 0; i < 100; i++)
        {
            t = t.AddSeconds(i % 10 == 9 ? 120 : 5);
            tracker.SeeLine(new LineActivity(File0, 0, i * 2, i * 100, t));
            tracker.SeeLine(new LineActivity(File0, 0, i * 2 + 1, i * 100 + 50, t));
        }

        var rank = tracker.Build().ShouldHaveSingleItem();
        rank.Lines.ShouldBe(200);
        rank.TypicalGapSeconds!.Value.ShouldBe(5, tolerance: 0.5);
        rank.MaxGapSeconds.ShouldBe(120);
        rank.LargestGaps.Count.ShouldBe(RankSummary.MaxGapsKept);
        rank.LargestGaps.ShouldAllBe(g => g.Seconds == 120);
        rank.LinesPerMinute!.Value.ShouldBe(200 / (t - T0.AddSeconds(5)).TotalMinutes, tolerance: 0.01);
    }

    [Fact]
    public void Gaps_are_measured_per_source_so_reading_two_files_in_turn_invents_none()
    {
        var tracker = new RankTracker();
        var other = new SourceInfo(1, "train.log", "train.log");
        for (var i = 0; i < 10; i++)
        {
            tracker.SeeLine(new LineActivity(File0, 0, i, i * 10, T0.AddSeconds(i * 10)));
        }

        for (var i = 0; i < 10; i++)
        {
            tracker.SeeLine(new LineActivity(other, 0, i, i * 10, T0.AddSeconds(i * 10 + 1)));
        }

        tracker.Build().ShouldHaveSingleItem().MaxGapSeconds.ShouldBe(10);
    }

    [Fact]
    public void Workers_keep_their_files_and_lose_completion_when_a_new_pass_starts()
    {
        var tracker = new RankTracker();
        tracker.SeeEvent(Event(RankEventNames.WorkerProgress, 1, new() { ["worker"] = "1", ["workers"] = "2", ["files_done"] = "1000", ["files_total"] = "8000" }));
        tracker.SeeEvent(Event(RankEventNames.CompletedIteration, 2, new() { ["worker"] = "1" }, 5_000_000));
        var worker = tracker.Build()[0].Workers[1];
        worker.Completed.ShouldBeTrue();
        worker.Samples.ShouldBe(5_000_000);
        worker.Files.ShouldBe(1000);
        worker.FilesTotal.ShouldBe(8000);
        worker.Workers.ShouldBe(2);

        tracker.SeeEvent(Event(RankEventNames.WorkerProgress, 3, new() { ["worker"] = "1", ["files_done"] = "1000" }));
        tracker.Build()[0].Workers[1].Completed.ShouldBeFalse();
    }

    [Fact]
    public void Phase_markers_are_kept_apart_from_progress_counters_and_errors_are_kept()
    {
        var tracker = new RankTracker();
        tracker.SeeEvent(Event(RankEventNames.TrainingEnd, 1, null, epoch: 3));
        tracker.SeeEvent(Event(RankEventNames.ProcessedBatches, 2, null, 500));
        tracker.SeeEvent(new LogEvent { Kind = EventKind.Error, Source = File0, Line = 3, Text = "ValueError: x", Name = "ValueError" });
        var rank = tracker.Build().ShouldHaveSingleItem();
        rank.LastMarker!.Name.ShouldBe(RankEventNames.TrainingEnd);
        rank.LastEpoch.ShouldBe(3);
        rank.ProcessedBatches.ShouldBe(500);
        rank.Errors.ShouldHaveSingleItem().Name.ShouldBe("ValueError");
        rank.LastEvent!.Line.ShouldBe(3);
    }

    private static LogEvent Event(string name, long line, Dictionary<string, string>? attributes, double? value = null, int? epoch = null) => new()
    {
        Kind = EventKind.Marker, Source = File0, Line = line, Rank = 0, Text = name, Name = name, Value = value,
        Attributes = attributes, Position = new Position { Epoch = epoch },
    };
}
