using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Corpus;

/// <summary>The doctor's findings on real logs, against the facts in PROVENANCE.md.</summary>
public class DoctorCorpusTests
{
    private static JsonElement[] Findings(string path)
    {
        var result = CliRunner.Run("check", "--json", path);
        result.Error.ShouldBeEmpty();
        return [.. result.Json.GetProperty("runs")[0].GetProperty("findings").EnumerateArray()];
    }

    private static string Rule(JsonElement f) => f.GetProperty("rule").GetString()!;

    private static string Severity(JsonElement f) => f.GetProperty("severity").GetString()!;

    [Fact]
    public void The_uctransnet_oom_is_one_oom_error_with_the_amount_and_gpu_size_and_not_repeated_as_an_error()
    {
        // PROVENANCE fact (3): `RuntimeError: CUDA out of memory. Tried to allocate 100.00 MiB (GPU 0; 12.00 GiB total`.
        var findings = Findings(CliRunner.Corpus("failures/issue_uctransnet_2_cuda_oom_after_iter371.txt"));

        var oom = findings.Single(f => Rule(f) == "oom");
        Severity(oom).ShouldBe("error");
        oom.GetProperty("message").GetString()!.ShouldContain("12.00 GiB");
        findings.ShouldNotContain(f => Rule(f) == "error" && f.GetProperty("message").GetString()!.Contains("out of memory"));
    }

    [Fact]
    public void The_deepspeed_loss_scale_collapse_from_64_to_2_is_non_finite()
    {
        // PROVENANCE fact (1): 5 OVERFLOW messages, loss scale 64→32→16→8→4→2.
        var finding = Findings(CliRunner.Corpus("failures/issue_chinese-llama-alpaca_534_deepspeed_loss_scale_collapse.txt"))
            .Single(f => Rule(f) == "non-finite");

        finding.GetProperty("message").GetString()!.ShouldContain("5 times in a row to 2");
        finding.GetProperty("evidence").GetArrayLength().ShouldBe(2);
        finding.GetProperty("evidence")[0].GetProperty("text").GetString()!.ShouldContain("Attempted loss scale: 64");
    }

    [Fact]
    public void The_apex_gradient_overflows_down_to_scale_2_are_non_finite()
    {
        // PROVENANCE fact (2): in epoch 15 there are 8 `Gradient overflow` lines (loss scale 256→2).
        var finding = Findings(CliRunner.Corpus("failures/issue_nvidia-apex_493_overflow_then_val_loss_spike.txt")).Single(f => Rule(f) == "non-finite");

        finding.GetProperty("message").GetString()!.ShouldContain("8 times in a row to 2");
    }

    [Fact]
    public void The_olmo_sigterm_is_an_error_naming_signal_15()
    {
        // PROVENANCE: the job ends in `SignalException: Process 9724 got signal: 15` (2 times).
        var errors = Findings(CliRunner.Corpus("custom-epoch/olmo_1b_torchrun_sigterm.log")).Where(f => Rule(f) == "error").ToArray();

        errors.ShouldContain(f => f.GetProperty("message").GetString()!.Contains("got signal: 15") && f.GetProperty("message").GetString()!.Contains("2 times"));
        errors.ShouldAllBe(f => Severity(f) == "error");
    }

    [Fact]
    public void The_nccl_watchdog_hang_is_not_repeated_by_the_error_rule()
    {
        var findings = Findings(CliRunner.Corpus("multi-rank/issue_ofa_271_nccl_watchdog_8ranks.txt"));

        findings.ShouldContain(f => Rule(f) == "nccl-timeout");
        findings.ShouldNotContain(f => Rule(f) == "error");
    }

    [Fact]
    public void The_healthy_multi_rank_fixture_has_no_warnings_from_the_doctor()
    {
        var findings = Findings(Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", "multi-rank", "healthy"));

        findings.Where(f => Severity(f) != "info").Select(Rule).ShouldBeEmpty();
        findings.ShouldContain(f => Rule(f) == "healthy");
    }
}
