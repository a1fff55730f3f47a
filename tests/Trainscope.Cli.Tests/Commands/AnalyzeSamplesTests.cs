using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

/// <summary>The README's main job: `trainscope analyze samples/` on a fresh checkout.</summary>
public class AnalyzeSamplesTests
{
    [Fact]
    public void The_samples_folder_is_three_runs_each_with_metrics_and_a_verdict()
    {
        var result = CliRunner.Run("analyze", "--json", Path.Combine(CliRunner.RepoRoot, "samples"));
        result.ExitCode.ShouldBe(0, result.Error);
        var runs = result.Json.GetProperty("runs").EnumerateArray().ToArray();
        runs.Select(r => r.GetProperty("name").GetString()).Order().ShouldBe(["controller-csv", "lora-hf", "vla-metriclogger"]);
        foreach (var run in runs)
        {
            run.GetProperty("metrics").GetArrayLength().ShouldBeGreaterThan(3);
            run.GetProperty("findings").GetArrayLength().ShouldBeGreaterThan(0);
            run.GetProperty("sources").EnumerateArray().ShouldAllBe(s => s.GetProperty("skipped").GetInt64() == 0);
        }
    }

    [Fact]
    public void The_terminal_report_shows_sources_metrics_epochs_and_findings_for_every_sample()
    {
        var result = CliRunner.Run("analyze", Path.Combine(CliRunner.RepoRoot, "samples"));
        result.ExitCode.ShouldBe(0, result.Error);
        foreach (var heading in new[] { "Sources", "Metrics", "Findings", "controller-csv", "lora-hf", "vla-metriclogger", "closs", "reward_mean" })
        {
            result.Console.ShouldContain(heading);
        }
    }
}
