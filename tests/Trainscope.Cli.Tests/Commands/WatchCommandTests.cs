using System.Text.Json;
using System.Text.RegularExpressions;
using Trainscope.Tests.Support;

namespace Trainscope.Tests.Commands;

public class WatchCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trainscope-watch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<int> Ids(WatchRunner watch)
        => watch.Lines.Select(l => Regex.Match(l, @" id=(\d+)")).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value));

    [Theory]
    [InlineData("--poll-interval", "40")]
    [InlineData("--poll", "--poll-interval=40")]
    public void Plain_output_shows_every_record_exactly_once_while_files_are_appended_rotated_truncated_and_deleted(string option, string value)
    {
        var writer = new LogChurnWriter(_dir);
        File.WriteAllText(writer.MainLog, "");
        using var watch = new WatchRunner("--plain", option, value, _dir);
        writer.Run(TimeSpan.FromMilliseconds(15));
        watch.WaitFor(_ => Ids(watch).Count() >= writer.Written, TimeSpan.FromSeconds(15));
        Thread.Sleep(500); // anything printed twice would show up now
        watch.Stop().ShouldBe(0);
        Ids(watch).Order().ShouldBe(Enumerable.Range(1, writer.Written), watch.Output);
        watch.Lines.ShouldContain(l => l.StartsWith("notice=rotated"));
        watch.Lines.ShouldContain(l => l.StartsWith("notice=truncated"));
        watch.Lines.ShouldContain(l => l.StartsWith("notice=deleted"));
    }

    [Fact]
    public void The_doctor_settings_are_read_as_analyze_reads_them()
    {
        var path = Path.Combine(_dir, "train.log");
        File.WriteAllText(path, "step=1 loss=0.5\n");
        var result = Support.CliRunner.Run("watch", "--plain", "--set", "no-such-rule.window=3", path);
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("no-such-rule");
    }

    [Fact]
    public void Plain_lines_carry_source_rank_step_and_the_numbers_as_written()
    {
        var path = Path.Combine(_dir, "train_rank2.log");
        File.WriteAllText(path, "step=7 loss=0.5000 lr=1e-04\n");
        using var watch = new WatchRunner("--plain", path);
        watch.WaitFor(o => o.Contains("loss="), TimeSpan.FromSeconds(10)).ShouldBeTrue(watch.Error);
        File.AppendAllText(path, "step=8 loss=0.4900 lr=1e-04\n");
        watch.WaitFor(o => o.Contains("step=8"), TimeSpan.FromSeconds(10)).ShouldBeTrue();
        watch.Stop();
        var lines = watch.Lines.Where(l => !l.StartsWith("notice=")).ToArray();
        lines.Length.ShouldBe(2);
        lines[0].ShouldEndWith("train_rank2.log:1 rank=2 step=7 loss=0.5000 lr=1e-04");
        lines[1].ShouldEndWith("train_rank2.log:2 rank=2 step=8 loss=0.4900 lr=1e-04");
    }

    [Fact]
    public void A_stalled_rank_raises_rank_stalled_and_runs_the_exec_hook_with_the_finding_as_json()
    {
        var rank0 = Path.Combine(_dir, "train_rank0.log");
        var rank1 = Path.Combine(_dir, "train_rank1.log");
        var alerts = Path.Combine(_dir, "alerts.jsonl");
        File.WriteAllText(rank0, "step=0 loss=1\n");
        File.WriteAllText(rank1, "step=0 loss=1\n");
        using var watch = new WatchRunner("--plain", "--stall-after", "1.5", "--exec", $"cat >> '{alerts}'", rank0, rank1);
        for (var step = 1; step <= 60; step++)
        {
            Thread.Sleep(50);
            File.AppendAllText(rank0, $"step={step} loss=0.5\n");
            if (step <= 10)
            {
                File.AppendAllText(rank1, $"step={step} loss=0.5\n");
            }
        }

        watch.WaitFor(o => o.Contains("rule=rank-stalled"), TimeSpan.FromSeconds(10)).ShouldBeTrue(watch.Output);
        watch.Stop().ShouldBe(0);
        var finding = watch.Lines.Single(l => l.Contains("rule=rank-stalled"));
        finding.ShouldStartWith("finding severity=error rule=rank-stalled rank=1");
        var json = JsonDocument.Parse(File.ReadAllLines(alerts).Single()).RootElement;
        json.GetProperty("rule").GetString().ShouldBe("rank-stalled");
        json.GetProperty("rank").GetInt32().ShouldBe(1);
        json.GetProperty("evidence")[0].GetProperty("text").GetString().ShouldBe("step=10 loss=0.5");
    }

    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        var result = CliRunner.Run("watch", "--plain", "/no/such/run");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("/no/such/run");
    }

    [Fact]
    public void An_unknown_alert_level_is_a_usage_error()
        => CliRunner.Run("watch", "--alert-on", "loud", _dir).ExitCode.ShouldBe(2);
}
