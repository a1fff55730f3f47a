using Trainscope.Formats;
using Trainscope.Formats.RankDebug;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Formats.RankDebug;

public class RankDebugFormatTests
{
    private static readonly RankDebugFormat Format = new();

    private static RecordCollector Fixture() => LineFeeder.FeedFile(Format, TestPaths.Fixture("rank-debug/debug_rank0_20231203_143025.log"));

    [Fact]
    public void Epoch_markers_become_named_marker_events_with_epoch_and_rank()
    {
        var markers = Fixture().Events.Where(e => e.Name is "training-start" or "training-end" or "validation-start" or "validation-end").ToList();

        markers.Select(e => e.Name).ShouldBe(["training-start", "training-end", "validation-start", "validation-end", "training-start"]);
        markers.ShouldAllBe(e => e.Kind == EventKind.Marker && e.Rank == 0);
        markers[2].Position.Epoch.ShouldBe(0);
        markers[2].Phase.ShouldBe(Phase.Eval);
        markers[4].Position.Epoch.ShouldBe(1);
        markers[4].Timestamp.ShouldBe(new DateTime(2023, 12, 3, 14, 40, 1, 512));
    }

    [Fact]
    public void Step_lines_give_train_and_eval_loss_at_their_step()
    {
        var records = Fixture();

        records.Values("loss", Phase.Train).ShouldBe([0.1234, 0.0987, 0.0911]);
        records.Values("loss", Phase.Eval).ShouldBe([0.1050]);
        var second = records.Metrics[1];
        second.Position.Step.ShouldBe(500);
        second.Position.Epoch.ShouldBe(0);
        second.Rank.ShouldBe(0);
        second.Line.ShouldBe(6);
        records.Metrics.Last().Position.Epoch.ShouldBe(1);
    }

    [Fact]
    public void Worker_progress_carries_rank_world_size_worker_and_file_counts()
    {
        var progress = Fixture().Events.Single(e => e.Name == "worker-progress");

        progress.Rank.ShouldBe(0);
        progress.Value.ShouldBe(1000);
        progress.Attributes.ShouldNotBeNull();
        progress.Attributes["world_size"].ShouldBe("8");
        progress.Attributes["worker"].ShouldBe("0");
        progress.Attributes["workers"].ShouldBe("2");
        progress.Attributes["files_done"].ShouldBe("1000");
        progress.Attributes["files_total"].ShouldBe("8000");
        progress.Attributes["shard_set"].ShouldBe("train_shards");
    }

    [Fact]
    public void Completed_iterations_processed_batches_and_shard_errors_are_events()
    {
        var records = Fixture();

        var completed = records.Events.Where(e => e.Name == "completed-iteration").ToList();
        completed.Select(e => e.Rank).ShouldBe([0, 1, 2]);
        completed.ShouldAllBe(e => e.Value == 5_000_000 && e.Attributes!["worker"] == "0");
        var processed = records.Events.Single(e => e.Name == "processed-batches");
        processed.Value.ShouldBe(500);
        processed.Phase.ShouldBe(Phase.Train);
        var error = records.Events.Single(e => e.Kind == EventKind.Error);
        error.Rank.ShouldBe(3);
        error.Attributes!["shard"].ShouldBe("/data/train_shards/shard_00042.tar");
        error.Attributes["worker"].ShouldBe("1");
    }

    [Fact]
    public void Lines_of_other_formats_are_left_alone()
    {
        var parser = Format.CreateParser();
        var sink = new RecordCollector();
        var source = new SourceInfo(0, "x.log", "x.log");

        parser.TryParse(LogLine.FromString("[INFO] Monitor logs with: tail -f out.log", source), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("[E ProcessGroupNCCL.cpp:737] [Rank 1] Watchdog caught collective operation timeout", source), sink).ShouldBeFalse();
        parser.TryParse(LogLine.FromString("========== SUMMARY ==========", source), sink).ShouldBeFalse();
        sink.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Sniff_recognises_rank_tagged_debug_lines()
    {
        var text = "[DEBUG] [Rank 0] ========== EPOCH 0 TRAINING START ==========\n"u8.ToArray();
        Format.Sniff(new FileSample("debug_rank0.log", text, true)).ShouldBeGreaterThan(0.9);
        Format.Sniff(new FileSample("x.log", "Epoch 1 loss 0.5\n"u8.ToArray(), true)).ShouldBe(0);
    }
}
