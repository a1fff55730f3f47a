using Trainscope.Aggregation;
using Trainscope.Analysis;
using Trainscope.Analysis.Distributed;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Distributed;

public sealed class DistributedAnalysisTests
{
    private static (IReadOnlyList<RankRow> Ranks, IReadOnlyList<Finding> Findings) Analyze(string fixture, DateTime? now = null)
        => DistributedAnalysis.Analyze(Load(fixture), new DistributedOptions { Now = now });

    private static RunSummary Load(string fixture) => RankLogLoader.Load(TestPaths.Fixture("multi-rank/" + fixture));

    [Fact]
    public void A_healthy_run_gets_a_row_per_rank_and_no_findings()
    {
        var (ranks, findings) = Analyze("healthy");

        findings.ShouldBeEmpty();
        ranks.Select(r => r.Rank).ShouldBe([0, 1, 2, 3]);
        foreach (var row in ranks)
        {
            row.Source.ShouldBe($"multi-rank/healthy/debug_rank{row.Rank}_20260105_100000.log");
            row.LastPhase.ShouldBe("EPOCH 1 VALIDATION END");
            row.LastEpoch.ShouldBe(1);
            row.LastTimestamp!.Value.ShouldBe(new DateTime(2026, 1, 5, 10, 4, 15).AddSeconds(row.Rank * 0.137), TimeSpan.FromMilliseconds(1));
            row.SilentSeconds!.Value.ShouldBeLessThan(20);
            row.SilenceBasis.ShouldBe("timestamp");
            row.TypicalIntervalSeconds!.Value.ShouldBeInRange(1, 15);
            row.LinesPerMinute!.Value.ShouldBeGreaterThan(5);
            row.Workers.Count.ShouldBe(2);
            row.Workers.ShouldAllBe(w => w.Completed && w.Files == 1000 && w.FilesTotal == 8000 && w.Samples == 500_000);
            row.ProcessedBatches.ShouldBe(3000);
            row.LastLine!.Text.ShouldContain($"[Rank {row.Rank}] ========== EPOCH 1 VALIDATION END");
            row.LongGaps.ShouldBeEmpty();
        }
    }

    [Fact]
    public void A_finished_healthy_run_read_a_day_later_raises_no_hang()
    {
        var (_, findings) = Analyze("healthy", new DateTime(2026, 1, 6, 10, 0, 0));

        findings.ShouldBeEmpty();
    }

    [Fact]
    public void A_rank_stuck_in_data_loading_is_named_with_its_last_line()
    {
        var (ranks, findings) = Analyze("data-loading-stall");

        var stalled = findings.Single(f => f.Rule == "rank-stalled");
        stalled.Rank.ShouldBe(2);
        stalled.Severity.ShouldBe(Severity.Warning);
        stalled.Evidence.ShouldHaveSingleItem().Text.ShouldContain("Reading shard train_shards/shard_00417.tar");
        stalled.Evidence[0].Path.ShouldBe("multi-rank/data-loading-stall/debug_rank2_20260105_100000.log");

        var location = findings.Single(f => f.Rule == "hang-location");
        location.Rank.ShouldBe(2);
        location.Message.ShouldContain("rank 2's data loading");
        findings.ShouldNotContain(f => f.Rule == "rank-desync" || f.Rule == "rank-error");
        ranks.Single(r => r.Rank == 2).LastPhase.ShouldBe("EPOCH 1 TRAINING START");
    }

    [Fact]
    public void A_worker_that_never_completes_its_pass_is_reported_once_the_others_are_long_done()
    {
        var (_, findings) = Analyze("data-loading-stall", new DateTime(2026, 1, 5, 10, 30, 0));

        var imbalance = findings.Single(f => f.Rule == "data-imbalance");
        imbalance.Rank.ShouldBe(2);
        imbalance.Message.ShouldContain("rank 2 worker 1");
        imbalance.Message.ShouldStartWith("1 data worker(s)");
        findings.Single(f => f.Rule == "rank-stalled").Rank.ShouldBe(2);
    }

