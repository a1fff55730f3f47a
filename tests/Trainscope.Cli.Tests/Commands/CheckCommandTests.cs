using System.Text.Json;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public class CheckCommandTests
{
    private static string Fixture(string relative) => Path.Combine(CliRunner.RepoRoot, "tests", "fixtures", relative);

    [Fact]
    public void A_run_with_errors_exits_1_and_prints_them()
    {
        var result = CliRunner.Run("check", Fixture("diagnostics"));

        result.ExitCode.ShouldBe(1);
        result.Console.ShouldContain("oom");
        result.Console.ShouldContain("rank-error");
    }

    [Fact]
    public void A_healthy_run_exits_0()
    {
        var result = CliRunner.Run("check", Fixture("epoch-progress/train_ddp_en.log"));

        result.ExitCode.ShouldBe(0);
        result.Console.ShouldContain("healthy");
    }

    [Fact]
    public void Fail_on_lowers_the_bar()
        => CliRunner.Run("check", "--fail-on", "info", Fixture("epoch-progress/train_ddp_en.log")).ExitCode.ShouldBe(1);

    [Fact]
    public void Json_findings_have_the_documented_shape()
    {
        var result = CliRunner.Run("check", "--json", Fixture("diagnostics"));

        var finding = result.Json.GetProperty("runs")[0].GetProperty("findings")[0];
        finding.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["rule", "severity", "metric", "phase", "rank", "from_step", "to_step", "message", "advice", "evidence"]);
        var evidence = finding.GetProperty("evidence")[0];
        evidence.EnumerateObject().Select(p => p.Name).ShouldBe(["path", "line", "text"]);
        evidence.GetProperty("line").ValueKind.ShouldBe(JsonValueKind.Number);
    }

    [Fact]
    public void An_unknown_setting_is_a_usage_error()
    {
        var result = CliRunner.Run("check", "--set", "loss-spike.nope=3", Fixture("diagnostics"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("loss-spike.nope");
    }

    [Fact]
    public void An_unreadable_gpu_memory_is_a_usage_error()
        => CliRunner.Run("check", "--gpu-memory", "lots", Fixture("diagnostics")).ExitCode.ShouldBe(2);

    [Fact]
    public void A_config_file_beside_the_logs_disables_rules()
    {
        var dir = Directory.CreateTempSubdirectory("trainscope-check-");
        try
        {
            File.Copy(Fixture("diagnostics/mixed_failures.log"), Path.Combine(dir.FullName, "train.log"));
            File.WriteAllText(Path.Combine(dir.FullName, "trainscope.json"), """
                { "doctor": { "disabled": ["oom", "error"], "loss-spike": { "mad": 6 } } }
                """);

            var result = CliRunner.Run("check", "--json", Path.Combine(dir.FullName, "train.log"));

            var rules = result.Json.GetProperty("runs")[0].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToArray();
            rules.ShouldNotContain("oom");
            rules.ShouldNotContain("error");
            rules.ShouldContain("rank-error");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_config_file_with_an_unknown_rule_is_a_usage_error_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("trainscope-check-");
        try
        {
            File.Copy(Fixture("diagnostics/mixed_failures.log"), Path.Combine(dir.FullName, "train.log"));
            var config = Path.Combine(dir.FullName, "trainscope.json");
            File.WriteAllText(config, """{ "doctor": { "disabled": ["no-such-rule"] } }""");

            var result = CliRunner.Run("check", Path.Combine(dir.FullName, "train.log"));

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldContain("no-such-rule");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_toml_config_file_works_like_the_json_one()
    {
        var dir = Directory.CreateTempSubdirectory("trainscope-check-");
        try
        {
            File.Copy(Fixture("diagnostics/mixed_failures.log"), Path.Combine(dir.FullName, "train.log"));
            File.WriteAllText(Path.Combine(dir.FullName, "trainscope.toml"), """
                [doctor]
                disabled = ["oom"]
                gpu_memory = "80GB"

                [doctor.grad-explosion]
                absolute = 50
                """);

            var result = CliRunner.Run("check", "--json", Path.Combine(dir.FullName, "train.log"));

            result.Error.ShouldBeEmpty();
            var rules = result.Json.GetProperty("runs")[0].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToArray();
            rules.ShouldNotContain("oom");
            rules.ShouldContain("error");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_invalid_toml_config_is_a_usage_error()
    {
        var dir = Directory.CreateTempSubdirectory("trainscope-check-");
        try
        {
            File.Copy(Fixture("diagnostics/mixed_failures.log"), Path.Combine(dir.FullName, "train.log"));
            File.WriteAllText(Path.Combine(dir.FullName, "trainscope.toml"), "[doctor\nthis is = = not toml");

            var result = CliRunner.Run("check", Path.Combine(dir.FullName, "train.log"));

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldContain("trainscope.toml");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
