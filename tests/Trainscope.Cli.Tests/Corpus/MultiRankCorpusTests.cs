using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>The multi-rank corpus files (PROVENANCE.md §7) parse into per-rank sources and get the right diagnosis.</summary>
public class MultiRankCorpusTests
{
    private static JsonElement Run(string relative)
    {
        var result = CliRunner.Run("analyze", "--json", CliRunner.Corpus(relative));
        result.ExitCode.ShouldBe(0, result.Error);
        return result.Json.GetProperty("runs").EnumerateArray().Single();
    }

    private static IEnumerable<JsonElement> Findings(JsonElement run, string rule)
        => run.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("rule").GetString() == rule);

    [Fact]
    public void The_detectron2_startup_stall_has_one_source_per_rank_with_log_txt_as_rank_zero()
    {
        var run = Run("multi-rank/detectron2_moco_4gpu_startup_stall");
        var sources = run.GetProperty("sources").EnumerateArray()
            .Select(s => (Path.GetFileName(s.GetProperty("path").GetString()), s.GetProperty("rank").GetInt32())).ToArray();
        sources.ShouldBe([("log.txt", 0), ("log.txt.rank1", 1), ("log.txt.rank2", 2), ("log.txt.rank3", 3)]);
        run.GetProperty("ranks").EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void The_detectron2_startup_stall_is_diagnosed_as_a_start_up_hang_naming_the_rank_furthest_behind()
    {
        var run = Run("multi-rank/detectron2_moco_4gpu_startup_stall");
        var finding = Findings(run, "hang-location").Single();
        finding.GetProperty("rank").GetInt32().ShouldBe(2); // 52 lines against 336 for ranks 1 and 3 (PROVENANCE fact 4)
        finding.GetProperty("message").GetString()!.ShouldContain("start-up");
        var evidence = finding.GetProperty("evidence").EnumerateArray().First();
        evidence.GetProperty("path").GetString()!.ShouldEndWith("log.txt.rank2");
        evidence.GetProperty("line").GetInt64().ShouldBe(52);
        evidence.GetProperty("text").GetString()!.ShouldContain("_build_res5_block");
    }

    [Fact]
    public void The_eight_rank_watchdog_excerpt_names_every_rank_and_the_collective()
    {
        var run = Run("multi-rank/issue_ofa_271_nccl_watchdog_8ranks.txt");
        run.GetProperty("ranks").EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()).Order().ShouldBe([1, 2, 3, 5, 6, 7]);
        var timeout = Findings(run, "nccl-timeout").Single();
        timeout.GetProperty("severity").GetString().ShouldBe("error");
        var message = timeout.GetProperty("message").GetString()!;
        message.ShouldContain("ALLREDUCE");
        message.ShouldContain("469508");
    }

    [Fact]
    public void Rank_prefixed_interleaved_watchdog_lines_are_split_into_ranks()
    {
        var run = Run("multi-rank/issue_llamafactory_7396_rank_interleaved_watchdog.txt");
        run.GetProperty("ranks").EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()).Order().ShouldBe([0, 2, 3, 4]);
        Findings(run, "nccl-timeout").Single().GetProperty("message").GetString()!.ShouldContain("1580");
    }
}
