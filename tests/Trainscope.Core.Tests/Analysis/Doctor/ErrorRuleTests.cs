using Trainscope.Analysis;
using Trainscope.Analysis.Doctor;
using Trainscope.Records;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Analysis.Doctor;

public class ErrorRuleTests
{
    private static RunBuilder WithTraceback(int? rank = null)
        => new RunBuilder()
            .Metric("loss", 1, 10)
            .Event(EventKind.Error, "traceback", "Traceback (most recent call last):", rank: rank, attributes: new Dictionary<string, string>
            {
                ["exception"] = "ValueError",
                ["message"] = "bad config",
                ["exception_line"] = "4",
            })
            .Metric("loss", 1, 11)
            .Event(EventKind.Error, "ValueError", "ValueError: bad config", rank: rank);

    [Fact]
    public void A_traceback_is_an_error_naming_the_exception_and_its_message_once()
    {
        var findings = WithTraceback().Findings().Where(f => f.Rule == "error").ToArray();

        var finding = findings.ShouldHaveSingleItem();
        finding.Severity.ShouldBe(Severity.Error);
        finding.Message.ShouldContain("ValueError");
        finding.Message.ShouldContain("bad config");
        finding.Evidence.Select(e => e.Line).ShouldBe([2, 4]);
    }

    [Fact]
    public void An_error_a_rank_finding_already_reported_is_not_repeated()
    {
        var rankError = new Finding { Rule = "rank-error", Severity = Severity.Error, Rank = 2, Message = "Rank 2 failed", Advice = "" };

        var findings = DoctorAnalysis.Analyze(WithTraceback(rank: 2).Build(), others: [rankError]);

        findings.ShouldNotContain(f => f.Rule == "error");
        WithTraceback(rank: 2).Findings().Select(f => f.Rule).ShouldBe(["rank-error"], ignoreOrder: true);
    }

    [Fact]
    public void An_out_of_memory_traceback_is_left_to_the_oom_rule()
    {
        var run = new RunBuilder()
            .Event(EventKind.Error, "traceback", "Traceback (most recent call last):",
                attributes: new Dictionary<string, string> { ["exception"] = "RuntimeError", ["message"] = "CUDA out of memory. Tried to allocate 2 GiB" })
            .Event(EventKind.OutOfMemory, "cuda-oom", "RuntimeError: CUDA out of memory. Tried to allocate 2 GiB");

        var findings = run.Findings();

        findings.ShouldNotContain(f => f.Rule == "error");
        findings.ShouldContain(f => f.Rule == "oom");
    }

    [Fact]
    public void A_killed_process_is_an_error_with_advice_about_host_memory()
    {
        var finding = new RunBuilder().Metric("loss", 1, 1).Event(EventKind.Error, "killed", "Killed").Findings().Single(f => f.Rule == "error");

        finding.Advice.ShouldContain("OOM killer");
    }
}