    [Fact]
    public void All_ranks_stuck_between_training_end_and_validation_start_point_at_a_ddp_collective()
    {
        var (ranks, findings) = Analyze("stuck-before-validation", new DateTime(2026, 1, 5, 10, 40, 0));

        var location = findings.ShouldHaveSingleItem();
        location.Rule.ShouldBe("hang-location");
        location.Severity.ShouldBe(Severity.Warning);
        location.Rank.ShouldBeNull();
        location.Message.ShouldContain("EPOCH 1 TRAINING END");
        location.Message.ShouldContain("DDP collective or barrier between TRAINING END and VALIDATION START");
        location.Evidence.Count.ShouldBe(4);
        ranks.ShouldAllBe(r => r.LastPhase == "EPOCH 1 TRAINING END" && r.SilentSeconds > 1800);
    }

    [Fact]
    public void Without_a_later_reference_time_a_run_that_simply_stopped_is_not_called_hung()
    {
        var (_, findings) = Analyze("stuck-before-validation");

        findings.ShouldBeEmpty();
    }

    [Fact]
    public void A_hang_after_validation_end_points_at_checkpoint_saving()
    {
        var (_, findings) = Analyze("stuck-after-validation", new DateTime(2026, 1, 5, 10, 40, 0));

        var location = findings.ShouldHaveSingleItem();
        location.Rule.ShouldBe("hang-location");
        location.Message.ShouldContain("EPOCH 0 VALIDATION END");
        location.Message.ShouldContain("checkpoint saving");
    }

    [Fact]
    public void A_rank_traceback_comes_first_and_the_others_nccl_timeouts_follow()
    {
        var (ranks, findings) = Analyze("crash-nccl-timeout");

        findings[0].Rule.ShouldBe("rank-error");
        findings[0].Rank.ShouldBe(1);
        findings[0].Severity.ShouldBe(Severity.Error);
        findings[0].Message.ShouldContain("ValueError: cannot reshape array");
        findings[0].Message.ShouldContain("Ranks 0, 2, 3 then waited for it and timed out in NCCL.");
        findings[0].Evidence[0].Text.ShouldContain("Traceback (most recent call last)");
        findings[0].Evidence[0].Line.ShouldBe(32);
        findings[0].Evidence[1].Line.ShouldBe(35);

        var timeout = findings.Single(f => f.Rule == "nccl-timeout");
        timeout.Severity.ShouldBe(Severity.Error);
        timeout.Rank.ShouldBe(1);
        timeout.Message.ShouldContain("on ranks 0, 2, 3 in ALLREDUCE (SeqNum 1843) after 1800080 ms against a 1800000 ms timeout");
        timeout.Evidence.Count.ShouldBe(4);

        var watchdog = findings.Single(f => f.Rule == "watchdog");
        watchdog.Message.ShouldContain("exitcode: -6");
        findings.ShouldNotContain(f => f.Rule == "hang-location" || f.Rule == "rank-stalled");
        findings.Select(f => f.Rule).ShouldBe(["rank-error", "nccl-timeout", "watchdog"]);
        ranks.Single(r => r.Rank == 1).Errors.ShouldBe(2);
    }

    [Fact]
    public void Interleaved_output_is_split_by_rank_prefix_and_the_stalled_rank_is_found()
    {
        var (ranks, findings) = Analyze("interleaved");

        ranks.Select(r => r.Rank).ShouldBe([0, 1, 2, 3]);
        ranks.ShouldAllBe(r => r.Source == "multi-rank/interleaved/train_interleaved.log");
        ranks.Single(r => r.Rank == 1).LastLine!.Text.ShouldStartWith("[default1]:");
        findings.Single(f => f.Rule == "rank-stalled").Rank.ShouldBe(3);
        findings.Single(f => f.Rule == "hang-location").Message.ShouldContain("rank 3's data loading");
    }

    [Fact]
    public void Findings_have_stable_ids_and_evidence_with_line_text()
    {
        foreach (var fixture in new[] { "data-loading-stall", "interleaved", "crash-nccl-timeout" })
        {
            var (_, findings) = Analyze(fixture, new DateTime(2026, 1, 5, 11, 0, 0));
            findings.ShouldNotBeEmpty();
            findings.ShouldAllBe(f => f.Evidence.Count > 0 && f.Evidence.All(e => e.Text.Length > 0 && e.Line > 0));
            findings.Select(f => f.Rule).ShouldBeSubsetOf(
                ["rank-error", "nccl-timeout", "watchdog", "hang-location", "rank-stalled", "rank-desync", "data-imbalance"]);
        }
    }
}
