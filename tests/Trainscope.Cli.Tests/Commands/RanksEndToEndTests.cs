using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

/// <summary>The distributed-run fixtures read through the real formats and pipeline, as `analyze --json` reports them.</summary>
public class RanksEndToEndTests
{
    private const string Now = "2026-01-05 10:40:00";

    private static JsonElement Run(string fixture)
    {
        var result = CliRunner.Run("analyze", Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "multi-rank", fixture), "--now", Now, "--json");
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs").EnumerateArray().Single();
    }

    private static string[] Rules(JsonElement run)
        => run.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!).ToArray();

    private static JsonElement Finding(JsonElement run, string rule)
        => run.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").GetString() == rule);

    [Fact]
    public void A_healthy_finished_four_rank_run_raises_no_distributed_alarm()
    {
        var run = Run("healthy");
        run.GetProperty("ranks").GetArrayLength().ShouldBe(4);
        Rules(run).ShouldNotContain("rank-stalled");
        Rules(run).ShouldNotContain("hang-location");
        Rules(run).ShouldNotContain("rank-desync");
    }

    [Fact]
    public void One_rank_stuck_in_data_loading_is_named()
    {
        var run = Run("data-loading-stall");
        Finding(run, "rank-stalled").GetProperty("rank").GetInt32().ShouldBe(2);
        Finding(run, "rank-stalled").GetProperty("evidence")[0].GetProperty("path").GetString()!.ShouldContain("debug_rank2");
    }

    [Fact]
    public void All_ranks_stuck_between_training_end_and_validation_start_points_at_a_collective()
    {
        var run = Run("stuck-before-validation");
        var hang = Finding(run, "hang-location");
        hang.GetProperty("message").GetString()!.ShouldContain("TRAINING END");
        run.GetProperty("ranks").EnumerateArray().ShouldAllBe(r => r.GetProperty("last_phase").GetString() == "EPOCH 1 TRAINING END");
    }

    [Fact]
    public void A_hang_after_validation_end_points_at_checkpointing_or_the_scheduler()
    {
        var hang = Finding(Run("stuck-after-validation"), "hang-location");
        (hang.GetProperty("message").GetString() + hang.GetProperty("advice").GetString()).ShouldContain("checkpoint", Case.Insensitive);
    }

    [Fact]
    public void A_crashing_rank_comes_first_and_the_others_nccl_timeouts_follow()
    {
        var run = Run("crash-nccl-timeout");
        var rules = Rules(run);
        rules[0].ShouldBe("rank-error");
        Finding(run, "rank-error").GetProperty("rank").GetInt32().ShouldBe(1);
        rules.ShouldContain("nccl-timeout");
    }

    [Fact]
    public void Interleaved_output_in_one_file_is_split_into_ranks()
    {
        var run = Run("interleaved");
        run.GetProperty("ranks").GetArrayLength().ShouldBe(4);
        Finding(run, "rank-stalled").GetProperty("rank").GetInt32().ShouldBe(3);
    }
}
